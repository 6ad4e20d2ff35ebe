import { describe, expect, it, vi } from 'vitest';
import type { IdleHost } from './usePaced.ts';
import { pacedWait, schedulePaced } from './usePaced.ts';

describe('pacedWait', () => {
  it('shows a change at once when not pacing (paused, stepping, seeking)', () => {
    expect(pacedWait(true, false, 1000, 1010, 100)).toBe(0);
  });
  it('shows the first change after a quiet spell at once', () => {
    expect(pacedWait(true, true, 1000, 1100, 100)).toBe(0);
    expect(pacedWait(true, true, -Infinity, 5, 100)).toBe(0);
  });
  it('holds a change that comes sooner than the interval until the interval is over', () => {
    expect(pacedWait(true, true, 1000, 1016, 100)).toBe(84);
    expect(pacedWait(true, true, 1000, 1099, 100)).toBe(1);
  });
  it('never waits for a value already shown', () => {
    expect(pacedWait(false, true, 1000, 1001, 100)).toBe(0);
  });
  it('over a run of frames 16.7 ms apart, redraws about once per interval, never sooner', () => {
    let shownAt = -Infinity;
    const draws: number[] = [];
    for (let f = 0; f < 60; f++) {
      const now = f * 16.7;
      if (pacedWait(true, true, shownAt, now, 100) === 0) {
        shownAt = now;
        draws.push(now);
      }
    }
    // one second of frames: ten redraws instead of sixty
    expect(draws.length).toBe(10);
    for (let i = 1; i < draws.length; i++) expect(draws[i]! - draws[i - 1]!).toBeGreaterThanOrEqual(100);
  });
});

describe('schedulePaced', () => {
  /** a page whose timers and idle periods the test runs by hand */
  function page(withIdle = true) {
    const timers = new Map<number, () => void>();
    const idles = new Map<number, { fn: () => void; timeout: number }>();
    let n = 0;
    const host: IdleHost = {
      setTimeout: (fn) => (timers.set(++n, fn), n),
      clearTimeout: (id) => void timers.delete(id as number),
      ...(withIdle ? { requestIdleCallback: (fn: () => void, o: { timeout: number }) => (idles.set(++n, { fn, timeout: o.timeout }), n), cancelIdleCallback: (id: number) => void idles.delete(id) } : {}),
    };
    const run = (m: Map<number, { fn: () => void } | (() => void)>) => {
      for (const [id, x] of [...m]) {
        m.delete(id);
        (typeof x === 'function' ? x : x.fn)();
      }
    };
    return { host, timers, idles, fireTimers: () => run(timers), fireIdle: () => run(idles) };
  }

  it('while pacing, shows the value in the idle period after the wait, never in the timer itself', () => {
    const p = page();
    const show = vi.fn();
    schedulePaced(show, 40, true, 100, p.host);
    p.fireTimers();
    expect(show).not.toHaveBeenCalled();
    expect([...p.idles.values()].map((x) => x.timeout)).toEqual([100]);
    p.fireIdle();
    expect(show).toHaveBeenCalledTimes(1);
  });
  it('not pacing (paused, stepping), or without idle callbacks, shows it when the timer fires', () => {
    for (const [pace, idle] of [[false, true], [true, false]] as const) {
      const p = page(idle);
      const show = vi.fn();
      schedulePaced(show, 0, pace, 100, p.host);
      p.fireTimers();
      expect(show).toHaveBeenCalledTimes(1);
      expect(p.idles.size).toBe(0);
    }
  });
  it('a cancel before or after the timer means nothing is shown', () => {
    for (const after of [false, true]) {
      const p = page();
      const show = vi.fn();
      const cancel = schedulePaced(show, 10, true, 100, p.host);
      if (after) p.fireTimers();
      cancel();
      p.fireTimers();
      p.fireIdle();
      expect(show).not.toHaveBeenCalled();
    }
  });
});
