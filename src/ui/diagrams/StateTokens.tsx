/**
 * What moves on the state diagram: for each peer, a chip labelled with the cause of its last
 * transition travels along that edge (the edge stays lit until the peer's next transition), and
 * each segment on the wire travels as a chip from the sender's state towards the receiver's.
 * Both are placed from the virtual clock (picture = f(world, time)): a transition chip is at
 * `moveProgress(t, span, time)` along its edge, so pause, seek and step back show it exactly where
 * it was, and auto pace slows time while it travels (pace.ts). With reduced motion there are no
 * travelling chips: the lit edge carries the label instead.
 */
import { memo } from 'react';
import type { PeerName } from '../../sim/types.ts';
import { TCP_STATES } from '../../tcp/states.ts';
import type { Box, Pt, WayAsk, WayEnd } from './chipStretch.ts';
import { alongWay, placeWays } from './chipStretch.ts';
import type { PlacedStill } from './stillPlace.ts';
import { placeStills } from './stillPlace.ts';
import { NODE_H, NODE_POS, NODE_WIDTH } from './layout.ts';
import { textWidth } from './labelLayout.ts';
import type { Flight, PeerMove } from './stageTokens.ts';

export type { Flight, PeerMove } from './stageTokens.ts';
export { causeLabel } from './stageTokens.ts';

const CHIP_FONT = 13;

/** A chip's width for its text (arithmetic estimate, no DOM geometry). */
export const chipWidth = (text: string): number => Math.max(28, textWidth(text, CHIP_FONT) + 14);
const CHIP_HALF_H = 11;
/** a chip's outline stroke, beyond its box, each side */
const CHIP_STROKE = 1;
/** How far a segment chip rides above (client) or below (server) the line between the two states. */
const LANE_DY = 14;

function Chip({ text, peer, className }: { text: string; peer: PeerName; className: string }) {
  const w = chipWidth(text);
  return (
    <g className={`sd-chip sd-chip--${peer} ${className}`}>
      <rect x={-w / 2} y={-CHIP_HALF_H} width={w} height={2 * CHIP_HALF_H} rx={CHIP_HALF_H} />
      <text dy="0.35em" textAnchor="middle">
        {text}
      </text>
    </g>
  );
}

type Route = readonly (readonly [number, number])[];

/** The point at `f` (0 to 1) of a polyline's length (pure arithmetic; no DOM geometry). */
export function pointAlong(pts: Route, f: number): [number, number] {
  const lens = pts.slice(1).map((p, i) => Math.hypot(p[0] - pts[i]![0], p[1] - pts[i]![1]));
  const total = lens.reduce((x, y) => x + y, 0);
  let want = total * Math.min(1, Math.max(0, f));
  let i = 0;
  while (i < lens.length - 1 && want > lens[i]!) want -= lens[i++]!;
  const l = lens[i] ?? 0;
  const k = l > 0 ? Math.min(1, want / l) : 0;
  const p = pts[i] ?? pts[0]!;
  const q = pts[i + 1] ?? p;
  return [p[0] + (q[0] - p[0]) * k, p[1] + (q[1] - p[1]) * k];
}

/** Gentle start and stop, so a chip leaves its state and settles into the next one. */
const ease = (p: number): number => (p < 0.5 ? 2 * p * p : 1 - 2 * (1 - p) * (1 - p));

const NO_BOXES: readonly Box[] = [];
const STATE_BOXES: readonly Box[] = TCP_STATES.map((st) => {
  const p = NODE_POS[st];
  const hw = NODE_WIDTH[st] / 2;
  return { x0: p.x - hw, y0: p.y - NODE_H / 2, x1: p.x + hw, y1: p.y + NODE_H / 2 };
});

/**
 * The chips' ways (placeWays), per set of obstacles (the edge labels' boxes and the peers' badges:
 * a new set when a label moves or a peer changes state) and per set of chips drawn: computed the
 * first time that set is drawn, not every frame.
 */
const MAX_SETS = 256;
const WAYS = new WeakMap<readonly Box[], { withStates: readonly Box[]; bySet: Map<string, readonly [WayEnd, WayEnd][]> }>();
function waysOf(obstacles: readonly Box[], key: string, asks: () => readonly WayAsk[]): readonly [WayEnd, WayEnd][] {
  let memo = WAYS.get(obstacles);
  if (!memo) {
    memo = { withStates: [...obstacles, ...STATE_BOXES], bySet: new Map() };
    WAYS.set(obstacles, memo);
  }
  let ways = memo.bySet.get(key);
  if (!ways) {
    // a long exchange between the same two states (data, keepalives) draws a new set per segment
    if (memo.bySet.size >= MAX_SETS) memo.bySet.clear();
    ways = placeWays(asks(), memo.withStates);
    memo.bySet.set(key, ways);
  }
  return ways;
}

