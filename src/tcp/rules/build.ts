import type { Flags, Segment } from '../segment.ts';
import { F_ACK, F_FIN, F_PSH, F_RST, F_SYN, flagSet, segSpace } from '../segment.ts';
import { cwndBytes } from './congestion.ts';
import { seqAdd, seqLe } from '../seq.ts';
import type { Tcb } from '../tcb.ts';
import { advertisedWindow, flag, NO_RANGES, TF, UNSET } from '../tcb.ts';

/**
 * Flag sets are never changed once built (a segment that needs other flags gets another
 * object), so they are shared constants of one shape (segment.ts flagSet): no allocation per segment.
 */
const ACK_ONLY = flagSet(F_ACK);
const SYN_ONLY = flagSet(F_SYN);
const SYN_ACK = flagSet(F_SYN | F_ACK);
const FIN_ACK = flagSet(F_FIN | F_ACK);
const RST_ACK = flagSet(F_RST | F_ACK);
const RST_ONLY = flagSet(F_RST);
/** A data segment's flags: ACK, with PSH and FIN as given. */
const dataFlags = (psh: boolean, fin: boolean): Flags => flagSet(F_ACK | (psh ? F_PSH : 0) | (fin ? F_FIN : 0));

function seg(t: Tcb, seq: number, flags: Flags, len = 0): Segment {
  return { srcPort: t.localPort, dstPort: t.remotePort, seq, ack: flags.ACK ? t.rcvNxt : 0, flags, len, win: flags.RST ? 0 : advertisedWindow(t) };
}

/** A SYN or SYN,ACK: the MSS option, and SACK-permitted when offered (the key is absent otherwise). */
function synLike(t: Tcb, flags: Flags, sack: boolean): Segment {
  // One literal with every key, in seg()'s order: keys added afterwards grew each SYN a
  // properties store (~250 bytes per retransmitted SYN, the largest allocation of a busy fleet).
  const srcPort = t.localPort;
  const dstPort = t.remotePort;
  const ack = flags.ACK ? t.rcvNxt : 0;
  const win = flags.RST ? 0 : advertisedWindow(t);
  const mss = t.k.mss;
  if (sack) return { srcPort, dstPort, seq: t.iss, ack, flags, len: 0, win, mss, sackOk: true };
  return { srcPort, dstPort, seq: t.iss, ack, flags, len: 0, win, mss };
}
export const synSegment = (t: Tcb): Segment => synLike(t, SYN_ONLY, !!t.k.tcp_sack);
export const synAckSegment = (t: Tcb): Segment => synLike(t, SYN_ACK, flag(t, TF.sackOk));
/** Our FIN again, carrying the current ACK (FreeBSD's tcp_output repeats an unacknowledged FIN). */
export const finAgainSegment = (t: Tcb): Segment => seg(t, t.finSeq !== UNSET ? t.finSeq : seqAdd(t.sndNxt, -1), FIN_ACK);
export const ackSegment = (t: Tcb): Segment => seg(t, t.sndNxt, ACK_ONLY);
/** Keepalive probe: an ACK one below SND.NXT, so the peer must answer with an ACK (RFC 1122 4.2.3.6). */
export const keepaliveProbe = (t: Tcb): Segment => seg(t, seqAdd(t.sndNxt, -1), ACK_ONLY);
/** Abortive close from a connection we know: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>. */
export const rstAckSegment = (t: Tcb): Segment => seg(t, t.sndNxt, RST_ACK);

/**
 * The reset for a segment nobody should have sent us (RFC 9293 §3.10.7.1):
 * <SEQ=SEG.ACK><CTL=RST> if it had an ACK, else <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
 */
export function resetFor(s: Segment): Segment {
  // literals with every key (spreads from a base built an object twice, and one of another shape)
  if (s.flags.ACK) return { srcPort: s.dstPort, dstPort: s.srcPort, len: 0, win: 0, seq: s.ack, ack: 0, flags: RST_ONLY };
  return { srcPort: s.dstPort, dstPort: s.srcPort, len: 0, win: 0, seq: 0, ack: seqAdd(s.seq, segSpace(s)), flags: RST_ACK };
}

/** The write ends not yet acknowledged (those at or below SND.UNA are done with). */
export function pendingWriteEnds(t: Pick<Tcb, 'writeEnds' | 'sndUna'>): readonly number[] {
  const w = t.writeEnds;
  let i = 0;
  while (i < w.length && seqLe(w[i]!, t.sndUna)) i++;
  // all acknowledged (the usual case once an ACK arrives): the shared empty list, not a new one
  return i === 0 ? w : i === w.length ? NO_RANGES : w.slice(i);
}

/**
 * PSH as Linux sets it (tcp_push() at the end of each write; a later write appending to
 * the same unsent segment takes it off again): a piece carries PSH when a write ends
 * exactly where the piece ends, or when it is the last of the queued data.
 */
const pushAt = (t: Pick<Tcb, 'writeEnds'>, end: number, last: boolean): boolean => last || t.writeEnds.includes(end);

