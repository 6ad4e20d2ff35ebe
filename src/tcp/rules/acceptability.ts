import { seqAdd, seqGt, seqInHalfOpen, seqLe, seqLt } from '../seq.ts';

/**
 * RFC 9293 §3.10.7.4, first check: the four cases of the segment
 * acceptability test. `space` is SEG.LEN in sequence space (SYN and FIN count).
 */
export function segmentAcceptable(rcvNxt: number, rcvWnd: number, seq: number, space: number): boolean {
  const hi = seqAdd(rcvNxt, rcvWnd);
  if (space === 0) return rcvWnd === 0 ? seq === rcvNxt : seqInHalfOpen(seq, rcvNxt, hi);
  if (rcvWnd === 0) return false;
  return seqInHalfOpen(seq, rcvNxt, hi) || seqInHalfOpen(seqAdd(seq, space - 1), rcvNxt, hi);
}

/** SYN_SENT: an ACK is acceptable when ISS < SEG.ACK =< SND.NXT. */
export function synSentAckAcceptable(iss: number, sndNxt: number, ack: number): boolean {
  return seqGt(ack, iss) && seqLe(ack, sndNxt);
}

/** SYN_RCVD: SND.UNA < SEG.ACK =< SND.NXT moves the connection to ESTABLISHED. */
export function synRcvdAckAcceptable(sndUna: number, sndNxt: number, ack: number): boolean {
  return seqLt(sndUna, ack) && seqLe(ack, sndNxt);
}

/**
 * RFC 5961 §5.2: in synchronized states an ACK is acceptable when
 * (SND.UNA - MAX.SND.WND) =< SEG.ACK =< SND.NXT; the lower bound applies only
 * with the RFC 5961 mitigations on.
 */
export function ackAcceptable(sndUna: number, sndNxt: number, maxSndWnd: number, ack: number, rfc5961: boolean): boolean {
  if (seqGt(ack, sndNxt)) return false;
  if (rfc5961 && seqLt(ack, seqAdd(sndUna, -maxSndWnd))) return false;
  return true;
}
