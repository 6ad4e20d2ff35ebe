import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMANDS, eventMessage, judgeMessage, normalizeOrigin } from './protocol.ts';

const HOST = 'https://docs.example.org';
const ALLOWED = [HOST];
const msg = (o: Record<string, unknown>) => ({ target: 'tcp-state-sim', ...o });

describe('judgeMessage', () => {
  it('accepts every command from an allowed origin', () => {
    for (const cmd of ['play', 'pause', 'step', 'next-note', 'prev-note'] as const) {
      expect(judgeMessage(msg({ cmd }), HOST, ALLOWED)).toEqual({ kind: 'command', command: { cmd } });
    }
    expect(judgeMessage(msg({ cmd: 'seek', t: 2.5 }), HOST, ALLOWED)).toEqual({ kind: 'command', command: { cmd: 'seek', t: 2.5 } });
    expect(judgeMessage(msg({ cmd: 'load', scenario: 'teardown' }), HOST, ALLOWED)).toEqual({ kind: 'command', command: { cmd: 'load', scenario: 'teardown' } });
    expect(judgeMessage(msg({ cmd: 'load', s: 'N4Ig' }), HOST, ALLOWED)).toEqual({ kind: 'command', command: { cmd: 'load', s: 'N4Ig' } });
    expect(judgeMessage(msg({ cmd: 'set-lang', lang: 'zh-CN' }), HOST, ALLOWED)).toEqual({ kind: 'command', command: { cmd: 'set-lang', lang: 'zh-CN' } });
    expect(judgeMessage(msg({ cmd: 'set-theme', theme: 'dark' }), HOST, ALLOWED)).toEqual({ kind: 'command', command: { cmd: 'set-theme', theme: 'dark' } });
  });

  it('ignores commands from origins not listed, and with no list at all', () => {
    expect(judgeMessage(msg({ cmd: 'play' }), 'https://evil.example', ALLOWED)).toEqual({ kind: 'ignore', why: 'origin' });
    expect(judgeMessage(msg({ cmd: 'play' }), HOST, [])).toEqual({ kind: 'ignore', why: 'origin' });
    // a bad command from an origin not allowed gets no answer either (no oracle for strangers)
    expect(judgeMessage(msg({ cmd: 'nope' }), 'https://evil.example', ALLOWED).kind).toBe('ignore');
    // prefixes and look-alikes are different origins
    expect(judgeMessage(msg({ cmd: 'play' }), 'https://docs.example.org.evil.example', ALLOWED).kind).toBe('ignore');
    expect(judgeMessage(msg({ cmd: 'play' }), 'http://docs.example.org', ALLOWED).kind).toBe('ignore');
  });

  it('ignores messages meant for someone else', () => {
    for (const data of [null, undefined, 'play', 42, [], { cmd: 'play' }, { target: 'other', cmd: 'play' }, { source: 'tcp-state-sim', type: 'ready' }]) {
      expect(judgeMessage(data, HOST, ALLOWED)).toEqual({ kind: 'ignore', why: 'not-ours' });
    }
  });

  it('answers a malformed command with an error naming the command and the field', () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{}, '', /^cmd: expected one of play, pause/],
      [{ cmd: 7 }, '', /^cmd: expected/],
      [{ cmd: 'jump' }, 'jump', /^cmd: unknown command "jump"; allowed: play, pause/],
      [{ cmd: 'seek' }, 'seek', /^t: expected seconds 0 … 1000000, got nothing/],
      [{ cmd: 'seek', t: '3' }, 'seek', /^t: expected seconds .* got "3"/],
      [{ cmd: 'seek', t: -1 }, 'seek', /^t: /],
      [{ cmd: 'seek', t: Number.NaN }, 'seek', /^t: /],
      [{ cmd: 'play', fast: true }, 'play', /^fast: unknown field for "play"; fields allowed: none/],
      [{ cmd: 'load' }, 'load', /exactly one of "scenario"/],
      [{ cmd: 'load', scenario: 'a', s: 'b' }, 'load', /exactly one of/],
      [{ cmd: 'load', scenario: 3 }, 'load', /^scenario: expected a scenario id/],
      [{ cmd: 'load', s: '' }, 'load', /^s: expected lz-string/],
      [{ cmd: 'set-lang', lang: 'fr' }, 'set-lang', /^lang: expected one of en, zh-CN, got "fr"/],
      [{ cmd: 'set-theme', theme: 'pink' }, 'set-theme', /^theme: expected one of light, dark, contrast, auto/],
    ];
    for (const [o, cmd, re] of cases) {
      const v = judgeMessage(msg(o), HOST, ALLOWED);
      expect(v.kind, JSON.stringify(o)).toBe('error');
      if (v.kind !== 'error') continue;
      expect(v.cmd).toBe(cmd);
      expect(v.message).toMatch(re);
    }
  });

  it('shortens a long field name it echoes, and long strings before quoting them', () => {
    const v = judgeMessage(msg({ cmd: 'play', ['k'.repeat(100_000)]: 1 }), HOST, ALLOWED);
    expect(v).toEqual({ kind: 'error', cmd: 'play', message: `${'k'.repeat(40)}…: unknown field for "play"; fields allowed: none` });
    const w = judgeMessage(msg({ cmd: 'seek', t: '\u0000'.repeat(100_000) }), HOST, ALLOWED);
    expect(w.kind === 'error' && w.message).toBe(`t: expected seconds 0 … 1000000, got ${'"\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0'}…`);
  });

  it('shortens long values in its messages', () => {
    const v = judgeMessage(msg({ cmd: 'x'.repeat(5000) }), HOST, ALLOWED);
    expect(v.kind).toBe('error');
    if (v.kind === 'error') {
      expect(v.cmd.length).toBeLessThanOrEqual(40);
      expect(v.message.length).toBeLessThan(300);
    }
  });

  it('never throws, whatever arrives (hostile getters included)', () => {
    const hostile = new Proxy({ target: 'tcp-state-sim' }, { get: (t, k) => (k === 'target' ? 'tcp-state-sim' : (() => { throw new Error('boom'); })()), ownKeys: () => { throw new Error('boom'); } });
    expect(judgeMessage(hostile, HOST, ALLOWED)).toEqual({ kind: 'error', cmd: '', message: 'the message could not be read' });
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom(...COMMANDS), fc.dictionary(fc.string(), fc.anything()), (junk, cmd, extra) => {
        for (const data of [junk, msg({ cmd, ...extra }), msg({ ...extra, cmd })]) {
          const v = judgeMessage(data, HOST, ALLOWED);
          expect(['ignore', 'command', 'error']).toContain(v.kind);
        }
      }),
    );
  });
});

describe('normalizeOrigin', () => {
  it('keeps scheme, host and port; rejects anything else', () => {
    expect(normalizeOrigin('https://Docs.Example.org')).toBe('https://docs.example.org');
    expect(normalizeOrigin(' http://127.0.0.1:4111 ')).toBe('http://127.0.0.1:4111');
    expect(normalizeOrigin('https://example.org:443')).toBe('https://example.org');
    for (const bad of ['', '*', 'null', 'example.org', 'https://example.org/', 'https://example.org/path', 'javascript:alert(1)', 'file:///etc', 'https://a b']) {
      expect(normalizeOrigin(bad), bad).toBeNull();
    }
  });
});

describe('eventMessage', () => {
  it('marks every event with its source', () => {
    expect(eventMessage({ type: 'resize', height: 420 })).toEqual({ source: 'tcp-state-sim', type: 'resize', height: 420 });
  });
});
