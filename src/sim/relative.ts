/**
 * Relative sequence numbers, as Wireshark shows them: each side's numbers count from its own ISN.
 */
import type { Segment } from '../tcp/segment.ts';
import type { Tcb } from '../tcp/tcb.ts';

/**
 * A segment's seq and ack relative to the ISNs. `own` is the sender's connection; without one
 * (a RST from a closed port) the receiver's connection, `mirror`, gives the same two ISNs
 * the other way round: its ISS is what the ack counts from, its IRS what the seq counts from.
 * With neither, the numbers stay absolute.
 */
export function relativeNumbers(seg: Segment, own: Tcb | undefined, mirror?: Tcb): { relSeq: number; relAck: number } {
  const ackOn = seg.flags.ACK;
  if (own) return { relSeq: (seg.seq - own.iss) >>> 0, relAck: ackOn ? (seg.ack - own.irs) >>> 0 : seg.ack };
  if (mirror) return { relSeq: (seg.seq - mirror.irs) >>> 0, relAck: ackOn ? (seg.ack - mirror.iss) >>> 0 : seg.ack };
  return { relSeq: seg.seq, relAck: seg.ack };
}
