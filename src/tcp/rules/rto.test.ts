import { describe, expect, it } from 'vitest';
import { TF } from '../tcb.ts';
import fc from 'fast-check';
import { resolveKnobs } from '../knobs.ts';
import type { RetryState } from './rto.ts';
import { modelTimeout, retriesExhausted } from './rto.ts';

const linux = resolveKnobs('linux');
const at = (p: Partial<Omit<RetryState, 'flags'> & { orphan: boolean; passive: boolean }>): RetryState => ({
  retries: p.retries ?? 1,
  rto: p.rto ?? 1,
  headSentAt: p.headSentAt ?? 0,
  flags: (p.orphan ? TF.orphan : 0) | (p.passive ? TF.passive : 0),
});

describe("Linux's retry time budget (tcp_model_timeout)", () => {
  it('doubles from the base up to the threshold, then adds rto_max per retry', () => {
    expect(modelTimeout(3, 0.2, 120)).toBeCloseTo(3);
    // ilog2(120 / 0.2) = 9: (2^10 - 1) x 0.2 + 6 x 120 = 924.6 s, the familiar ~15.4 minutes of tcp_retries2 = 15
    expect(modelTimeout(15, 0.2, 120)).toBeCloseTo(924.6);
    expect(modelTimeout(6, 1, 120)).toBeCloseTo(127);
  });

  it('grows with the boundary', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 60 }), (b) => modelTimeout(b + 1, 0.2, 120) > modelTimeout(b, 0.2, 120)));
  });
});

describe('retriesExhausted', () => {
  const k = resolveKnobs('linux', { tcp_retries2: 3 });
  it('never gives up before a first retransmission', () => {
    expect(retriesExhausted(k, 'ESTABLISHED', at({ retries: 0 }), 100)).toBe(false);
  });
  it('gives up once the oldest data was sent longer ago than the budget (3 s for tcp_retries2 = 3)', () => {
    expect(retriesExhausted(k, 'ESTABLISHED', at({ headSentAt: 10 }), 12.9)).toBe(false);
    expect(retriesExhausted(k, 'ESTABLISHED', at({ headSentAt: 10 }), 13)).toBe(true);
  });
  it('counts an orphan against tcp_orphan_retries (0 means 8 while the RTO is below the maximum)', () => {
    expect(retriesExhausted(linux, 'LAST_ACK', at({ orphan: true, headSentAt: 0 }), modelTimeout(8, 0.2, 120) - 0.1)).toBe(false);
    expect(retriesExhausted(linux, 'LAST_ACK', at({ orphan: true, headSentAt: 0 }), modelTimeout(8, 0.2, 120))).toBe(true);
    expect(retriesExhausted(linux, 'LAST_ACK', at({ orphan: true, rto: 120, headSentAt: 0 }), 0.2)).toBe(true);
  });
  it("counts a listener's half-open child's SYN,ACKs (tcp_synack_retries)", () => {
    expect(retriesExhausted(linux, 'SYN_RCVD', at({ passive: true, retries: 4, headSentAt: 0 }), 1000)).toBe(false);
    expect(retriesExhausted(linux, 'SYN_RCVD', at({ passive: true, retries: 5 }), 0)).toBe(true);
  });
  it('SYN_SENT: the count (tcp_syn_retries + tcp_syn_linear_timeouts) or the budget from the initial RTO', () => {
    expect(retriesExhausted(linux, 'SYN_SENT', at({ retries: 9 }), 67)).toBe(false);
    expect(retriesExhausted(linux, 'SYN_SENT', at({ retries: 10 }), 67)).toBe(true);
    expect(retriesExhausted(resolveKnobs('linux', { tcp_syn_linear_timeouts: 0 }), 'SYN_SENT', at({ retries: 5 }), 127)).toBe(true);
  });
  it('rfc9293 counts retransmissions', () => {
    const r = resolveKnobs('rfc9293', { tcp_retries2: 3 });
    expect(retriesExhausted(r, 'ESTABLISHED', at({ retries: 2, headSentAt: 0 }), 1e6)).toBe(false);
    expect(retriesExhausted(r, 'ESTABLISHED', at({ retries: 3 }), 0)).toBe(true);
  });
});
