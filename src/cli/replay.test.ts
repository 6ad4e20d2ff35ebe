import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { traceToPcap } from '../pcap/export.ts';
import { requireScenario } from '../scenarios/index.ts';
import { createWorld } from '../scenarios/world.ts';

const dir = mkdtempSync(join(tmpdir(), 'tss-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/replay.ts', ...args], { encoding: 'utf8' });

describe('npm run replay', () => {
  it('prints both peers\' paths, the JSON trace, and clear errors', () => {
    const w = createWorld(requireScenario('teardown'));
    w.runUntil(100);
    const f = join(dir, 'teardown.pcap');
    writeFileSync(f, traceToPcap(w.toJSON()));
    const text = run(f);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('# client: CLOSED → SYN_SENT → ESTABLISHED → FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT');
    expect(text.stdout).toContain('# server: CLOSED → LISTEN → SYN_RCVD → ESTABLISHED → CLOSE_WAIT → LAST_ACK → CLOSED');
    const json = JSON.parse(run(f, '--json', '--profile', 'rfc9293').stdout);
    expect(json.profile).toBe('rfc9293');
    expect(json.events.filter((e: { type: string }) => e.type === 'state').length).toBeGreaterThan(8);
    const missing = run(f, '--stream', '2');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`replay: ${f}: no TCP stream 2; the capture holds 1: 0: 192.0.2.10:40000 → 198.51.100.20:80, 9 packets`);
    const bad = join(dir, 'bad.pcap');
    writeFileSync(bad, 'not a capture');
    expect(run(bad).stderr).toContain(`replay: ${bad}: byte 0: wrong magic number 0x6e6f7420`);
    expect(run(join(dir, 'nope.pcap')).stderr).toContain('no such file');
  }, 60_000);
});
