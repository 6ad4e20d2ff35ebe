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
}

/** the instants of a chip's life compared with the chips alive beside it */
const SAMPLES = 32;
/** the step between the lanes (and swerves) tried, and the farthest one, drawing units */
const LANE_STEP = 4;
const MAX_LANE = 64;
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
 * meets them least.
 */
export function placeTimed(asks: readonly TimedAsk[]): Way[] {
  const ways: Way[] = [];
  asks.forEach((k, i) => {
    const before = asks.slice(0, i).flatMap((a, j) => (a.t1 >= k.t0 ? [j] : []));
    const plain: [WayEnd, WayEnd] = [{ u: k.lo, dx: 0, dy: 0 }, { u: k.hi, dx: 0, dy: 0 }];
    const alone = k.fixed ? plain : clearEnds(k.at, k.lo, k.hi, k.hw, k.hh, k.avoid);
    if (before.length === 0) {
      ways.push(plainWay(alone));
      return;
    }
    // where the earlier chips are at each instant of this one's life
    const ts = lifeSamples(k, Math.max(...before.map((j) => asks[j]!.t1)));
    const them = ts.map((t) => before.flatMap((j) => (t <= asks[j]!.t1 ? [boxAt(wayPoint(asks[j]!.at, ways[j]!, asks[j]!.along(t)), asks[j]!)] : [])));
    const hits = (w: Way): number => {
      let c = 0;
      ts.forEach((t, n) => {
        const mine = boxAt(wayPoint(k.at, w, k.along(t)), k);
        for (const b of them[n]!) c += area(mine, b);
      });
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
    let best: { w: Way; cost: number } | null = null;
    let least: { w: Way; c: number } | null = null;
    for (let s = 0; s <= MAX_LANE; s += LANE_STEP) {
      for (const side of s === 0 ? [0] : [s, -s]) {
        // a lane: the path moved aside, its ends found on it as they are on the path alone
        const sx = nx * side;
        const sy = ny * side;
        const laneEnds = side === 0 ? alone : k.fixed ? plain : clearEnds((u) => [k.at(u)[0] + sx, k.at(u)[1] + sy], k.lo, k.hi, k.hw, k.hh, k.avoid);
        const lane: Way = { ends: [shifted(laneEnds[0], sx, sy), shifted(laneEnds[1], sx, sy)], bx: 0, by: 0 };
        const swerve: Way = { ends: base, bx: sx, by: sy };
        for (const w of [lane, swerve]) {
          if (!endsOk(w)) continue;
          const cost = strays(w);
          if (best && cost >= best.cost) continue;
          const c = hits(w);
          if (c === 0) best = { w, cost };
          else if (!least || c < least.c) least = { w, c };
        }
      }
    }
    if (best) {
      ways.push(best.w);
      return;
    }
    ways.push(least?.w ?? plainWay(base));
  });
  return ways;
}
