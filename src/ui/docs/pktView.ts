/**
 * The world view of a packetdrill run's picture at a display time, for the app's diagrams: the
 * capture replay's view (segments sent and delivered, both lanes' state histories) with each
 * segment's arrival known ahead (so a segment in flight travels) and the engine's timers.
 */
import type { WorldView } from '../../sim/view.ts';
import type { Profile } from '../../tcp/knobs.ts';
import { replayView } from '../capture/replayView.ts';
import type { PktPicture } from './pktPicture.ts';

export function pktView(p: PktPicture, t: number, profile: Profile): WorldView {
  const v = replayView(p.events, t, profile, p.ports);
  const arrive = new Map<number, number>();
  for (const e of p.events) if (e.type === 'deliver') arrive.set(e.seg.id, e.t);
  for (const s of v.segments) s.arriveAt = arrive.get(s.id) ?? s.arriveAt;
  return { ...v, timers: p.timers.filter((x) => x.setAt <= t && t < x.until) };
}
