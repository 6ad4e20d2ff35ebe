import type { Knobs } from '../knobs.ts';
import { orphanRetries } from '../knobs.ts';
import type { TcpState } from '../states.ts';
import { flag, TF, UNSET } from '../tcb.ts';

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * RFC 6298 §2 with one RTT sample. Linux floors the variance term at rto_min
 * (RTO = SRTT + max(4·RTTVAR, rto_min)); the RFC floors the result at rto_min.
 */
export interface RttEstimate {
  srtt: number;
  rttvar: number;
  rto: number;
}

/** `into`: a caller's scratch record to write the result to (no object per sample). */
export function rttSample(k: Knobs, srtt: number, rttvar: number, r: number, into?: RttEstimate): RttEstimate {
  let s: number;
  let v: number;
  if (srtt === UNSET) {
    s = r;
    v = r / 2;
  } else {
    v = 0.75 * rttvar + 0.25 * Math.abs(srtt - r);
    s = 0.875 * srtt + 0.125 * r;
  }
  const linuxStyle = k.profile === 'linux';
  const rto = linuxStyle ? s + Math.max(4 * v, k.rto_min) : Math.max(s + Math.max(0.001, 4 * v), k.rto_min);
  const out = into ?? { srtt: 0, rttvar: 0, rto: 0 };
  out.srtt = s;
  out.rttvar = v;
  out.rto = clamp(rto, k.rto_min, k.rto_max);
  return out;
}

/**
 * The RTO after the `retries`-th timeout. SYN_SENT keeps the initial RTO for the
 * first tcp_syn_linear_timeouts retries (Linux); otherwise it doubles up to rto_max.
 */
export function backoff(k: Knobs, state: TcpState, rto: number, retries: number): number {
  if (state === 'SYN_SENT' && retries <= k.tcp_syn_linear_timeouts) return rto;
  return Math.min(rto * 2, k.rto_max);
}

/** How many retransmissions a connection in `state` gets before it gives up (the count rule). */
export function retryLimit(k: Knobs, state: TcpState, orphan: boolean): number {
  if (state === 'SYN_SENT') return k.tcp_syn_retries + k.tcp_syn_linear_timeouts;
  if (state === 'SYN_RCVD') return k.tcp_synack_retries;
  if (orphan) return orphanRetries(k);
  return k.tcp_retries2;
}

/** Linux's TCP_RTO_MIN: the back-off base of the time budget of a synchronized connection. */
const LINUX_RTO_BASE = 0.2;

/**
 * Linux's tcp_model_timeout(): how long `boundary` retransmissions take with the
 * RTO doubling from `base` and capped at `rtoMax`; the time budget of a retry
 * limit. E.g. tcp_retries2 = 3 from 200 ms: (2^4 - 1) x 0.2 = 3 s; 15: 924.6 s.
 */
export function modelTimeout(boundary: number, base: number, rtoMax: number): number {
  const thresh = Math.floor(Math.log2(rtoMax / base));
  if (boundary <= thresh) return (2 ** (boundary + 1) - 1) * base;
  return (2 ** (thresh + 1) - 1) * base + (boundary - thresh) * rtoMax;
}

/** What the give-up rule reads from the TCB. */
export interface RetryState {
  retries: number;
  rto: number;
  /** Tcb.flags (TF.orphan and TF.passive are read) */
  flags: number;
  /** when the oldest unacknowledged segment was sent */
  headSentAt: number;
}

/**
 * Whether an RTO expiry at `now` gives up instead of retransmitting again.
 * rfc9293 counts retransmissions. Linux (tcp_write_timeout()) counts only the
 * handshake's (a listener's half-open child: tcp_synack_retries; SYN_SENT:
 * tcp_syn_retries + tcp_syn_linear_timeouts) and otherwise turns the limit into
 * a time budget: it gives up once the oldest unacknowledged data was first sent
 * longer ago than modelTimeout(limit) (retransmits_timed_out()), checked only
 * after a first retransmission. An orphan's limit is tcp_orphan_retries (0 means
 * 8 while its RTO is below the maximum, tcp_orphan_retries()).
 */
export function retriesExhausted(k: Knobs, state: TcpState, t: RetryState, now: number): boolean {
  const orphan = flag(t, TF.orphan);
  if (k.profile !== 'linux') return t.retries >= retryLimit(k, state, orphan);
  if (state === 'SYN_RCVD' && flag(t, TF.passive)) return t.retries >= k.tcp_synack_retries;
  if (state === 'SYN_SENT' || state === 'SYN_RCVD') {
    const count = k.tcp_syn_retries + (state === 'SYN_SENT' ? k.tcp_syn_linear_timeouts : 0);
    return t.retries >= count || timedOut(k, t, now, k.tcp_syn_retries, k.rto_initial);
  }
  let boundary = k.tcp_retries2;
  if (orphan) boundary = k.tcp_orphan_retries > 0 ? k.tcp_orphan_retries : t.rto < k.rto_max ? 8 : 0;
  return timedOut(k, t, now, boundary, LINUX_RTO_BASE);
}

/** Linux's retransmits_timed_out(): a plain function, not a closure per call (this runs on every RTO expiry). */
function timedOut(k: Knobs, t: RetryState, now: number, boundary: number, base: number): boolean {
  return t.retries > 0 && now - t.headSentAt >= modelTimeout(boundary, base, k.rto_max) - 1e-9;
}
