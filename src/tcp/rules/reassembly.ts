/**
 * The out-of-order queue (knob ofo_queue; Linux tcp_data_queue_ofo(), RFC 9293
 * section 3.10.7.4): text that arrives beyond RCV.NXT is held as sequence ranges
 * and joins the stream once the hole before it is filled. The model carries byte
 * counts, not bytes, so the queue is a list of ranges: [start, end, start, end, ...],
 * disjoint, in sequence order, never changed in place (snapshots share it).
 */
import { seqDiff, seqGe, seqGt, seqLt } from '../seq.ts';
import type { Tcb } from '../tcb.ts';
import { UNSET } from '../tcb.ts';

/**
 * Where the in-order stream ends once text up to `end` has arrived: `end`, or the
 * end of the queued ranges that touch or overlap it; `fin` when the queued FIN is
 * reached there.
 */
export function joinQueued(t: Pick<Tcb, 'ofo' | 'ofoFin'>, end: number): { end: number; fin: boolean } {
  let e = end;
  for (let i = 0; i < t.ofo.length; i += 2) {
    if (seqGt(t.ofo[i]!, e)) break;
    if (seqGt(t.ofo[i + 1]!, e)) e = t.ofo[i + 1]!;
  }
  return { end: e, fin: t.ofoFin !== UNSET && t.ofoFin === e };
}

/** The queue with [start, end) added (merged with what it overlaps or touches). */
export function addRange(ranges: readonly number[], start: number, end: number): readonly number[] {
  if (!seqLt(start, end)) return ranges;
  const out: number[] = [];
  let s = start;
  let e = end;
  let placed = false;
  for (let i = 0; i < ranges.length; i += 2) {
    const a = ranges[i]!;
    const b = ranges[i + 1]!;
    if (seqLt(b, s)) out.push(a, b);
    else if (seqGt(a, e)) {
      if (!placed) out.push(s, e);
      placed = true;
      out.push(a, b);
    } else {
      if (seqLt(a, s)) s = a;
      if (seqGt(b, e)) e = b;
    }
  }
  if (!placed) out.push(s, e);
  return out;
}

/** The queue without what lies below `rcvNxt` (now part of the in-order stream). */
export function dropBelow(ranges: readonly number[], rcvNxt: number): readonly number[] {
  let i = 0;
  while (i < ranges.length && seqGe(rcvNxt, ranges[i + 1]!)) i += 2;
  if (i >= ranges.length) return NO_RANGES;
  const out = ranges.slice(i);
  if (seqGt(rcvNxt, out[0]!)) out[0] = rcvNxt;
  return out;
}

/** Bytes the queue holds. */
export function queuedBytes(ranges: readonly number[]): number {
  let n = 0;
  for (let i = 0; i < ranges.length; i += 2) n += seqDiff(ranges[i + 1]!, ranges[i]!);
  return n;
}

export const NO_RANGES: readonly number[] = Object.freeze([]);

/** The queue and queued FIN after a segment's verdict, for the TCB after RCV.NXT moved to `rcvNxt`. */
export function afterSegment(t: Pick<Tcb, 'ofo' | 'ofoFin'>, rcvNxt: number, q: { start: number; end: number; fin: boolean } | null): { ofo: readonly number[]; ofoFin: number } {
  let ofo = t.ofo;
  let ofoFin = t.ofoFin;
  if (q) {
    ofo = addRange(ofo, q.start, q.end);
    if (q.fin && ofoFin === UNSET) ofoFin = q.end;
  }
  if (ofo.length > 0) ofo = dropBelow(ofo, rcvNxt);
  if (ofoFin !== UNSET && seqGt(rcvNxt, ofoFin)) ofoFin = UNSET;
  return { ofo, ofoFin };
}
