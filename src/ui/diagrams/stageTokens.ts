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
  /** virtual time it arrives or is lost (its chip is gone after) */
  endAt: number;
  /** 0 to 1 along its flight */
  progress: number;
  /** the sender's and the receiver's states when it was sent: its way never changes in flight */
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

/** A peer's state at virtual time `t`: the last one entered at or before it (its first before any). */
export function stateAt(history: PeerView['history'], t: number): TcpState {
  let st = history[0]?.state ?? 'CLOSED';
  for (const h of history) {
    if (h.t > t) break;
    st = h.state;
  }
  return st;
}

/** A segment as a chip: its flight from the sender's state to the receiver's, both as they were when it was sent. */
function flightOf(s: SegmentView, peers: WorldView['peers'], time: number): Flight {
  const endAt = s.dropAt !== undefined ? Math.min(s.dropAt, s.arriveAt) : s.arriveAt;
  const progress = endAt > s.sentAt ? Math.min(1, Math.max(0, (time - s.sentAt) / (endAt - s.sentAt))) : 1;
  return { id: s.id, from: s.from, flags: s.flags.join(','), sentAt: s.sentAt, endAt, progress, fromState: stateAt(peers[s.from].history, s.sentAt), toState: stateAt(peers[s.to].history, s.sentAt) };
}

/** The segments on the wire at `time`, with their progress and the peers' states at each end. */
export function flightsAt(wire: readonly SegmentView[], peers: WorldView['peers'], time: number): Flight[] {
  const out: Flight[] = [];
  for (const s of wire) if (s.sentAt <= time) out.push(flightOf(s, peers, time));
  return out;
}

/**
 * Every chip the world has drawn or will draw up to its present: each peer's transitions (with the
 * time its chip is gone: arrived, or replaced by the peer's next transition) and each segment's
 * flight. The chips drawn now are placed against the ones alive when each was born (chipWays), so
 * their places are a function of the world, whatever was drawn before. Per world change, not per frame.
 */
export interface WorldChips {
  moves: readonly { move: PeerMove; until: number }[];
  flights: readonly Flight[];
  /** both peers' states at virtual time t */
  statesAt: (t: number) => { client: TcpState; server: TcpState };
}

export function worldChips(peers: WorldView['peers'], segments: readonly SegmentView[], linkDelay: number): WorldChips {
  const span = moveSpan(linkDelay);
  const moves: { move: PeerMove; until: number }[] = [];
  for (const p of PEERS) {
    const h = peers[p].history;
    const n = h.length - (h[h.length - 1]?.cause === LISTENER_AGAIN ? 1 : 0);
    for (let i = 1; i < n; i++) {
      const e = h[i]!;
      const label = causeLabel(e.cause);
      if (!label) continue;
      const next = i + 1 < n ? h[i + 1]!.t : Infinity;
      // replaced at the instant it was made: never drawn
      if (next <= e.t) continue;
      moves.push({ move: { peer: p, from: h[i - 1]!.state, to: e.state, label, t: e.t, span }, until: Math.min(e.t + span, next) });
    }
  }
  return {
    moves,
    flights: segments.map((s) => flightOf(s, peers, s.sentAt)),
    statesAt: (t) => ({ client: stateAt(peers.client.history, t), server: stateAt(peers.server.history, t) }),
  };
}
