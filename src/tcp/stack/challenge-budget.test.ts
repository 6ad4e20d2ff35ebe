/**
 * The host-wide challenge ACK budget (RFC 5961 section 7, Linux tcp_challenge_ack_limit):
 * across all of a host's connections, at most a budget of challenge ACKs per second, drawn
 * each second between limit/2 and limit/2 + limit - 1 (tcp_send_challenge_ack()). The
 * per-socket limit (tcp_invalid_ratelimit) is checked first and a challenge it suppresses
 * does not spend the budget.
 */
import { describe, expect, it } from 'vitest';
import { resolveKnobs } from '../knobs.ts';
import type { Segment } from '../segment.ts';
import { Stack } from './stack.ts';

const PORT = 80;
const PEER_ISN = 5000;

/** A server stack with `n` established connections from ports 1001.. (the peers' ISN is PEER_ISN). */
function serverWith(n: number, set: Record<string, number>, rand32: () => number = () => 7) {
  const st = new Stack({ knobs: resolveKnobs('linux', set), rand32 });
  const l = st.socket();
  st.bind(l, PORT);
  st.listen(l, 128, 0);
  st.drain();
  for (let i = 0; i < n; i++) {
    const src = 1001 + i;
    st.deliver({ srcPort: src, dstPort: PORT, seq: PEER_ISN, ack: 0, flags: { SYN: true }, len: 0, win: 65535, mss: 1460 }, 0.1);
    const synAck = st.drain().find((e) => e.kind === 'send')!;
    if (synAck.kind !== 'send') throw new Error('no SYN,ACK');
    st.deliver({ srcPort: src, dstPort: PORT, seq: PEER_ISN + 1, ack: synAck.seg.seq + 1, flags: { ACK: true }, len: 0, win: 65535 }, 0.2);
  }
  st.drain();
  return st;
}

/** An in-window RST that is not at RCV.NXT: RFC 5961 answers it with a challenge ACK. */
const blindRst = (src: number): Segment => ({ srcPort: src, dstPort: PORT, seq: PEER_ISN + 1 + 100, ack: 0, flags: { RST: true }, len: 0, win: 0 });

/** Challenge ACKs the stack sends for one blind RST on each of connections `from..to-1` at `now`. */
function challenges(st: Stack, conns: number[], now: number): number {
  let n = 0;
  for (const i of conns) {
    st.deliver(blindRst(1001 + i), now);
    n += st.drain().filter((e) => e.kind === 'send' && e.seg.flags.ACK && !e.seg.flags.RST).length;
  }
  return n;
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe('host-wide challenge ACK budget (tcp_challenge_ack_limit)', () => {
  it('sends limit/2 + rand % limit challenge ACKs per second across connections, then drops the rest', () => {
    // limit 4, rand 7: budget 2 + 7 % 4 = 5 for the second
    const st = serverWith(12, { tcp_challenge_ack_limit: 4, tcp_invalid_ratelimit: 0 });
    expect(challenges(st, range(0, 12), 5.2)).toBe(5);
    // the same second: still spent
    expect(challenges(st, range(0, 3), 5.9)).toBe(0);
    // a new second draws a new budget
    expect(challenges(st, range(0, 12), 6.05)).toBe(5);
  });

  it('keeps every second within [limit/2, limit/2 + limit - 1] whatever the random draw', () => {
    let x = 12345;
    const rand = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const st = serverWith(40, { tcp_challenge_ack_limit: 10, tcp_invalid_ratelimit: 0 }, rand);
    const seen = new Set<number>();
    for (let sec = 1; sec <= 20; sec++) {
      const n = challenges(st, range(0, 40), sec + 0.5);
      expect(n).toBeGreaterThanOrEqual(5);
      expect(n).toBeLessThanOrEqual(14);
      seen.add(n);
    }
    // the budget is drawn, not fixed
    expect(seen.size).toBeGreaterThan(1);
  });

  it('is off at its maximum (the Linux default): every connection gets its challenge', () => {
    const st = serverWith(30, { tcp_invalid_ratelimit: 0 });
    expect(challenges(st, range(0, 30), 5.5)).toBe(30);
  });

  it('a challenge the per-socket limit suppresses does not spend the host budget', () => {
    // per socket: one ACK per 0.5 s; host: budget 2 + 7 % 3 = 3
    const st = serverWith(4, { tcp_challenge_ack_limit: 3, tcp_invalid_ratelimit: 0.5 });
    // connection 0 answers its first RST, then stays quiet for 0.5 s: those RSTs cost nothing
    expect(challenges(st, [0, 0, 0, 0], 3.1)).toBe(1);
    // two more connections use the rest of the budget; the fourth is over it
    expect(challenges(st, [1, 2, 3], 3.2)).toBe(2);
  });
});
