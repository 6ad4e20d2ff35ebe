/**
 * Where chips shown together travel, for the whole of their flights: each chip's way is chosen
 * when it is born (its segment sent, its transition made), against the chips alive at that instant
 * as they will move from then on (their ways and their clocks are known), so two chips never meet
 * at any moment of their flights, not only where they wait; and since a chip's way depends only on
 * the chips born before it, a chip delivered and gone never moves the ones still travelling.
 * A way is kept apart by a lane (the whole way moved beside its path, ends included) or, where a
 * lane would put an end on a label, by a swerve (the middle of the way bowed aside, the ends kept).
 * Pure arithmetic over boxes known in advance; computed once per set of chips, never per frame.
 */
import type { Box, Pt, WayAsk, WayEnd } from './chipStretch.ts';
import { clearEnds, cover } from './chipStretch.ts';

/** A chip's way: its two ends (chipStretch.ts) and how far its middle bows beside the path. */
export interface Way {
  ends: readonly [WayEnd, WayEnd];
  /** the swerve at the middle of the way (none at its ends) */
  bx: number;
  by: number;
}

export const plainWay = (ends: readonly [WayEnd, WayEnd]): Way => ({ ends, bx: 0, by: 0 });

/** The chip's centre `t` (0 to 1) of its way. */
export function wayPoint(at: (u: number) => Pt, way: Way, t: number): [number, number] {
  const [s, e] = way.ends;
  const [x, y] = at(s.u + (e.u - s.u) * t);
  const k = Math.sin(Math.PI * t);
  return [x + s.dx + (e.dx - s.dx) * t + way.bx * k, y + s.dy + (e.dy - s.dy) * t + way.by * k];
}

/** A chip to place with its life: born at t0 (when it is first drawn), gone after t1. */
export interface TimedAsk extends WayAsk {
  t0: number;
  t1: number;
  /** how far along its way (0 to 1) it is at virtual time t of its life */
  along: (t: number) => number;
  /** what its ends keep off: the labels, badges and states as drawn at its birth */
  avoid: readonly Box[];
  /** what it never crosses in flight (the states' boxes) unless its own way does */
  across?: readonly Box[];
  /** names its path (the same path, size and `avoid`, the same ends found on it): its lanes are found once */
  path?: string;
  /** names the chip (with its life): its way is found once, for the same chips alive at its birth */
  key?: string;
}

/** the instants of a chip's life compared with the chips alive beside it */
const SAMPLES = 32;
/** the step between the lanes (and swerves) tried, and the farthest one, drawing units */
const LANE_STEP = 4;
const MAX_LANE = 64;
/** the most chips, born last before it and alive at its birth, a chip keeps off */
const MAX_BESIDE = 8;
/** the room kept between two chips' boxes */
const CHIP_GAP = 2;

const boxAt = (p: Pt, a: WayAsk): Box => ({ x0: p[0] - a.hw, y0: p[1] - a.hh, x1: p[0] + a.hw, y1: p[1] + a.hh });
const area = (a: Box, b: Box): number => Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) + CHIP_GAP) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) + CHIP_GAP);
const shifted = (e: WayEnd, dx: number, dy: number): WayEnd => ({ u: e.u, dx: e.dx + dx, dy: e.dy + dy });

/** The instants of `k`'s life at which it is compared with the chips before it. */
export function lifeSamples(k: TimedAsk, until: number): number[] {
  const end = Math.min(k.t1, until);
  if (!(end > k.t0)) return [k.t0];
  return Array.from({ length: SAMPLES + 1 }, (_, i) => k.t0 + ((end - k.t0) * i) / SAMPLES);
}

/**
 * Each chip's way, the chips given in the order they were born (a transition before the segments
 * it sends at the same instant, segments by sending order). A chip keeps the way it has alone if
 * that way meets none of the earlier chips alive during its life at any sampled instant; else the
 * lane or swerve beside it that does and strays least from its own way (a lane where they tie),
 * its waiting ends kept as clear of the labels as they are alone; where none does, the one that
 * meets them least. A chip keeps off the MAX_BESIDE chips born last before it that are alive then.
 */
