/**
 * Pure geometry for the sequence (ladder) diagram: which times matter, where
 * each segment's arrow goes, and how far along it is at a given display time.
 */
import type { PeerName, SegmentView } from '../../sim/types.ts';
import type { WorldView } from '../../sim/view.ts';
import type { TimeScale } from './timeScale.ts';

export const SEQ_W = 640;
export const SEQ_TOP = 24;
/** Lifelines 300 apart: room for a segment label to slide along its arrow when labels would collide. */
export const PEER_X: Record<PeerName, number> = { client: 170, server: 470 };

/** Every time at which something visible happens (sends, arrivals, drops, state changes, timer starts). */
export function eventTimes(view: Pick<WorldView, 'segments' | 'peers' | 'timers'>): number[] {
  const out: number[] = [];
  for (const sg of view.segments) {
    out.push(sg.sentAt, sg.arriveAt);
    if (sg.dropAt !== undefined) out.push(sg.dropAt);
  }
  for (const p of ['client', 'server'] as const) for (const h of view.peers[p].history) out.push(h.t);
  for (const t of view.timers) out.push(t.setAt);
  return out.filter((t) => Number.isFinite(t)).sort((a, b) => a - b);
}

/**
 * The times that shape the axis at a moment: events up to `cutoff`, plus where the
 * segments already sent by then will arrive or be dropped (so in-flight arrows have both ends)
 * and when the timers already running will expire.
 * Later events do not exist yet on screen, so they must not bend the axis.
 */
export function visibleTimes(view: Pick<WorldView, 'segments' | 'peers' | 'timers'>, cutoff: number): number[] {
  const out = eventTimes(view).filter((t) => t <= cutoff);
  for (const sg of view.segments) {
    if (sg.sentAt > cutoff) continue;
    out.push(sg.arriveAt);
    if (sg.dropAt !== undefined) out.push(sg.dropAt);
  }
  // running timers reach down to their deadline
  for (const t of view.timers) if (t.setAt <= cutoff) out.push(t.due);
  return out.filter((t) => Number.isFinite(t)).sort((a, b) => a - b);
}

/** Number of entries of the sorted `times` that are <= t. */
export function countAtOrBefore(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `SYN seq=0 len=0`, `ACK seq=1 ack=1`, `PSH,ACK seq=1 ack=1 len=100`. */
export function segmentLabel(sg: SegmentView, relative: boolean): string {
  const seq = relative ? sg.relSeq : sg.seq;
  const ack = relative ? sg.relAck : sg.ack;
  const hasAck = sg.flags.includes('ACK');
  const parts: string[] = [];
  if (sg.flags.length) parts.push(sg.flags.join(','));
  parts.push(`seq=${seq}`);
  if (hasAck) parts.push(`ack=${ack}`);
  if (sg.len > 0 || !hasAck) parts.push(`len=${sg.len}`);
  return parts.join(' ');
}

export interface SegmentGeometry {
  seg: SegmentView;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** time the drawn arrow ends: arrival, or where it was dropped */
  endAt: number;
  /** label position (middle of the full route) and rotation (degrees, kept readable) */
  lx: number;
  ly: number;
  angle: number;
  label: string;
}

export function segmentGeometry(sg: SegmentView, y: TimeScale['y'], relative: boolean): SegmentGeometry {
  const x1 = PEER_X[sg.from];
  const x2 = PEER_X[sg.to];
  const y1 = y(sg.sentAt);
  const dropped = sg.status === 'dropped';
  const dropAt = sg.dropAt ?? (sg.sentAt + sg.arriveAt) / 2;
  const endAt = dropped ? Math.min(Math.max(dropAt, sg.sentAt), sg.arriveAt) : sg.arriveAt;
  // A dropped segment is drawn along the line it would have taken, up to the drop.
  const yArr = y(sg.arriveAt);
  const fEnd = dropped && sg.arriveAt > sg.sentAt ? (endAt - sg.sentAt) / (sg.arriveAt - sg.sentAt) : 1;
  const x2e = x1 + (x2 - x1) * fEnd;
  const y2e = dropped ? y(endAt) : yArr;
  let angle = (Math.atan2(yArr - y1, x2 - x1) * 180) / Math.PI;
  if (angle > 90) angle -= 180;
  if (angle < -90) angle += 180;
  return {
    seg: sg,
    x1,
    y1,
    x2: x2e,
    y2: y2e,
    endAt,
    lx: (x1 + x2) / 2,
    ly: (y1 + yArr) / 2,
    angle,
    label: segmentLabel(sg, relative),
  };
}

export type ShownStatus = 'in-flight' | 'delivered' | 'dropped';

/** Where a segment is at `displayTime`: null if not sent yet; else the fraction of its drawn arrow and its status. */
export function segmentProgress(g: SegmentGeometry, displayTime: number): { frac: number; status: ShownStatus } | null {
  const sg = g.seg;
  if (displayTime < sg.sentAt) return null;
  const span = g.endAt - sg.sentAt;
  const frac = span <= 0 ? 1 : Math.min(1, Math.max(0, (displayTime - sg.sentAt) / span));
  // times are whole microseconds in the world; sums such as 0.1 + 0.05 are not, hence the tolerance
  if (sg.status === 'in-flight' || displayTime < g.endAt - 1e-9) return { frac: displayTime < g.endAt - 1e-9 ? frac : 1, status: 'in-flight' };
  return { frac: 1, status: sg.status };
}
