import type { Knobs } from '../knobs.ts';
import { orphanRetries } from '../knobs.ts';
import type { TcpState } from '../states.ts';

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * RFC 6298 §2 with one RTT sample. Linux floors the variance term at rto_min
 * (RTO = SRTT + max(4·RTTVAR, rto_min)); the RFC floors the result at rto_min.
 */
export function rttSample(k: Knobs, srtt: number | null, rttvar: number, r: number): { srtt: number; rttvar: number; rto: number } {
  let s: number;
  let v: number;
  if (srtt === null) {
    s = r;
    v = r / 2;
  } else {
    v = 0.75 * rttvar + 0.25 * Math.abs(srtt - r);
    s = 0.875 * srtt + 0.125 * r;
  }
  const linuxStyle = k.profile === 'linux';
  const rto = linuxStyle ? s + Math.max(4 * v, k.rto_min) : Math.max(s + Math.max(0.001, 4 * v), k.rto_min);
  return { srtt: s, rttvar: v, rto: clamp(rto, k.rto_min, k.rto_max) };
}

/**
 * The RTO after the `retries`-th timeout. SYN_SENT keeps the initial RTO for the
 * first tcp_syn_linear_timeouts retries (Linux); otherwise it doubles up to rto_max.
 */
export function backoff(k: Knobs, state: TcpState, rto: number, retries: number): number {
  if (state === 'SYN_SENT' && retries <= k.tcp_syn_linear_timeouts) return rto;
  return Math.min(rto * 2, k.rto_max);
}

/** How many retransmissions a connection in `state` gets before it gives up. */
export function retryLimit(k: Knobs, state: TcpState, orphan: boolean): number {
  if (state === 'SYN_SENT') return k.tcp_syn_retries + k.tcp_syn_linear_timeouts;
  if (state === 'SYN_RCVD') return k.tcp_synack_retries;
  if (orphan) return orphanRetries(k);
  return k.tcp_retries2;
}