export function placeTimed(asks: readonly TimedAsk[]): Way[] {
  const ways: Way[] = [];
  asks.forEach((k, i) => {
    // a stream of segments (a bulk transfer) is a stream whatever the lanes: a chip keeps off the
    // few born last before it, which bounds the work per chip
    const before = asks
      .slice(0, i)
      .flatMap((a, j) => (a.t1 >= k.t0 ? [j] : []))
      .slice(-MAX_BESIDE);
    // the same chip born beside the same chips on the same ways: the way found before
    const memoKey = k.key === undefined ? undefined : `${k.key}/${before.map((j) => `${asks[j]!.key}:${wayKey(ways[j]!)}`).join(',')}`;
    const memo = memoKey === undefined ? undefined : memoOf(WAY_MEMO, k.avoid);
    const known = memoKey === undefined ? undefined : memo!.get(memoKey);
    const way = known ?? placeOne(k, before.map((j) => ({ a: asks[j]!, w: ways[j]! })));
    if (memoKey !== undefined && !known) memo!.set(memoKey, way);
    ways.push(way);
  });
  return ways;
}

/** caches by the obstacles a chip's ends keep off: the ways found, the ends found on a lane */
const MAX_MEMO = 4096;
const WAY_MEMO = new WeakMap<readonly Box[], Map<string, Way>>();
const LANE_MEMO = new WeakMap<readonly Box[], Map<string, readonly [WayEnd, WayEnd]>>();
function memoOf<V>(by: WeakMap<readonly Box[], Map<string, V>>, avoid: readonly Box[]): Map<string, V> {
  let m = by.get(avoid);
  if (!m) by.set(avoid, (m = new Map()));
  if (m.size >= MAX_MEMO) m.clear();
  return m;
}
const WAY_KEYS = new WeakMap<Way, string>();
function wayKey(w: Way): string {
  let k = WAY_KEYS.get(w);
  if (k === undefined) WAY_KEYS.set(w, (k = [...w.ends.flatMap((e) => [e.u, e.dx, e.dy]), w.bx, w.by].map((v) => v.toFixed(3)).join(' ')));
  return k;
}

