/**
 * Linux's per-socket limit on ACKs that answer invalid segments
 * (tcp_oow_rate_limited(), tcp_invalid_ratelimit): out-of-window segments,
 * RFC 5961 challenge ACKs and TIME_WAIT's answers get at most one ACK per
 * interval. A data segment without SYN is never limited (it cannot be part of
 * an ACK loop) and does not count.
 */
import type { Segment } from '../segment.ts';
import type { Tcb } from '../tcb.ts';
import { UNSET } from '../tcb.ts';
import type { Verdict } from './verdict.ts';

/** The ACK replies the limit applies to. */
export function rateLimitedKind(v: Verdict): boolean {
  return v.kind === 'ack';
}

/** Whether the ACK answering `s` at `now` is suppressed by the per-socket limit. */
export function oowAckSuppressed(t: Pick<Tcb, 'k' | 'lastOowAckAt'>, s: Segment, now: number): boolean {
  const interval = t.k.tcp_invalid_ratelimit;
  if (interval <= 0) return false;
  if (s.len > 0 && !s.flags.SYN) return false;
  if (t.lastOowAckAt === UNSET) return false;
  const elapsed = now - t.lastOowAckAt;
  return elapsed >= 0 && elapsed < interval - 1e-9;
}

/** Whether the per-socket limit applies to `s` at all (and so records the time of the ACK sent). */
export function oowAckCounts(t: Pick<Tcb, 'k'>, s: Segment): boolean {
  return t.k.tcp_invalid_ratelimit > 0 && !(s.len > 0 && !s.flags.SYN);
}
