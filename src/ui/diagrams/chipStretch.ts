/**
 * Where a chip on the state diagram may wait: the ends of its way, clear of the edge labels and
 * state boxes it would otherwise cover. A chip waits at the start of its way at a note stop (its
 * segment was sent, or its transition made, at that instant); the lines between two states are
 * where the edges and their labels are, so its plain starting point can sit on a label ("close() /
 * snd FIN" under the tail loss probe's FIN,ACK). Pure arithmetic over boxes known in advance (the
 * labels' boxes measured when they move, not per frame).
 */

/** An axis-aligned box in the drawing's units. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export type Pt = readonly [number, number];

/** One end of a chip's way: the parameter on its path, and how far beside the path it sits. */
export interface WayEnd {
  u: number;
  dx: number;
  dy: number;
}

/** the positions tried along each half of a way */
const STEPS = 48;
/** how far (drawing units) a chip may wait beside its path, and the step between tries */
const MAX_SIDE = 48;
const SIDE_STEP = 4;
/** a unit beside the path costs this many along it: a chip keeps to its path where it can */
const SIDE_COST = 2;

const overlap = (a: Box, b: Box): number => Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));

/** The area of `avoid` a chip of half size (hw, hh) centred at `p` covers. */
export function cover(p: Pt, hw: number, hh: number, avoid: readonly Box[]): number {
  const chip = { x0: p[0] - hw, y0: p[1] - hh, x1: p[0] + hw, y1: p[1] + hh };
  let c = 0;
  for (const b of avoid) c += overlap(chip, b);
  return c;
}

/**
 * The two ends of a chip's way along the path `at` (parameters lo to hi; `at(u)` is the chip's
 * centre at u): each the clear place nearest its own end, on the path or beside it (up to
 * MAX_SIDE units off, square to the path; a unit aside counts SIDE_COST along), and on its own
 * half of the way, so a chip waiting to leave still reads as leaving. Where nothing on a half is
 * clear, that end goes to the place on the path, on its half, that covers least. `maxSide` 0: on
 * the path only.
 */
export function clearEnds(at: (u: number) => Pt, lo: number, hi: number, hw: number, hh: number, avoid: readonly Box[], maxSide = MAX_SIDE): [WayEnd, WayEnd] {
  if (avoid.length === 0 || !(hi > lo)) return [{ u: lo, dx: 0, dy: 0 }, { u: hi, dx: 0, dy: 0 }];
  const mid = (lo + hi) / 2;
  const eps = (hi - lo) / 1000;
  const end = (from: number): WayEnd => {
    let best: WayEnd | null = null;
    let bestCost = Infinity;
    let least = { u: from, c: Infinity };
    let travelled = 0;
    let prev = at(from);
    for (let i = 0; i <= STEPS; i++) {
      const u = from + ((mid - from) * i) / STEPS;
      const p = at(u);
      travelled += Math.hypot(p[0] - prev[0], p[1] - prev[1]);
      prev = p;
      if (travelled >= bestCost) break;
      const c = cover(p, hw, hh, avoid);
      if (c < least.c - 1e-9) least = { u, c };
      // square to the path here
      const a = at(Math.max(lo, u - eps));
      const b = at(Math.min(hi, u + eps));
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
      const nx = -(b[1] - a[1]) / len;
      const ny = (b[0] - a[0]) / len;
      for (let s = 0; s <= maxSide; s += SIDE_STEP) {
        const cost = travelled + SIDE_COST * s;
        if (cost >= bestCost) break;
        const side = [s, -s].find((k) => (k === 0 ? c : cover([p[0] + nx * k, p[1] + ny * k], hw, hh, avoid)) === 0);
        if (side !== undefined) {
          best = { u, dx: nx * side, dy: ny * side };
          bestCost = cost;
          break;
        }
      }
    }
    return best ?? { u: least.u, dx: 0, dy: 0 };
  };
  return [end(lo), end(hi)];
}

/** The chip's centre `t` (0 to 1) of the way between its two ends. */
export function alongWay(at: (u: number) => Pt, [s, e]: readonly [WayEnd, WayEnd], t: number): [number, number] {
  const [x, y] = at(s.u + (e.u - s.u) * t);
  return [x + s.dx + (e.dx - s.dx) * t, y + s.dy + (e.dy - s.dy) * t];
}

/** A chip's way to place: its path `at` from lo to hi, its half size, and which ends the chips placed after it keep off. */
export interface WayAsk {
  at: (u: number) => Pt;
  lo: number;
  hi: number;
  hw: number;
  hh: number;
  /** a way too short to stretch: its plain ends */
  fixed?: boolean;
  /** the ends where this chip waits or arrives as drawn: its start only (a transition chip is gone on arrival) or both */
  keep: 'start' | 'both';
}

/** the room kept between two chips' boxes */
const CHIP_GAP = 2;

/** Each chip's way placed in `order`, each clear of the kept ends of those before it; and how many kept ends found no clear place. */
function placeInOrder(asks: readonly WayAsk[], avoid: readonly Box[], order: readonly number[]): { ways: [WayEnd, WayEnd][]; unclear: number[] } {
  const taken: Box[] = [];
  const ways: [WayEnd, WayEnd][] = new Array(asks.length);
  const unclear: number[] = [];
  for (const i of order) {
    const a = asks[i]!;
    const all = taken.length ? [...avoid, ...taken] : avoid;
    const ends: [WayEnd, WayEnd] = a.fixed ? [{ u: a.lo, dx: 0, dy: 0 }, { u: a.hi, dx: 0, dy: 0 }] : clearEnds(a.at, a.lo, a.hi, a.hw, a.hh, all);
    for (const t of a.keep === 'both' ? [0, 1] : [0]) {
      const p = alongWay(a.at, ends, t);
      if (cover(p, a.hw, a.hh, all) > 0) unclear.push(i);
      taken.push({ x0: p[0] - a.hw - CHIP_GAP, y0: p[1] - a.hh - CHIP_GAP, x1: p[0] + a.hw + CHIP_GAP, y1: p[1] + a.hh + CHIP_GAP });
    }
    ways[i] = ends;
  }
  return { ways, unclear };
}

/**
 * Each chip's way, in the order asked (the order the chips appeared): the ends of each clear of
 * `avoid` and of the kept ends of every chip placed before it, moved along its path or beside it
 * as for a label (clearEnds), so two chips waiting at the same instant (a transition and the
 * segment it sends, or two segments sent together) never sit on each other. Where a chip finds
 * no clear place that way (the places round a busy edge taken by the chip before it), it is
 * placed first instead, if that leaves fewer chips unclear. Pure arithmetic.
 */
export function placeWays(asks: readonly WayAsk[], avoid: readonly Box[]): [WayEnd, WayEnd][] {
  const order = asks.map((_, i) => i);
  let best = placeInOrder(asks, avoid, order);
  for (const i of new Set(best.unclear)) {
    if (best.unclear.length === 0) break;
    const tried = placeInOrder(asks, avoid, [i, ...order.filter((j) => j !== i)]);
    if (tried.unclear.length < best.unclear.length) best = tried;
  }
  return best.ways;
}
