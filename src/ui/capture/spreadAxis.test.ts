import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_STEP, spreadAxis } from './spreadAxis.ts';

describe('spreadAxis', () => {
  it('draws packets stamped microseconds apart a step apart, and keeps longer gaps', () => {
    const a = spreadAxis([0, 0.00003, 0.00005, 1.0, 1.00002]);
    expect(a.map(0)).toBe(0);
    expect(a.map(0.00003)).toBeCloseTo(MIN_STEP);
    expect(a.map(0.00005)).toBeCloseTo(2 * MIN_STEP);
    // a real gap of about a second stays that long
    expect(a.map(1.0) - a.map(0.00005)).toBeCloseTo(1.0 - 0.00005);
    expect(a.map(1.00002) - a.map(1.0)).toBeCloseTo(MIN_STEP);
    // after the last packet, time runs at its own pace
    expect(a.map(3) - a.map(1.00002)).toBeCloseTo(3 - 1.00002);
  });
  it('keeps the order of any two times and spaces distinct packet times by at least a step', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 30 }), fc.double({ min: 0, max: 12, noNaN: true }), fc.double({ min: 0, max: 12, noNaN: true }), (times, x, y) => {
        const a = spreadAxis(times);
        if (x < y) expect(a.map(x)).toBeLessThanOrEqual(a.map(y));
        const u = [...new Set(times)].sort((p, q) => p - q);
        for (let i = 1; i < u.length; i++) expect(a.map(u[i]!) - a.map(u[i - 1]!)).toBeGreaterThanOrEqual(MIN_STEP - 1e-9);
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});
