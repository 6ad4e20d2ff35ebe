/**
 * Pace rules of the player: how fast virtual time runs against real time.
 *
 * Virtual time stays exact; only the mapping from wall time to virtual time changes.
 * - `exact`: virtual seconds = real seconds × speed.
 * - `auto` (default): while a segment is on the wire, time slows so that one flight takes
 *   about FLIGHT_WALL real seconds at any speed up to AUTO_CAP×; after a peer enters a state,
 *   no further event is processed for DWELL_WALL real seconds, so every state is seen; when
 *   nothing is in flight (TIME_WAIT's 60 s, a keepalive idle) time runs at the chosen speed.
 *   Above AUTO_CAP× both figures shrink in proportion, so 100× stays ten times faster than 10×.
 */
export type Pace = 'auto' | 'exact';
export const PACES: readonly Pace[] = ['auto', 'exact'];

/** Real seconds one flight takes at auto pace (speeds up to AUTO_CAP): long enough to be followed, within the 0.6–1 s a flight may take. */
export const FLIGHT_WALL = 0.95;
/** Real seconds a newly entered state stays on screen before the next event is processed. */
export const DWELL_WALL = 0.45;
/** The highest speed at which flights and dwells keep their full real-time length. */
export const AUTO_CAP = 10;

/** How much the show is compressed at `speed` (1 up to AUTO_CAP×). */
export const hurry = (speed: number): number => Math.max(1, speed / AUTO_CAP);

/** The dwell after a state change, in real seconds, at `speed`. */
export const dwellFor = (speed: number): number => DWELL_WALL / hurry(speed);

/**
 * Virtual seconds per real second at auto pace, given the virtual durations of the flights
 * on the wire now. Never faster than the chosen speed: a flight that is already slow enough
 * (a long link delay) runs at the chosen speed.
 */
export function autoRate(speed: number, flightSpans: Iterable<number>): number {
  let r = speed;
  const h = hurry(speed);
  for (const d of flightSpans) if (d > 0) r = Math.min(r, (d / FLIGHT_WALL) * h);
  return r;
}

/**
 * How long (virtual seconds) a state-diagram transition chip travels after the transition: the
 * time a segment takes to cross the link, so a chip moves like the segments beside it. At auto
 * pace a chip on the move slows time like a flight does (about FLIGHT_WALL real seconds).
 */
export function moveSpan(linkDelay: number): number {
  return linkDelay > 0 ? Math.min(linkDelay, MAX_MOVE_SPAN) : DEFAULT_MOVE_SPAN;
}
const MAX_MOVE_SPAN = 1;
const DEFAULT_MOVE_SPAN = 0.05;

/** 0 to 1 along a transition made at `at` that travels for `span`, seen at `time`. */
export function moveProgress(at: number, span: number, time: number): number {
  if (!(span > 0)) return 1;
  return Math.min(1, Math.max(0, (time - at) / span));
}
