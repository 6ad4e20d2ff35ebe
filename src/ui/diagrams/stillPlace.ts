/**
 * Where a transition's cause waits with reduced motion (no chip travels): round the state
 * entered, clear of the edge labels, the states' outlines, the peers' badges and the legends.
 * Round a busy state (ESTABLISHED: labels above and below, a badge at each side) none of the
 * badges' fixed spots is clear, so a cause may also slide along the side it is on (along the
 * box's top or bottom, up or down beside it) and a little further out, the nearest clear place
 * in its peer's order of spots. Pure arithmetic over boxes known in advance.
 */
import type { BadgeSpot, Peer } from './badgePlace.ts';
import { badgeBox } from './badgePlace.ts';
import type { Box } from './chipStretch.ts';

export interface StillAsk {
  peer: Peer;
  /** the state's box */
  at: Box;
  /** the cause's chip, its outline included */
  w: number;
  h: number;
}

export interface PlacedStill {
  peer: Peer;
  spot: BadgeSpot;
  box: Box;
}

/** Each peer's spots, most preferred first: below the box at its own side, beside it, below at the other side, above. */
export const STILL_ORDER: Readonly<Record<Peer, readonly BadgeSpot[]>> = {
  client: ['bottom-start', 'start', 'bottom-end', 'top-start', 'top-end', 'end'],
  server: ['bottom-end', 'end', 'bottom-start', 'top-end', 'top-start', 'start'],
};

/** the step of a slide or a push, drawing units */
const STEP = 4;
/** how far out from a spot (away from the box) a cause may go */
const MAX_PUSH = 16;
/** a later spot in the order costs as much as this much sliding */
const SPOT_COST = 24;
/** a unit pushed out costs this many slid along */
const PUSH_COST = 2;
/** the room kept between two causes */
const GAP = 2;

const meet = (a: Box, b: Box, gap = 0): boolean => a.x0 < b.x1 + gap && b.x0 < a.x1 + gap && a.y0 < b.y1 + gap && b.y0 < a.y1 + gap;
const overlap = (a: Box, b: Box): number => Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
const shift = (b: Box, dx: number, dy: number): Box => ({ x0: b.x0 + dx, y0: b.y0 + dy, x1: b.x1 + dx, y1: b.y1 + dy });

/** The places tried for `a` at `spot`, each with its cost: slid along its side (while it still faces the box), pushed out. */
function* tries(a: StillAsk, spot: BadgeSpot, rank: number): Generator<{ box: Box; cost: number }> {
  const base = badgeBox(a.at, a.w, spot, a.h);
  const beside = spot === 'start' || spot === 'end';
  // along a side: a cause above or below still overlaps the box's width, one beside it its height
  const lo = beside ? a.at.y0 - base.y1 + STEP : a.at.x0 - base.x1 + STEP;
  const hi = beside ? a.at.y1 - base.y0 - STEP : a.at.x1 - base.x0 - STEP;
  const out = spot.startsWith('top') || spot === 'start' ? -1 : 1;
  for (let push = 0; push <= MAX_PUSH; push += STEP)
    for (let s = 0; s <= Math.max(-lo, hi); s += STEP)
      for (const slide of s === 0 ? [0] : [s, -s]) {
        if (slide < lo || slide > hi) continue;
        const box = beside ? shift(base, out * push, slide) : shift(base, slide, out * push);
        yield { box, cost: rank * SPOT_COST + Math.abs(slide) + PUSH_COST * push };
      }
}

/**
 * Each asked cause's place, in the order asked: the cheapest clear place (inside `bounds`, meeting
 * nothing in `avoid` nor a cause placed before it); where none is, the one that covers least.
 */
export function placeStills(asks: readonly StillAsk[], avoid: readonly Box[], bounds: Box): PlacedStill[] {
  const placed: PlacedStill[] = [];
  for (const a of asks) {
    let best: PlacedStill | null = null;
    let bestCost = Infinity;
    let least: PlacedStill | null = null;
    let leastCover = Infinity;
    STILL_ORDER[a.peer].forEach((spot, rank) => {
      for (const { box, cost } of tries(a, spot, rank)) {
        if (cost >= bestCost) continue;
        if (box.x0 < bounds.x0 || box.y0 < bounds.y0 || box.x1 > bounds.x1 || box.y1 > bounds.y1) continue;
        let cover = 0;
        for (const o of avoid) cover += overlap(box, o);
        for (const p of placed) if (meet(box, p.box, GAP)) cover += overlap(box, p.box) + 1;
        if (cover === 0) {
          best = { peer: a.peer, spot, box };
          bestCost = cost;
        } else if (cover < leastCover) {
          least = { peer: a.peer, spot, box };
          leastCover = cover;
        }
      }
    });
    placed.push(best ?? least ?? { peer: a.peer, spot: STILL_ORDER[a.peer][0]!, box: badgeBox(a.at, a.w, STILL_ORDER[a.peer][0]!, a.h) });
  }
  return placed;
}
