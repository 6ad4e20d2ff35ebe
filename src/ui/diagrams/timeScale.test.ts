import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildTimeScale, formatSeconds } from './timeScale.ts';

describe('buildTimeScale', () => {
  it('compresses a 60 s quiet gap into a break', () => {
    const ts = buildTimeScale([0.1, 0.15, 0.2, 2.6, 62.6, 62.65], 63);
    expect(ts.breaks).toHaveLength(1);
    const b = ts.breaks[0]!;
    expect(b.skipped).toBeGreaterThan(59);
    expect(b.skipped).toBeLessThan(60);
    // the whole minute takes less vertical space than a tenth of a second of activity would need ×10
    expect(ts.y(62.6) - ts.y(2.6)).toBeLessThan(200);
    expect(ts.y(62.65) - ts.y(62.6)).toBeCloseTo(ts.y(0.15) - ts.y(0.1), 6);
  });

  it('does not break short gaps', () => {
    const ts = buildTimeScale([0.1, 1, 2.5], 2.5);
    expect(ts.breaks).toHaveLength(0);
  });

  it('compresses the quiet tail up to the display time', () => {
    const ts = buildTimeScale([0.1, 0.2], 40);
    expect(ts.breaks).toHaveLength(1);
    expect(ts.y(40)).toBeLessThan(ts.y(0.2) + 300);
  });

  const times = fc.array(fc.double({ min: 0, max: 500, noNaN: true }), { maxLength: 40 });

  it('is strictly increasing (property)', () => {
    fc.assert(
      fc.property(times, fc.double({ min: 0, max: 600, noNaN: true }), fc.double({ min: 0, max: 600, noNaN: true }), fc.double({ min: 0, max: 600, noNaN: true }), (ev, now, a, b) => {
        const ts = buildTimeScale(ev, now);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        if (ts.y(hi) < ts.y(lo)) return false;
        // strict wherever the difference is above floating-point noise
        return hi - lo < 1e-6 || ts.y(hi) > ts.y(lo);
      }),
    );
  });

  it('knots strictly increase and breaks do not overlap (property)', () => {
    fc.assert(
      fc.property(times, fc.double({ min: 0, max: 600, noNaN: true }), (ev, now) => {
        const ts = buildTimeScale(ev, now);
        for (let i = 1; i < ts.knots.length; i++) {
          if (!(ts.knots[i]![0] > ts.knots[i - 1]![0] && ts.knots[i]![1] > ts.knots[i - 1]![1])) return false;
        }
        for (let i = 1; i < ts.breaks.length; i++) if (ts.breaks[i]!.y0 < ts.breaks[i - 1]!.y1) return false;
        return ts.breaks.every((b) => b.skipped > 0 && b.y1 > b.y0);
      }),
    );
  });

  it('keeps the past still: y(t <= displayTime) ignores later events (property)', () => {
    fc.assert(
      fc.property(times, fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (ev, now, f) => {
        const all = buildTimeScale(ev, now);
        const past = buildTimeScale(ev.filter((t) => t <= now), now);
        const t = now * f;
        return Math.abs(all.y(t) - past.y(t)) < 1e-6 && Math.abs(all.y(now) - past.y(now)) < 1e-6;
      }),
    );
  });

  it('without a display time, adding one later does not move earlier events (property)', () => {
    fc.assert(
      fc.property(times, fc.double({ min: 0, max: 100, noNaN: true }), (ev, extra) => {
        const base = buildTimeScale(ev, NaN);
        const last = Math.max(0, ...ev);
        const later = buildTimeScale(ev, last + extra);
        return ev.every((t) => Math.abs(base.y(t) - later.y(t)) < 1e-6);
      }),
    );
  });
});

describe('formatSeconds', () => {
  it('formats like the timers', () => {
    expect(formatSeconds(59.24)).toBe('59.2 s');
    expect(formatSeconds(0.35)).toBe('0.35 s');
    expect(formatSeconds(-1)).toBe('0 s');
  });
});
