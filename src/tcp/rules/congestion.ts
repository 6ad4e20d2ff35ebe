/**
 * Reno congestion control as Linux counts it, in segments (tcp_cong.c):
 * slow start adds one segment per segment ACKed up to ssthresh, congestion
 * avoidance one per window ACKed, and an RTO halves ssthresh and restarts from
 * one segment (tcp_enter_loss()). A cwnd of 0 means no congestion control.
 */
import type { Tcb } from '../tcb.ts';
import { flag, TF, UNSET } from '../tcb.ts';

/** The bytes the congestion window lets be in flight (Infinity without congestion control). */
export function cwndBytes(t: Pick<Tcb, 'cwnd' | 'sndMss'>): number {
  return t.cwnd > 0 ? t.cwnd * t.sndMss : Infinity;
}

/** Grow the window for `ackedSegs` newly acknowledged segments. */
export function onAcked(t: Pick<Tcb, 'cwnd' | 'ssthresh' | 'cwndCnt'>, ackedSegs: number): void {
  // a count that is not finite (an MSS of 0 announced in a capture) would never end the loop below
  if (t.cwnd <= 0 || !(ackedSegs > 0) || !Number.isFinite(ackedSegs)) return;
  let acked = ackedSegs;
  if (t.cwnd < t.ssthresh) {
    const room = t.ssthresh - t.cwnd;
    const take = Math.min(acked, room);
    t.cwnd += take;
    acked -= take;
  }
  if (acked <= 0) return;
  t.cwndCnt += acked;
  while (t.cwndCnt >= t.cwnd) {
    t.cwndCnt -= t.cwnd;
    t.cwnd += 1;
  }
}

/** An RTO: ssthresh to half the window (at least 2), the window to one segment. */
export function onRto(t: Pick<Tcb, 'cwnd' | 'ssthresh' | 'cwndCnt'>): void {
  if (t.cwnd <= 0) return;
  t.ssthresh = Math.max(t.cwnd >> 1, 2);
  t.cwnd = 1;
  t.cwndCnt = 0;
}

/**
 * RFC 8985 probe timeout as Linux sets it (tcp_schedule_loss_probe()): 2 x SRTT,
 * plus 200 ms when a single segment is out (its ACK may be delayed) or 2 ms
 * otherwise; never later than the RTO would fire. Null when no probe is due
 * (off, no SACK, no RTT measured yet, or a probe is still unacknowledged).
 */
export function probeTimeout(t: Pick<Tcb, 'k' | 'srtt' | 'rto' | 'tlpHighSeq' | 'sndMss' | 'flags'>, inFlightBytes: number): number | null {
  // Linux probes only on SACK connections (tcp_schedule_loss_probe()).
  if (!t.k.tlp || !flag(t, TF.sackOk) || t.srtt === UNSET || t.tlpHighSeq !== UNSET || inFlightBytes <= 0) return null;
  const onePacket = inFlightBytes <= t.sndMss;
  // in whole milliseconds, as the kernel's jiffies (usecs_to_jiffies() rounds up)
  const pto = Math.ceil((2 * t.srtt + (onePacket ? 0.2 : 0.002)) * 1000 - 1e-6) / 1000;
  return Math.min(pto, t.rto);
}