function placeOne(k: TimedAsk, others: readonly { a: TimedAsk; w: Way }[]): Way {
  const plain: [WayEnd, WayEnd] = [{ u: k.lo, dx: 0, dy: 0 }, { u: k.hi, dx: 0, dy: 0 }];
  const alone = k.fixed ? plain : laneOf(k, 0, 0, 0, undefined);
  if (others.length === 0) return plainWay(alone);
  // where the earlier chips are at each instant of this one's life
  const ts = lifeSamples(k, Math.max(...others.map((o) => o.a.t1)));
  const them = ts.map((t) => others.flatMap(({ a, w }) => (t <= a.t1 ? [boxAt(wayPoint(a.at, w, a.along(t)), a)] : [])));
  // how much a way meets them, counted up to `enough` (a way meeting them that much is no better)
  const hits = (w: Way, enough = Infinity): number => {
    let c = 0;
    for (let n = 0; n < ts.length && c < enough; n++) {
      const mine = boxAt(wayPoint(k.at, w, k.along(ts[n]!)), k);
      for (const b of them[n]!) c += area(mine, b);
    }
    return c;
  };
  // its ends alone, each moved along or beside the path off the earlier chips where it waits
  // then (at its birth; at its arrival if it waits there): a swerve keeps these ends
  const arrives = k.keep === 'both' && ts[ts.length - 1] === k.t1;
  const base: readonly [WayEnd, WayEnd] = k.fixed
    ? plain
    : [clearEnds(k.at, k.lo, k.hi, k.hw, k.hh, [...k.avoid, ...them[0]!])[0], arrives ? clearEnds(k.at, k.lo, k.hi, k.hw, k.hh, [...k.avoid, ...them[them.length - 1]!])[1] : alone[1]];
  const kept = k.keep === 'both' ? [0, 1] : [0];
  const endCover = (w: Way) => kept.map((t) => cover(wayPoint(k.at, w, t), k.hw, k.hh, k.avoid));
  const aloneCover = endCover(plainWay(alone));
  // in flight over a state's name is as bad as waiting on it
  const life = lifeSamples(k, Infinity);
  const crosses = (w: Way) => (k.across ? life.reduce((c, t) => c + cover(wayPoint(k.at, w, k.along(t)), k.hw, k.hh, k.across!), 0) : 0);
  const aloneCrosses = crosses(plainWay(alone));
  const endsOk = (w: Way) => endCover(w).every((c, n) => c <= aloneCover[n]! + 1e-9) && crosses(w) <= aloneCrosses + 1e-9;
  // square to the chord of the path
  const [x0, y0] = k.at(k.lo);
  const [x1, y1] = k.at(k.hi);
  const len = Math.hypot(x1 - x0, y1 - y0) || 1;
  const nx = -(y1 - y0) / len;
  const ny = (x1 - x0) / len;
  // how far a way strays from the chip's own: the farthest its ends or its middle move
  const own = [0, 0.5, 1].map((t) => wayPoint(k.at, plainWay(alone), t));
  const strays = (w: Way) => Math.max(...[0, 0.5, 1].map((t, n) => Math.hypot(wayPoint(k.at, w, t)[0] - own[n]![0], wayPoint(k.at, w, t)[1] - own[n]![1])));
  let best: { w: Way; cover: number; cost: number } | null = null;
  let least: { w: Way; c: number } | null = null;
  // the best: its waiting ends clearest, then straying least; nearest first (a way farther out
  // than a best with clear ends strays farther, as good as always)
  const aloneClear = aloneCover.every((c) => c === 0);
  const better = (a: { cover: number; cost: number }, b: { cover: number; cost: number } | null) => !b || a.cover < b.cover - 1e-9 || (Math.abs(a.cover - b.cover) <= 1e-9 && a.cost < b.cost);
  for (let s = 0; s <= MAX_LANE && !(best && best.cover === 0 && s > best.cost); s += LANE_STEP) {
    for (const side of s === 0 ? [0] : [s, -s]) {
      const sx = nx * side;
      const sy = ny * side;
      // a lane: the whole way moved aside; where that puts an end on a label, its ends moved
      // along the lane (and, round a crowded edge, beside it) to the first clear places
      const lane = (ends: readonly [WayEnd, WayEnd]): Way => ({ ends: [shifted(ends[0], sx, sy), shifted(ends[1], sx, sy)], bx: 0, by: 0 });
      const moved = lane(alone);
      const tries = [endsOk(moved) || side === 0 || k.fixed ? moved : lane(laneOf(k, side, sx, sy, aloneClear ? 0 : undefined)), { ends: base, bx: sx, by: sy }];
      for (const w of tries) {
        if (!endsOk(w)) continue;
        const here = { w, cover: endCover(w).reduce((x, y) => x + y, 0), cost: strays(w) };
        if (!better(here, best)) continue;
        const c = hits(w, best ? 1e-9 : (least?.c ?? Infinity));
        if (c === 0) best = here;
        else if (!least || c < least.c) least = { w, c };
      }
    }
  }
  return best?.w ?? least?.w ?? plainWay(base);
}

/** The ends of a chip's way on its path moved `side` units aside (clearEnds on that lane, `maxSide` beside it), found once per path. */
function laneOf(k: TimedAsk, side: number, sx: number, sy: number, maxSide?: number): readonly [WayEnd, WayEnd] {
  const memo = k.path === undefined ? undefined : memoOf(LANE_MEMO, k.avoid);
  const key = `${k.path}|${side}|${maxSide}`;
  let ends = memo?.get(key);
  if (!ends) {
    ends = clearEnds((u) => [k.at(u)[0] + sx, k.at(u)[1] + sy], k.lo, k.hi, k.hw, k.hh, k.avoid, maxSide);
    memo?.set(key, ends);
  }
  return ends;
}
