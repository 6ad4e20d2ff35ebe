import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PKT_EXAMPLES } from './pktExamples.ts';
import { runPkt, verdictLine } from './pktRun.ts';

describe('packetdrill in the page', () => {
  it('passes every example script, as the CLI does', () => {
    for (const ex of PKT_EXAMPLES) {
      const r = runPkt(ex.text, 'linux', ex.name);
      expect(verdictLine(r, ex.name)).toBe(`PASS ${ex.name}`);
      expect(r.ladder.length).toBeGreaterThan(0);
    }
    // the examples are the project's files, unchanged
    expect(PKT_EXAMPLES[0]!.text).toBe(readFileSync('tests/packetdrill/common/active-open.pkt', 'utf8'));
  });

  it('fails a broken copy at the broken line, with the runner\'s reason', () => {
    const lines = PKT_EXAMPLES[0]!.text.split('\n');
    const i = lines.findIndex((l) => l.includes('> S 0:0(0)'));
    lines[i] = lines[i]!.replace('> S 0:0(0)', '> F 0:0(0)');
    const r = runPkt(lines.join('\n'), 'linux', 'broken.pkt');
    expect(r.status).toBe('fail');
    expect(r.line).toBe(i + 1);
    expect(r.message).toBeTruthy();
  });

  it('reports a syntax error with line and column', () => {
    const r = runPkt('0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 bogus(((\n', 'linux', 'bad.pkt');
    expect(r.status).toBe('fail');
    expect(r.line).toBe(2);
    expect(verdictLine(r, 'bad.pkt')).toMatch(/^FAIL bad\.pkt:2(:\d+)?: /);
  });
});
