/**
 * When the chips drawn on the state diagram are placed against the world's history (chipLanes.ts
 * placeTimed: each chip against every chip alive at its birth, drawn or not, so none jumps while
 * drawn) and when only against each other (chipStretch.ts placeWays). The history costs a lane
 * search per chip the world makes; it buys chips that keep their ways for as long as they are
 * seen. At a speed where a chip crosses its edge in a frame or two, nobody sees it move, let
 * alone jump, while the world makes dozens of chips per frame: there the chips drawn are only
 * kept apart from each other, as they were before the lanes.
 */
import type { Pace } from '../player/pace.ts';
import { autoRate } from '../player/pace.ts';

/**
 * The shortest crossing (wall seconds) worth placing against the world's history: more than two
 * frames at 60 Hz (a 50 ms link at 1× exact pace, three frames, is clear of it).
 */
export const HISTORY_MIN_WALL = 0.04;

/**
 * Wall seconds a chip that travels for `span` virtual seconds is on screen at `speed` and `pace`:
 * at auto pace the clock slows while it travels (pace.ts autoRate); chips on the move beside it
 * slow it more, so this is the least it lasts.
 */
export function crossingWall(span: number, speed: number, pace: Pace): number {
  if (!(span > 0)) return 0;
  if (!(speed > 0)) return Infinity;
  return span / (pace === 'exact' ? speed : autoRate(speed, [span]));
}

/** Whether chips travelling for these `spans` (virtual seconds) are placed against the world's history: one of them stays on screen for HISTORY_MIN_WALL or more. */
export function placedWithHistory(spans: Iterable<number>, speed: number, pace: Pace): boolean {
  for (const s of spans) if (crossingWall(s, speed, pace) >= HISTORY_MIN_WALL) return true;
  return false;
}
