import { describe, expect, it } from 'vitest';
import { pacedWait } from './usePaced.ts';

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
