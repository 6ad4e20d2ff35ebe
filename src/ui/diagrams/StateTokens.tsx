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
import type { TcpState } from '../../tcp/states.ts';
import { TCP_STATES } from '../../tcp/states.ts';
import type { Box, Pt, WayAsk, WayEnd } from './chipStretch.ts';
import { placeWays } from './chipStretch.ts';
import type { TimedAsk, Way } from './chipLanes.ts';
import { placeTimed, plainWay, wayPoint } from './chipLanes.ts';
import { moveProgress } from '../player/pace.ts';
import type { PlacedStill } from './stillPlace.ts';
import { placeStills } from './stillPlace.ts';
import { NODE_H, NODE_POS, NODE_WIDTH } from './layout.ts';
import { textWidth } from './labelLayout.ts';
import type { Flight, PeerMove, WorldChips } from './stageTokens.ts';

export type { Flight, PeerMove } from './stageTokens.ts';
export { causeLabel } from './stageTokens.ts';

const CHIP_FONT = 13;

/** A chip's width for its text (arithmetic estimate, no DOM geometry). */
const WIDTHS = new Map<string, number>();
export const chipWidth = (text: string): number => {
  let w = WIDTHS.get(text);
  if (w === undefined) {
    // a few texts (flags, causes), asked for every chip of the world at each of its changes
    if (WIDTHS.size > 512) WIDTHS.clear();
    WIDTHS.set(text, (w = Math.max(28, textWidth(text, CHIP_FONT) + 14)));
  }
  return w;
};
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
function memoOf(obstacles: readonly Box[]) {
  let memo = WAYS.get(obstacles);
  if (!memo) {
    memo = { withStates: [...obstacles, ...STATE_BOXES], bySet: new Map() };
    WAYS.set(obstacles, memo);
  }
  return memo;
}
function waysOf(obstacles: readonly Box[], key: string, asks: () => readonly WayAsk[]): readonly [WayEnd, WayEnd][] {
  const memo = memoOf(obstacles);
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
export const MoveToken = memo(function MoveToken({ move, route, progress, way }: { move: PeerMove; route: Route; progress: number; way: Way }) {
  const [x, y] = wayPoint((u) => pointAlong(route, u), way, ease(progress));
  return (
    <g
      className="sd-token-move"
      data-testid="edge-token"
      data-peer={move.peer}
      data-from={move.from}
      data-to={move.to}
      data-label={move.label}
      data-progress={progress.toFixed(3)}
      data-way={wayText(way)}
      transform={`translate(${x.toFixed(1)}, ${y.toFixed(1)})`}
      aria-hidden="true"
    >
      <Chip text={move.label} peer={move.peer} className="" />
    </g>
  );
});

/**
 * The transition chips drawn at `time` (stageTokens.ts moveClock): those with a label that have not
 * arrived. Only these are placed (chipWays): an arrived one is never drawn again, and placed with
 * the chips drawn it would pull in every chip of the world made since (a day of keepalives behind
 * the handshake's ESTABLISHED).
 */
export function drawnMoves(moves: readonly PeerMove[], time: number): PeerMove[] {
  return moves.filter((m) => m.label && moveProgress(m.t, m.span, time) < 1);
}

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
  const [x, y] = wayPoint(ask.at, plainWay(waysOf(avoid, flightKey(f, chipW), () => [ask])[0]!), Math.min(1, Math.max(0, f.progress)));
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

/** What the chips drawn now are placed with: every chip of the world and what their ends keep off at each instant. */
export interface ChipWorld {
  chips: WorldChips;
  /** the labels and badges as drawn when the peers are in these states */
  avoidAt: (client: TcpState, server: TcpState) => readonly Box[];
}

interface Life {
  key: string;
  /** its path (chipLanes.ts TimedAsk.path) */
  path: string;
  t0: number;
  t1: number;
  /** moves before segments at one instant, then the client's move first, segments by id */
  rank: number;
  ask: () => WayAsk;
  along: (t: number) => number;
}

const moveLifeKey = (m: PeerMove) => `m|${m.peer}|${m.t}|${moveKey(m)}`;
const flightLifeKey = (f: Flight) => `f|${f.id}|${f.sentAt}|${flightKey(f, chipWidth(f.flags || '·'))}`;
function moveLife(m: PeerMove, until: number, routeOf: (m: PeerMove) => Route): Life {
  return { key: moveLifeKey(m), path: moveKey(m), t0: m.t, t1: until, rank: m.peer === 'client' ? 0 : 1, ask: () => moveAsk(m, routeOf(m)), along: (t) => ease(moveProgress(m.t, m.span, t)) };
}
function flightLife(f: Flight): Life {
  const span = f.endAt - f.sentAt;
  return { key: flightLifeKey(f), path: flightKey(f, chipWidth(f.flags || '·')), t0: f.sentAt, t1: f.endAt, rank: 2 + f.id, ask: () => flightAsk(f, chipWidth(f.flags || '·')), along: (t) => (span > 0 ? Math.min(1, Math.max(0, (t - f.sentAt) / span)) : 1) };
}

/**
 * How far back (in chips) the ones a chip was born beside are followed: a lesson's chips never come
 * near it; a long stream of segments (a bulk transfer) is placed from this far back at each change
 * of the world, which bounds the work (its oldest chips, placed without theirs, are long gone).
 */
const MAX_CHAIN = 96;
const NO_WORLD = {};
const TIMED = new WeakMap<object, WeakMap<object, Map<string, readonly Way[]>>>();

/**
 * How the chips drawn are placed: `history`, each against the world's chips alive at its birth
 * (placeTimed); `drawn`, only against each other, in the order they were born (placeWays: the ends
 * of each kept off those before it), for chips too quick to be seen moving (chipHistory.ts);
 * `still` (reduced motion), the segments waiting where they are sent.
 */
export type ChipPlacing = 'history' | 'drawn' | 'still';

/** the same way for the same ends, so a chip whose set is placed again is not drawn again */
const PLAIN = new WeakMap<readonly [WayEnd, WayEnd], Way>();
function plainOf(ends: readonly [WayEnd, WayEnd]): Way {
  let w = PLAIN.get(ends);
  if (!w) PLAIN.set(ends, (w = plainWay(ends)));
  return w;
}
const STILL_MOVE = plainWay([{ u: 0, dx: 0, dy: 0 }, { u: 1, dx: 0, dy: 0 }]);

/**
 * Where the chips drawn now go. With `history` (placeTimed), each placed when it was born against
 * the chips alive then (in `world`, every chip up to now; without it, the chips drawn), so a chip
 * never meets another at any moment of their flights and never moves when an earlier one is gone;
 * its ends keep off the labels, badges and states as drawn when it was born. With `drawn`, the
 * chips drawn keep apart where they wait, as placed together now (placeWays). With `still`
 * (reduced motion), the segments wait where they are sent, placed together as they wait. A set of
 * chips is placed once, when it is first drawn; the moves and flights are placed at the same index.
 */
export function chipWays(moves: readonly PeerMove[], flights: readonly Flight[], avoid: readonly Box[], routeOf: (m: PeerMove) => Route, world?: ChipWorld, how: ChipPlacing = 'history'): { moves: Way[]; flights: Way[] } {
  if (!moves.length && !flights.length) return { moves: [], flights: [] };
  if (how === 'still') {
    const key = flights.map((f) => flightLifeKey(f)).join(';');
    const ways = waysOf(avoid, `still|${key}`, () => flights.map((f) => flightAsk(f, chipWidth(f.flags || '·'))));
    return { moves: moves.map(() => STILL_MOVE), flights: ways.map(plainOf) };
  }
  if (how === 'drawn') {
    const lives = [...moves.map((m) => moveLife(m, m.t + m.span, routeOf)), ...flights.map(flightLife)];
    const order = lives.map((_, i) => i).sort((a, b) => lives[a]!.t0 - lives[b]!.t0 || lives[a]!.rank - lives[b]!.rank);
    const ends = waysOf(avoid, `drawn|${order.map((i) => lives[i]!.key).join(';')}`, () => order.map((i) => lives[i]!.ask()));
    const ways = new Array<Way>(lives.length);
    order.forEach((i, n) => (ways[i] = plainOf(ends[n]!)));
    return { moves: ways.slice(0, moves.length), flights: ways.slice(moves.length) };
  }
  const drawn = [...moves.map(moveLifeKey), ...flights.map(flightLifeKey)];
  const setKey = drawn.join(';');
  let byWorld = TIMED.get(world?.avoidAt ?? avoid);
  if (!byWorld) TIMED.set(world?.avoidAt ?? avoid, (byWorld = new WeakMap()));
  let bySet = byWorld.get(world?.chips ?? NO_WORLD);
  if (!bySet) byWorld.set(world?.chips ?? NO_WORLD, (bySet = new Map()));
  let ways = bySet.get(setKey);
  if (!ways) {
    if (bySet.size >= MAX_SETS) bySet.clear();
    ways = placeDrawn(moves, flights, drawn, avoid, routeOf, world);
    bySet.set(setKey, ways);
  }
  return { moves: ways.slice(0, moves.length), flights: ways.slice(moves.length) };
}

function placeDrawn(moves: readonly PeerMove[], flights: readonly Flight[], drawn: readonly string[], avoid: readonly Box[], routeOf: (m: PeerMove) => Route, world?: ChipWorld): Way[] {
  const lives = world ? [...world.chips.moves.map((m) => moveLife(m.move, m.until, routeOf)), ...world.chips.flights.map(flightLife)] : [];
  const known = new Set(lives.map((l) => l.key));
  // a chip drawn but not in the world given (or no world): its own life
  moves.forEach((m) => known.has(moveLifeKey(m)) || lives.push(moveLife(m, m.t + m.span, routeOf)));
  flights.forEach((f) => known.has(flightLifeKey(f)) || lives.push(flightLife(f)));
  lives.sort((a, b) => a.t0 - b.t0 || a.rank - b.rank);
  const index = new Map(lives.map((l, i) => [l.key, i]));
  // the chips drawn and, back from them, every earlier one alive when one of those was born
  const want = drawn.map((k) => index.get(k)!);
  const last = Math.max(...want);
  const keep = new Set(want);
  let reach = Math.min(...want.map((i) => lives[i]!.t0));
  for (let j = last; j >= 0 && last - j <= MAX_CHAIN; j--) {
    if (keep.has(j) || lives[j]!.t1 >= reach) {
      keep.add(j);
      reach = Math.min(reach, lives[j]!.t0);
    }
  }
  const order = [...keep].sort((a, b) => a - b);
  const withStates = (t: number) => {
    if (!world) return memoOf(avoid).withStates;
    const st = world.chips.statesAt(t);
    return memoOf(world.avoidAt(st.client, st.server)).withStates;
  };
  const asks: TimedAsk[] = order.map((i) => {
    const l = lives[i]!;
    return { ...l.ask(), t0: l.t0, t1: l.t1, along: l.along, avoid: withStates(l.t0), across: STATE_BOXES, path: l.path, key: `${l.key}@${l.t0}-${l.t1}` };
  });
  const placed = placeTimed(asks);
  const at = new Map(order.map((i, n) => [i, placed[n]!]));
  return want.map((i) => at.get(i)!);
}

/** A way as text, for the browser tests (a chip's way never changes while it is drawn). */
const wayText = (w: Way) => [...w.ends.flatMap((e) => [e.u, e.dx, e.dy]), w.bx, w.by].map((v) => v.toFixed(2)).join(' ');

export const FlightToken = memo(function FlightToken({ f, reducedMotion, way }: { f: Flight; reducedMotion: boolean; way: Way }) {
  // reduced motion: the segment waits beside its sender's state instead of travelling
  const [x, y] = wayPoint(flightAsk(f, chipWidth(f.flags || '·')).at, way, reducedMotion ? 0 : Math.min(1, Math.max(0, f.progress)));
  return (
    <g className="sd-token-flight" data-testid="flight-token" data-id={f.id} data-from={f.from} data-flags={f.flags} data-progress={f.progress.toFixed(3)} data-way={wayText(way)} transform={`translate(${x.toFixed(1)}, ${y.toFixed(1)})`} aria-hidden="true">
      <Chip text={f.flags || '·'} peer={f.from} className="sd-chip-seg" />
    </g>
  );
});
