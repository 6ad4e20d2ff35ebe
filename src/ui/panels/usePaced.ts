/**
 * A value that may change on every frame, redrawn at most once per interval while `pace` is on
 * (fast playback), and at once otherwise. The event log uses it: at 100× or 1000× new lines arrive
 * on every frame, faster than anyone reads them, and redrawing the list on each frame cost a
 * render, a commit and a layout of the list per frame. Paused, stepping or seeking, every change
 * shows at once.
 */
import { useEffect, useReducer, useRef } from 'react';

/**
 * How long (ms) before `value` may be shown: 0 when it may be shown now. `shownAt` is when the
 * value on screen was first shown (ms, same clock as `now`).
 */
export function pacedWait(changed: boolean, pace: boolean, shownAt: number, now: number, intervalMs: number): number {
  if (!changed || !pace) return 0;
  return Math.max(0, shownAt + intervalMs - now);
}

export function usePaced<T>(value: T, pace: boolean, intervalMs: number): T {
  const shown = useRef<{ value: T; at: number }>({ value, at: -Infinity });
  const [, wake] = useReducer((n: number) => n + 1, 0);
  const now = performance.now();
  const wait = pacedWait(!Object.is(value, shown.current.value), pace, shown.current.at, now, intervalMs);
  const out = wait > 0 ? shown.current.value : value;
  useEffect(() => {
    if (wait === 0) {
      if (!Object.is(shown.current.value, out)) shown.current = { value: out, at: now };
      return;
    }
    // the newest value is shown when its turn comes, even if nothing else changes by then
    const id = setTimeout(wake, wait);
    return () => clearTimeout(id);
  });
  return out;
}
