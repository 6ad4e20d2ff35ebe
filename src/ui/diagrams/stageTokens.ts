/**
 * What the state diagram animates, computed from the world's view and the time shown (pure):
 * each peer's latest transition and the segments on the wire.
 */
import { LISTENER_AGAIN } from '../../sim/summary.ts';
import type { PeerName, SegmentView } from '../../sim/types.ts';
import type { WorldView } from '../../sim/view.ts';
import type { Flight, PeerMove } from './StateTokens.tsx';
import { causeLabel } from './StateTokens.tsx';

const PEERS: readonly PeerName[] = ['client', 'server'];

/**
 * Each peer's latest transition on its textbook path (none before its first). A server's return to
 * its listener after its connection ended is no transition: the connection's last one stays shown.
 */
export function peerMoves(peers: WorldView['peers']): PeerMove[] {
  const out: PeerMove[] = [];
  for (const p of PEERS) {
    const h = peers[p].history;
    const n = h.length - (h[h.length - 1]?.cause === LISTENER_AGAIN ? 1 : 0);
    if (n < 2) continue;
    const last = h[n - 1]!;
    out.push({ peer: p, from: h[n - 2]!.state, to: last.state, label: causeLabel(last.cause), t: last.t });
  }
  return out;
}

/** The segments still on the wire in this version of the world (few; recomputed per world change, not per frame). */
export const onTheWire = (segments: readonly SegmentView[]): SegmentView[] => segments.filter((s) => s.status === 'in-flight');

/** The segments on the wire at `time`, with their progress and the peers' states at each end. */
export function flightsAt(wire: readonly SegmentView[], peers: WorldView['peers'], time: number): Flight[] {
  const out: Flight[] = [];
  for (const s of wire) {
    if (s.sentAt > time) continue;
    const end = s.dropAt !== undefined ? Math.min(s.dropAt, s.arriveAt) : s.arriveAt;
    const progress = end > s.sentAt ? Math.min(1, (time - s.sentAt) / (end - s.sentAt)) : 1;
    out.push({ id: s.id, from: s.from, flags: s.flags.join(','), progress, fromState: peers[s.from].state, toState: peers[s.to].state });
  }
  return out;
}