/** A transition chip's way: along its edge's route, from the old state to the new one. */
function moveAsk(move: PeerMove, route: Route): WayAsk {
  const w = chipWidth(move.label);
  return { at: (u) => pointAlong(route, u), lo: 0, hi: 1, hw: w / 2 + CHIP_STROKE, hh: CHIP_HALF_H + CHIP_STROKE, keep: 'start' };
}
const moveKey = (m: PeerMove) => `move|${m.from}>${m.to}|${m.label}`;

/**
 * The transition chip at `progress` (0 to 1) along the edge's route from the old state to the new
 * one, between the `ends` of its way (chipWays): it leaves from the nearest place on the route, or
 * just beside it, clear of the state boxes, the edge labels, the peers' badges and the chips drawn
 * before it, so a chip waiting at a note stop (its transition made at that instant) covers neither
 * a state's name, nor a label, nor a badge, nor another chip.
 */
export const MoveToken = memo(function MoveToken({ move, route, progress, ends }: { move: PeerMove; route: Route; progress: number; ends: readonly [WayEnd, WayEnd] }) {
  const [x, y] = alongWay((u) => pointAlong(route, u), ends, ease(progress));
  return (
    <g
      className="sd-token-move"
      data-testid="edge-token"
      data-peer={move.peer}
      data-from={move.from}
      data-to={move.to}
      data-label={move.label}
      data-progress={progress.toFixed(3)}
      transform={`translate(${x.toFixed(1)}, ${y.toFixed(1)})`}
      aria-hidden="true"
    >
      <Chip text={move.label} peer={move.peer} className="" />
    </g>
  );
});

/** A still cause (reduced motion) and the box it takes, its outline included. */
export interface StillMove extends PlacedStill {
  move: PeerMove;
}

/**
 * Reduced motion: where each move's cause is shown round the state entered (stillPlace.ts): clear
 * of everything in `avoid` (edge labels, state boxes with their outlines, the peers' badges,
 * legends) and of the other peer's cause.
 */
export function stillMoves(moves: readonly PeerMove[], avoid: readonly Box[], bounds: Box): StillMove[] {
  const asks = moves.map((m) => ({ peer: m.peer, at: STATE_BOXES[TCP_STATES.indexOf(m.to)]!, w: chipWidth(m.label) + 2 * CHIP_STROKE, h: 2 * (CHIP_HALF_H + CHIP_STROKE) }));
  return placeStills(asks, avoid, bounds).map((p, i) => ({ ...p, move: moves[i]! }));
}

/** Reduced motion: the cause shown at once beside the state entered, at its place (placeStills). */
export function MoveLabel({ still }: { still: StillMove }) {
  const { move, box } = still;
  return (
    <g className="sd-token-still" data-testid="edge-label" data-peer={move.peer} data-from={move.from} data-to={move.to} data-label={move.label} data-spot={still.spot} transform={`translate(${(box.x0 + box.x1) / 2}, ${(box.y0 + box.y1) / 2})`} aria-hidden="true">
      <Chip text={move.label} peer={move.peer} className="" />
    </g>
  );
}

/**
 * Where a segment chip is: from the sender's state towards the receiver's, by flight progress.
 * It leaves from just outside the sender's box and arrives just outside the receiver's; each end
 * of its way moves on along the line, or just beside it where a label covers the line
 * (chipStretch.ts), past any edge label, peer's badge (`avoid`) or state box, so a chip waiting at
 * a note stop covers neither a state's name, nor an edge's label, nor a badge. Boxes too close for that keep the
 * centre-to-centre path.
 */
export function flightPoint(f: Flight, chipW = chipWidth(f.flags || '·'), avoid: readonly Box[] = NO_BOXES): { x: number; y: number } {
  const ask = flightAsk(f, chipW);
  const [x, y] = alongWay(ask.at, waysOf(avoid, flightKey(f, chipW), () => [ask])[0]!, Math.min(1, Math.max(0, f.progress)));
  return { x, y };
}
const flightKey = (f: Flight, chipW: number) => `flight|${f.fromState}>${f.toState}|${f.from}|${chipW}`;

