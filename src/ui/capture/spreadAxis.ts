/**
 * The capture's times as the ladder draws them. A capture on one host stamps a whole handshake
 * within microseconds, which the ladder's axis (hundreds of px per second) draws as one line:
 * arrows on top of each other and state names printed over each other. Here every distinct
 * packet time gets at least `minStep` seconds of drawing after the one before; longer real gaps
 * are kept as they are. The map is monotone (order is never changed) and pure; the dialog's
 * slider and readouts keep the capture's own times.
 */
import type { PeerView, SegmentView, TraceEvent } from '../../sim/types.ts';
import type { WorldView } from '../../sim/view.ts';

/** Drawn seconds between two packets, at least: about 50 px at the ladder's scale, room for a label. */
export const MIN_STEP = 0.08;

export interface SpreadAxis {
  /** capture time → drawing time */
  map(t: number): number;
}

export function spreadAxis(times: readonly number[], minStep = MIN_STEP): SpreadAxis {
  const u = [...new Set(times)].sort((a, b) => a - b);
  const d: number[] = [];
  for (let i = 0; i < u.length; i++) d.push(i === 0 ? u[0]! : d[i - 1]! + Math.max(u[i]! - u[i - 1]!, minStep));
  return {
    map(t) {
      if (u.length === 0 || t <= u[0]!) return t;
      // the last knot at or before t (binary search)
      let lo = 0;
      let hi = u.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (u[mid]! <= t) lo = mid;
        else hi = mid - 1;
      }
      if (lo === u.length - 1) return d[lo]! + (t - u[lo]!);
      const f = (t - u[lo]!) / (u[lo + 1]! - u[lo]!);
      return d[lo]! + f * (d[lo + 1]! - d[lo]!);
    },
  };
}

/** The view with every time moved onto the drawing's axis (for the ladder only). */
export function spreadView(view: WorldView, axis: SpreadAxis): WorldView {
  const m = axis.map;
  const seg = (s: SegmentView): SegmentView => ({ ...s, sentAt: m(s.sentAt), arriveAt: m(s.arriveAt), ...(s.dropAt === undefined ? {} : { dropAt: m(s.dropAt) }) });
  const peer = (p: PeerView): PeerView => ({ ...p, history: p.history.map((h) => ({ ...h, t: m(h.t) })) });
  return {
    ...view,
    now: m(view.now),
    peers: { client: peer(view.peers.client), server: peer(view.peers.server) },
    segments: view.segments.map(seg),
    timers: view.timers.map((t) => ({ ...t, setAt: m(t.setAt), due: m(t.due) })),
    trace: view.trace.map((e) => ({ ...e, t: m(e.t) }) as TraceEvent),
  };
}
