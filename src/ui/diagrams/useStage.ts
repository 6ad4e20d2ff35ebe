/**
 * What the state diagram needs to move, from a view at the time shown: the peers' tokens gliding
 * along their edges, the segments on the wire as chips, and every chip of the world so far (each
 * keeps the place it was given when born). The app computes it beside its diagram; the embed takes
 * it from the engine's chunk (useSimulation.ts re-exports it), so a first picture, where nothing
 * moves, loads none of it.
 */
import { useMemo } from 'react';
import type { WorldView } from '../../sim/view.ts';
import { useReducedMotion } from '../sim/useReducedMotion.ts';
import type { Flight, PeerMove, WorldChips } from './stageTokens.ts';
import { flightsAt, moveClock, onTheWire, peerMoves, worldChips } from './stageTokens.ts';

export interface Stage {
  moves: readonly PeerMove[];
  /** the chips' clock: the time shown while one travels, else a fixed value (the diagram is left alone) */
  moveTime: number;
  flights: readonly Flight[];
  world: WorldChips;
  reducedMotion: boolean;
}

/** nothing on the wire: the same empty list every frame, so the state diagram is left alone */
const NO_FLIGHTS: readonly Flight[] = [];

export function useStage(view: WorldView, displayTime: number): Stage {
  const reducedMotion = useReducedMotion();
  const moves = useMemo(() => peerMoves(view.peers, view.link.delay), [view.peers, view.link.delay]);
  const moveTime = moveClock(moves, displayTime);
  const wire = useMemo(() => onTheWire(view.segments), [view.segments]);
  const flights = useMemo(() => (wire.length ? flightsAt(wire, view.peers, displayTime) : NO_FLIGHTS), [wire, view.peers, displayTime]);
  const world = useMemo(() => worldChips(view.peers, view.segments, view.link.delay), [view.peers, view.segments, view.link.delay]);
  return { moves, moveTime, flights, world, reducedMotion };
}
