/**
 * What the state diagram animates, computed from the world's view and the time shown (pure):
 * each peer's latest transition (a chip travelling along its edge, placed by the virtual clock)
 * and the segments on the wire.
 */
import { LISTENER_AGAIN } from '../../sim/summary.ts';
import type { PeerName, PeerView, SegmentView } from '../../sim/types.ts';
import type { WorldView } from '../../sim/view.ts';
import type { TcpState } from '../../tcp/states.ts';
import { moveSpan } from '../player/pace.ts';

const PEERS: readonly PeerName[] = ['client', 'server'];

/** A peer's latest transition, as drawn. */
export interface PeerMove {
  peer: PeerName;
  from: TcpState;
  to: TcpState;
  /** what caused it: `SYN`, `FIN,ACK`, `connect()`, `close()`, `timeout`, ... */
  label: string;
  /** virtual time of the transition (with peer and states, identifies it) */
  t: number;
  /** virtual seconds its chip travels, from `t` (pace.ts moveSpan) */
  span: number;
}

/** A segment on the wire, seen from the state diagram. */
export interface Flight {
  id: number;
  from: PeerName;
  flags: string;
  /** virtual time it was sent (its chip keeps off the chips drawn before it) */
  sentAt: number;
  /** 0 to 1 along its flight */
  progress: number;
  fromState: TcpState;
  toState: TcpState;
}

/** The label of a transition from the trace's cause (`rcv SYN,ACK` → `SYN,ACK`, `close` → `close()`). */
export function causeLabel(cause: string): string {
  if (cause.startsWith('rcv ')) return cause.slice(4);
  if (/timeout$/.test(cause)) return 'timeout';
  if (cause === 'host crash') return 'crash';
  if (cause === 'start') return '';
  return /^[a-z_]+$/.test(cause) ? `${cause}()` : cause;
}

/**
 * The index in a peer's path of its latest transition (-1 before its first). A server's return
 * to its listener after its connection ended is no transition: the connection's last one stays.
 */
export function lastTransition(history: PeerView['history']): number {
  const n = history.length - (history[history.length - 1]?.cause === LISTENER_AGAIN ? 1 : 0);
  return n >= 2 ? n - 1 : -1;
}

/** Each peer's latest transition on its textbook path (none before its first). */
export function peerMoves(peers: WorldView['peers'], linkDelay: number): PeerMove[] {
  const out: PeerMove[] = [];
  const span = moveSpan(linkDelay);
  for (const p of PEERS) {
    const h = peers[p].history;
    const i = lastTransition(h);
    if (i < 0) continue;
    const last = h[i]!;
    out.push({ peer: p, from: h[i - 1]!.state, to: last.state, label: causeLabel(last.cause), t: last.t, span });
  }
  return out;
}

/** The time to draw the moves at: `time` while a chip travels, otherwise one fixed value (nothing to redraw). */
export function moveClock(moves: readonly PeerMove[], time: number): number {
  return moves.some((m) => m.label && time < m.t + m.span) ? time : Infinity;
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
    out.push({ id: s.id, from: s.from, flags: s.flags.join(','), sentAt: s.sentAt, progress, fromState: peers[s.from].state, toState: peers[s.to].state });
  }
  return out;
}