/**
 * New segments to send now: queued data in MSS-sized pieces within the peer's
 * window and the congestion window, then the FIN once the data is out
 * (piggybacked on the last piece when it fits, as Linux does; a bare FIN is not
 * held back by the congestion window, tcp_cwnd_test()). PSH: see pushAt, and,
 * with congestion control, the last piece of a flight the congestion window cuts
 * short. Returns the segments and the TCB fields they move.
 */
export interface Output {
  /**
   * The segments, segs[0] to segs[n - 1]. A reused scratch `into` keeps its array (emptying it
   * with `length = 0` would drop its storage, so each call allocated anew): entries from n on are stale.
   */
  segs: Segment[];
  n: number;
  sndNxt: number;
  unsent: number;
  finSeq: number;
  writeEnds: readonly number[];
}

export function takeOutput(t: Tcb, into: Output = { segs: [], n: 0, sndNxt: 0, unsent: 0, finSeq: UNSET, writeEnds: [] }): Output {
  // `into` may be a caller's scratch object, reused from call to call: its segments are overwritten from 0
  const segs = into.segs;
  let count = 0;
  let sndNxt = t.sndNxt;
  let unsent = t.unsent;
  let finSeq = t.finSeq;
  const una = t.sndUna;
  const cwnd = cwndBytes(t);
  let cutByCwnd = false;
  const finQueued = flag(t, TF.finQueued);
  while (unsent > 0) {
    const inFlight = (sndNxt - una) >>> 0;
    const wndRoom = Math.max(0, t.sndWnd - inFlight);
    const cwndRoom = Math.max(0, cwnd - inFlight);
    const n = Math.min(unsent, t.sndMss, wndRoom, cwndRoom);
    if (n <= 0) {
      cutByCwnd = cwndRoom < Math.min(unsent, t.sndMss) && wndRoom > 0;
      break;
    }
    unsent -= n;
    const last = unsent === 0;
    const withFin = last && finQueued && finSeq === UNSET;
    const s = seg(t, sndNxt, dataFlags(pushAt(t, seqAdd(sndNxt, n), last), withFin), n);
    if (withFin) finSeq = seqAdd(sndNxt, n);
    sndNxt = seqAdd(sndNxt, segSpace(s));
    segs[count++] = s;
  }
  const tail = count > 0 ? segs[count - 1] : undefined;
  if (cutByCwnd && tail) tail.flags = dataFlags(true, !!tail.flags.FIN);
  if (unsent === 0 && finQueued && finSeq === UNSET) {
    const s = seg(t, sndNxt, FIN_ACK);
    finSeq = sndNxt;
    sndNxt = seqAdd(sndNxt, 1);
    segs[count++] = s;
  }
  into.n = count;
  into.sndNxt = sndNxt;
  into.unsent = unsent;
  into.finSeq = finSeq;
  into.writeEnds = pendingWriteEnds(t);
  return into;
}

/**
 * The tail loss probe (RFC 8985 section 7.3): one new segment when the peer's
 * window allows it (the congestion window does not apply), else the last
 * segment sent, again. Returns the probe and the TCB fields a new segment moves.
 */
export function lossProbe(t: Tcb): { seg: Segment; fresh: boolean; sndNxt: number; unsent: number; finSeq: number } | null {
  const inFlight = (t.sndNxt - t.sndUna) >>> 0;
  if (t.unsent > 0) {
    const n = Math.min(t.unsent, t.sndMss, Math.max(0, t.sndWnd - inFlight));
    if (n > 0) {
      const last = n === t.unsent;
      const withFin = last && flag(t, TF.finQueued) && t.finSeq === UNSET;
      const s: Segment = { ...seg(t, t.sndNxt, dataFlags(pushAt(t, seqAdd(t.sndNxt, n), last), withFin), n), tlp: true };
      return { seg: s, fresh: true, sndNxt: seqAdd(t.sndNxt, segSpace(s)), unsent: t.unsent - n, finSeq: withFin ? seqAdd(t.sndNxt, n) : t.finSeq };
    }
  }
  if (inFlight === 0) return null;
  const finOut = t.finSeq !== UNSET && ((t.finSeq - t.sndUna) >>> 0) < inFlight;
  let s: Segment;
  if (finOut) s = seg(t, t.finSeq, FIN_ACK);
  else {
    const n = Math.min(inFlight, t.sndMss);
    s = seg(t, seqAdd(t.sndNxt, -n), dataFlags(true, false), n);
  }
  return { seg: { ...s, tlp: true }, fresh: false, sndNxt: t.sndNxt, unsent: t.unsent, finSeq: t.finSeq };
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
  const finOutstanding = t.finSeq !== UNSET && ((t.finSeq - t.sndUna) >>> 0) < outstanding;
  const dataOutstanding = outstanding - (finOutstanding ? 1 : 0);
  const n = Math.min(dataOutstanding, t.sndMss);
  const fin = finOutstanding && n === dataOutstanding;
  return seg(t, t.sndUna, dataFlags(n > 0 && pushAt(t, seqAdd(t.sndUna, n), n === dataOutstanding), fin), n);
}
