/**
 * The timers a connection has running, packed into one small integer: up to
 * five 3-bit timer codes in the order they were armed (the order a crash or a
 * close reports their cancellation in). A Set per connection cost ~200 bytes of
 * heap; this costs none.
 */
import type { TimerName } from '../machine/fx.ts';
import { TIMER_NAMES, timerIndex } from '../machine/fx.ts';

export type TimerSet = number;
export const NO_TIMERS: TimerSet = 0;

/** a timer's code in the set: its index + 1 (0 ends the list) */
const code = (t: TimerName): number => timerIndex(t) + 1;

export function hasTimer(s: TimerSet, t: TimerName): boolean {
  const c = code(t);
  for (let x = s; x !== 0; x >>>= 3) if ((x & 7) === c) return true;
  return false;
}

/** Adds `t` at the end unless it is there already (re-arming keeps its place, as a Set does). */
export function addTimer(s: TimerSet, t: TimerName): TimerSet {
  if (hasTimer(s, t)) return s;
  let n = 0;
  for (let x = s; x !== 0; x >>>= 3) n++;
  return s | (code(t) << (3 * n));
}

export function deleteTimer(s: TimerSet, t: TimerName): TimerSet {
  const c = code(t);
  let out = 0;
  let n = 0;
  for (let x = s; x !== 0; x >>>= 3) {
    const v = x & 7;
    if (v !== c) out |= v << (3 * n++);
  }
  return out;
}

/** The running timers, in the order they were armed. */
export function timerList(s: TimerSet): TimerName[] {
  const out: TimerName[] = [];
  for (let x = s; x !== 0; x >>>= 3) out.push(TIMER_NAMES[(x & 7) - 1]!);
  return out;
}

export function timerSetOf(list: readonly TimerName[]): TimerSet {
  let s = NO_TIMERS;
  for (const t of list) s = addTimer(s, t);
  return s;
}
