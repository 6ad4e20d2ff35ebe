import type { Flags, Segment } from '../segment.ts';
import { segSpace } from '../segment.ts';
import { seqAdd } from '../seq.ts';
import type { Tcb } from '../tcb.ts';
import { advertisedWindow } from '../tcb.ts';

function seg(t: Tcb, seq: number, flags: Flags, len = 0): Segment {
  return { srcPort: t.localPort, dstPort: t.remotePort, seq, ack: flags.ACK ? t.rcvNxt : 0, flags, len, win: flags.RST ? 0 : advertisedWindow(t) };
}

export const synSegment = (t: Tcb): Segment => ({ ...seg(t, t.iss, { SYN: true }), mss: t.k.mss });
export const synAckSegment = (t: Tcb): Segment => ({ ...seg(t, t.iss, { SYN: true, ACK: true }), mss: t.k.mss });
/** Our FIN again, carrying the current ACK (FreeBSD's tcp_output repeats an unacknowledged FIN). */
export const finAgainSegment = (t: Tcb): Segment => seg(t, t.finSeq ?? seqAdd(t.sndNxt, -1), { FIN: true, ACK: true });
export const ackSegment = (t: Tcb): Segment => seg(t, t.sndNxt, { ACK: true });
/** Keepalive probe: an ACK one below SND.NXT, so the peer must answer with an ACK (RFC 1122 4.2.3.6). */
export const keepaliveProbe = (t: Tcb): Segment => seg(t, seqAdd(t.sndNxt, -1), { ACK: true });
/** Abortive close from a connection we know: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>. */
export const rstAckSegment = (t: Tcb): Segment => seg(t, t.sndNxt, { RST: true, ACK: true });

/**
 * The reset for a segment nobody should have sent us (RFC 9293 §3.10.7.1):
 * <SEQ=SEG.ACK><CTL=RST> if it had an ACK, else <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
 */
export function resetFor(s: Segment): Segment {
  const base = { srcPort: s.dstPort, dstPort: s.srcPort, len: 0, win: 0 };
  if (s.flags.ACK) return { ...base, seq: s.ack, ack: 0, flags: { RST: true } };
  return { ...base, seq: 0, ack: seqAdd(s.seq, segSpace(s)), flags: { RST: true, ACK: true } };
}

/**
 * New segments to send now: queued data in MSS-sized pieces within the peer's
 * window, then the FIN once the data is out (piggybacked on the last piece when
 * it fits, as Linux does). Returns the segments and the TCB fields they move.
 */
export function takeOutput(t: Tcb): { segs: Segment[]; sndNxt: number; unsent: number; finSeq: number | null } {
  const segs: Segment[] = [];
  let sndNxt = t.sndNxt;
  let unsent = t.unsent;
  let finSeq = t.finSeq;
  const inFlight = () => (sndNxt - t.sndUna) >>> 0;
  while (unsent > 0) {
    const room = Math.max(0, t.sndWnd - inFlight());
    const n = Math.min(unsent, t.sndMss, room);
    if (n <= 0) break;
    unsent -= n;
    const last = unsent === 0;
    const withFin = last && t.finQueued && finSeq === null;
    const s = seg(t, sndNxt, { ACK: true, PSH: last, FIN: withFin }, n);
    if (withFin) finSeq = seqAdd(sndNxt, n);
    sndNxt = seqAdd(sndNxt, segSpace(s));
    segs.push(s);
  }
  if (unsent === 0 && t.finQueued && finSeq === null) {
    const s = seg(t, sndNxt, { FIN: true, ACK: true });
    finSeq = sndNxt;
    sndNxt = seqAdd(sndNxt, 1);
    segs.push(s);
  }
  return { segs, sndNxt, unsent, finSeq };
}

/**
 * The head of the retransmission queue: what lies between SND.UNA and SND.NXT,
 * rebuilt from the TCB (the model carries byte counts, not bytes).
 */
export function headSegment(t: Tcb, state: string): Segment | null {
  if (state === 'SYN_SENT') return synSegment(t);
  if (state === 'SYN_RCVD') return synAckSegment(t);
  const outstanding = (t.sndNxt - t.sndUna) >>> 0;
  if (outstanding === 0) return null;
  const finOutstanding = t.finSeq !== null && ((t.finSeq - t.sndUna) >>> 0) < outstanding;
  const dataOutstanding = outstanding - (finOutstanding ? 1 : 0);
  const n = Math.min(dataOutstanding, t.sndMss);
  const fin = finOutstanding && n === dataOutstanding;
  return seg(t, t.sndUna, { ACK: true, PSH: n > 0 && n === dataOutstanding, FIN: fin }, n);
}
