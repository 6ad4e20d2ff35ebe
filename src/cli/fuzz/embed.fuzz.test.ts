// A seeded slice of `npm run fuzz` for CI: the embed's message handler answers any message, from
// any origin, by its rules (ignore strangers, short error replies, well-formed commands only), and
// every accepted `load` builds a simulation or is refused with a clear error.
import { describe, expect, it } from 'vitest';
import { embedSurface } from './embed.ts';
import type { EmbedInput } from './embed.ts';
import { judgeMessage } from '../../ui/docs/protocol.ts';
import { expectCleanSlice } from './slice.ts';

describe('fuzz.embed (seeded slice)', () => {
  it('answers 3000 generated messages by the protocol’s rules, never a crash', () => {
    expectCleanSlice(embedSurface(), 3000);
  }, 120_000);

  it('counts a broken rule as a crash', () => {
    const s = embedSurface();
    const msg = (data: unknown, origin = 'https://docs.example.org'): EmbedInput => ({ data, origin, originParam: 'https://docs.example.org' });
    expect(s.run(msg({ target: 'tcp-state-sim', cmd: 'play' }))).toBe('accepted');
    expect(s.run(msg({ target: 'tcp-state-sim', cmd: 'play' }, 'https://evil.example'))).toBe('clean');
    expect(s.run(msg({ target: 'tcp-state-sim', cmd: 'load', s: 'garbage' }))).toBe('clean');
    expect(s.run(msg({ target: 'tcp-state-sim', cmd: 'load', scenario: 'teardown' }))).toBe('accepted');
    // handlers that break the protocol's rules are caught
    const obeysAnyone = embedSurface((data, _origin, allowed) => judgeMessage(data, allowed[0]!, allowed));
    expect(() => obeysAnyone.run(msg({ target: 'tcp-state-sim', cmd: 'play' }, 'https://evil.example'))).toThrow(/answered a message from "https:\/\/evil.example"/);
    const echoes = embedSurface(() => ({ kind: 'error', cmd: 'play', message: 'x'.repeat(5000) }));
    expect(() => echoes.run(msg({ target: 'tcp-state-sim', cmd: 'play' }))).toThrow(/error reply of 5000 characters/);
    const lax = embedSurface(() => ({ kind: 'command', command: { cmd: 'seek', t: -1 } }));
    expect(() => lax.run(msg({ target: 'tcp-state-sim', cmd: 'seek', t: -1 }))).toThrow(/accepted a malformed command \(t\)/);
  });
});
