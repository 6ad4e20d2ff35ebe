import { describe, expect, it } from 'vitest';
import { crossingWall, placedWithHistory } from './chipHistory.ts';

describe('when chips are placed against the world’s history (placedWithHistory)', () => {
  it('at exact pace, by the crossing’s own length at the speed chosen', () => {
    // a 50 ms link: three frames at 1×, a frame and a half at 2×
    expect(crossingWall(0.05, 1, 'exact')).toBeCloseTo(0.05, 9);
    expect(placedWithHistory([0.05], 1, 'exact')).toBe(true);
    expect(placedWithHistory([0.05], 2, 'exact')).toBe(false);
    // either side of the threshold (40 ms: more than two frames at 60 Hz)
    expect(placedWithHistory([0.04], 1, 'exact')).toBe(true);
    expect(placedWithHistory([0.039], 1, 'exact')).toBe(false);
    // a 3 s link at 10× and at 100×
    expect(placedWithHistory([3], 10, 'exact')).toBe(true);
    expect(placedWithHistory([3], 100, 'exact')).toBe(false);
  });

  it('at auto pace, with the clock slowed while the chip travels', () => {
    // up to 10× a flight takes about 0.95 s whatever the link; above, ten times less per tenfold speed
    expect(crossingWall(0.05, 10, 'auto')).toBeCloseTo(0.95, 9);
    expect(crossingWall(0.05, 1000, 'auto')).toBeCloseTo(0.0095, 9);
    expect(placedWithHistory([0.05], 100, 'auto')).toBe(true);
    expect(placedWithHistory([0.05], 200, 'auto')).toBe(true);
    expect(placedWithHistory([0.05], 250, 'auto')).toBe(false);
    expect(placedWithHistory([0.05], 1000, 'auto')).toBe(false);
    // a link slow enough to run at the speed chosen: its own length counts
    expect(crossingWall(60, 1000, 'auto')).toBeCloseTo(0.06, 9);
    expect(placedWithHistory([45], 1000, 'auto')).toBe(true);
    expect(placedWithHistory([35], 1000, 'auto')).toBe(false);
  });

  it('when any chip drawn stays on screen long enough, and never for none', () => {
    expect(placedWithHistory([0.001, 0.05], 1, 'exact')).toBe(true);
    expect(placedWithHistory([0.001, 0.03], 1, 'exact')).toBe(false);
    expect(placedWithHistory([], 1, 'exact')).toBe(false);
    // a chip that does not travel is not seen travelling
    expect(crossingWall(0, 1, 'exact')).toBe(0);
  });
});
