/**
 * The script's view of the wire: the fixed ports and ISNs, and the relative
 * sequence numbers packetdrill lines are written in.
 *
 * Inbound seq is relative to REMOTE_ISN (the script's peer), inbound ack and
 * outbound seq relative to the stack's ISN (learned from its SYN or SYN,ACK;
 * fixed through the stack's ISN source so closed-port replies map too),
 * outbound ack relative to REMOTE_ISN. Both ISNs sit close below 2^32, so
 * wrap-around bugs show.
 */
import type { Segment } from '../tcp/segment.ts';
import { formatFlags } from '../tcp/segment.ts';

export const LOCAL_PORT = 8080;
export const REMOTE_PORT = 48192;
export const REMOTE_ISN = 4294967000; // 2^32 - 296
export const LOCAL_ISN = 4294960000; // 2^32 - 7296

/** An outbound segment's seq as the script writes it. */
export function relSeq(s: Segment, localIsn: number): number {
  // A RST answering a segment without ACK carries seq 0 (RFC 9293 3.10.7.1); scripts write it as 0 too.
  if (s.flags.RST && s.seq === 0) return 0;
  return (s.seq - localIsn) >>> 0;
}

/** An outbound segment's ack as the script writes it. */
export function relAck(s: Segment): number {
  return (s.ack - REMOTE_ISN) >>> 0;
}

/** A segment in the script's own notation, for the ladder and for failure messages. */
export function describe(s: Segment, dir: 'in' | 'out', localIsn: number): string {
  const seq = dir === 'in' ? (s.seq - REMOTE_ISN) >>> 0 : relSeq(s, localIsn);
  const ack = dir === 'in' ? (s.ack - localIsn) >>> 0 : relAck(s);
  let f = formatFlags(s.flags);
  if (f === '-') f = '.';
  return `${f} ${seq}:${(seq + s.len) >>> 0}(${s.len})${s.flags.ACK ? ` ack ${ack}` : ''} win ${s.win}`;
}