/** A segment chip's way: the line between the two states, in the sender's lane (flightPoint). */
function flightAsk(f: Flight, chipW: number): WayAsk {
  const a = NODE_POS[f.fromState];
  const b = NODE_POS[f.toState];
  const hw = chipW / 2 + CHIP_STROKE;
  const hh = CHIP_HALF_H + CHIP_STROKE;
  let line: [Pt, Pt];
  let lo = 0;
  let fixed = false;
  if (f.fromState === f.toState) {
    // both peers in the same state: cross over the box, from the sender's side to the receiver's
    const dx = (f.from === 'client' ? 1 : -1) * (NODE_WIDTH[f.fromState] / 2 + 10);
    const y = a.y - NODE_H / 2 - 26;
    line = [[a.x - dx, y], [a.x + dx, y]];
  } else {
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const lane = f.from === 'client' ? -LANE_DY : LANE_DY;
    line = [[a.x, a.y + lane], [b.x, b.y + lane]];
    // the line's parameter where a chip (with its lane offset) is clear of a box: same for both ends
    // the wider of the two boxes: one parameter clears both ends
    const halfW = Math.max(NODE_WIDTH[f.fromState], NODE_WIDTH[f.toState]) / 2;
    const clearX = dx === 0 ? Infinity : (halfW + chipW / 2 + 2) / Math.abs(dx);
    const clearY = dy === 0 ? Infinity : (NODE_H / 2 + CHIP_HALF_H + LANE_DY + 2) / Math.abs(dy);
    lo = Math.min(clearX, clearY);
    // boxes too close for that: centre to centre
    if (lo >= 0.5) {
      lo = 0;
      fixed = true;
    }
  }
  const [[x0, y0], [x1, y1]] = line;
  return { at: (u) => [x0 + (x1 - x0) * u, y0 + (y1 - y0) * u], lo, hi: 1 - lo, hw, hh, fixed, keep: 'both' };
}

/**
 * Where the chips drawn now wait and go (placeWays), in the order they appeared (a transition
 * before the segments it sends at the same instant, segments by sending order): each chip's ends
 * off the labels, badges and states (`avoid`) and off the chips before it. A set of chips is
 * placed once, when it is first drawn; the moves and flights are placed at the same index.
 */
export function chipWays(moves: readonly PeerMove[], flights: readonly Flight[], avoid: readonly Box[], routeOf: (m: PeerMove) => Route): { moves: (readonly [WayEnd, WayEnd])[]; flights: (readonly [WayEnd, WayEnd])[] } {
  const items = [...moves.map((m, i) => ({ t: m.t, k: 0, n: i })), ...flights.map((f, i) => ({ t: f.sentAt, k: 1, n: i }))];
  items.sort((a, b) => a.t - b.t || a.k - b.k || (a.k ? flights[a.n]!.id - flights[b.n]!.id : a.n - b.n));
  const key = items.map(({ k, n }) => (k ? `${flights[n]!.id}:${flightKey(flights[n]!, chipWidth(flights[n]!.flags || '·'))}` : `${moves[n]!.peer}@${moves[n]!.t}:${moveKey(moves[n]!)}`)).join(';');
  const ways = waysOf(avoid, key, () => items.map(({ k, n }) => (k ? flightAsk(flights[n]!, chipWidth(flights[n]!.flags || '·')) : moveAsk(moves[n]!, routeOf(moves[n]!)))));
  const out = { moves: new Array<readonly [WayEnd, WayEnd]>(moves.length), flights: new Array<readonly [WayEnd, WayEnd]>(flights.length) };
  items.forEach(({ k, n }, i) => ((k ? out.flights : out.moves)[n] = ways[i]!));
  return out;
}

export const FlightToken = memo(function FlightToken({ f, reducedMotion, ends }: { f: Flight; reducedMotion: boolean; ends: readonly [WayEnd, WayEnd] }) {
  // reduced motion: the segment waits beside its sender's state instead of travelling
  const [x, y] = alongWay(flightAsk(f, chipWidth(f.flags || '·')).at, ends, reducedMotion ? 0 : Math.min(1, Math.max(0, f.progress)));
  return (
    <g className="sd-token-flight" data-testid="flight-token" data-id={f.id} data-from={f.from} data-flags={f.flags} data-progress={f.progress.toFixed(3)} transform={`translate(${x.toFixed(1)}, ${y.toFixed(1)})`} aria-hidden="true">
      <Chip text={f.flags || '·'} peer={f.from} className="sd-chip-seg" />
    </g>
  );
});
