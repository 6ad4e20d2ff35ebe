/**
 * A value that may change on every frame, redrawn at most once per interval while `pace` is on
 * (fast playback), and at once otherwise. The event log uses it: at 100× or 1000× new lines arrive
 * on every frame, faster than anyone reads them, and redrawing the list on each frame cost a
 * render, a commit and a layout of the list per frame. Paused, stepping or seeking, every change
 * shows at once.
 */
import { useEffect, useRef, useState } from 'react';

/**
 * How long (ms) before `value` may be shown: 0 when it may be shown now. `shownAt` is when the
 * value on screen was first shown (ms, same clock as `now`).
 */
export function pacedWait(changed: boolean, pace: boolean, shownAt: number, now: number, intervalMs: number): number {
  if (!changed || !pace) return 0;
  return Math.max(0, shownAt + intervalMs - now);
}

/** What schedulePaced needs of the page (the window; a stand-in in tests). */
export interface IdleHost {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  requestIdleCallback?(fn: () => void, o: { timeout: number }): number;
  cancelIdleCallback?(id: number): void;
}

/**
 * Calls `show` once `waitMs` are over. While pacing (the clock runs) it waits further for the
 * browser's next idle period, at most `intervalMs` more: the log's redraw then starts once a frame's
 * work is done, in the time left before the next one, instead of at a timer's whim in the middle of
 * a frame interval, where it made a heavy frame miss its vsync. Returns a cancel.
 */
export function schedulePaced(show: () => void, waitMs: number, pace: boolean, intervalMs: number, host: IdleHost = globalThis as unknown as IdleHost): () => void {
  let idle: number | null = null;
  const timer = host.setTimeout(() => {
    if (pace && host.requestIdleCallback) idle = host.requestIdleCallback(show, { timeout: intervalMs });
    else show();
  }, waitMs);
  return () => {
    host.clearTimeout(timer);
    if (idle !== null) host.cancelIdleCallback?.(idle);
  };
}

export function usePaced<T>(value: T, pace: boolean, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const shownAt = useRef(-Infinity);
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  });
  useEffect(() => {
    if (Object.is(value, shown)) return;
    // the newest value when its turn comes, even if nothing else changes by then
    const show = () => {
      shownAt.current = performance.now();
      setShown(latest.current);
    };
    return schedulePaced(show, pacedWait(true, pace, shownAt.current, performance.now(), intervalMs), pace, intervalMs);
  }, [value, shown, pace, intervalMs]);
  // not pacing: the value itself, with no delay at all
  return pace ? shown : value;
}
