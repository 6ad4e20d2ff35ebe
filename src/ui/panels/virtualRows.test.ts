import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rowWindow } from './virtualRows.ts';

describe('rowWindow', () => {
  it('following: draws the last rows, ending at the bottom of the list', () => {
    const w = rowWindow(1000, () => 27, 320, 0, true, 0);
    expect(w.total).toBe(27000);
    expect(w.top).toBe(27000 - 320);
    expect(w.end).toBe(1000);
    // only what fits in the box: 320 px of 27 px rows meet 12 or 13 rows
    expect(w.end - w.first).toBeLessThanOrEqual(13);
    expect(w.tops[w.tops.length - 1]).toBe(999 * 27);
  });

  it('scrolled: draws the rows meeting the box and its margins, at their measured heights', () => {
    const h = (i: number) => (i % 10 === 0 ? 54 : 27);
    const w = rowWindow(500, h, 300, 1000, false, 100);
    expect(w.top).toBe(1000);
    let y = 0;
    for (let i = 0; i < w.first; i++) y += h(i);
    expect(y + h(w.first)).toBeGreaterThan(900);
    expect(w.tops[0]).toBe(y);
    const last = w.end - 1;
    expect(w.tops[last - w.first]).toBeLessThan(1400);
    expect(w.tops[last - w.first]! + h(last)).toBeGreaterThanOrEqual(1400);
  });

  it('a short list is drawn whole; a scroll position past the end is clamped', () => {
    expect(rowWindow(5, () => 27, 320, 0, true, 0)).toMatchObject({ first: 0, end: 5, top: 0, total: 135 });
    expect(rowWindow(100, () => 27, 270, 1e9, false, 0)).toMatchObject({ top: 2700 - 270, end: 100 });
    expect(rowWindow(0, () => 27, 270, 0, true, 50)).toMatchObject({ first: 0, end: 0, total: 0, tops: [] });
  });

  it('the drawn rows are consecutive, cover the box, and their number depends on the box, not the list', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.array(fc.integer({ min: 10, max: 80 }), { minLength: 1, maxLength: 7 }), fc.integer({ min: 0, max: 200_000 }), fc.boolean(), (count, pattern, scroll, follow) => {
        const h = (i: number) => pattern[i % pattern.length]!;
        const view = 320;
        const w = rowWindow(count, h, view, scroll, follow, 100);
        expect(w.end - w.first).toBe(w.tops.length);
        expect(w.end - w.first).toBeLessThanOrEqual(Math.ceil((view + 200) / 10) + 2);
        for (let k = 1; k < w.tops.length; k++) expect(w.tops[k]).toBe(w.tops[k - 1]! + h(w.first + k - 1));
        if (w.total > 0 && w.tops.length) {
          // the box [top, top + view] is covered (as far as the list reaches)
          expect(w.tops[0]).toBeLessThanOrEqual(w.top);
          const bottom = w.tops[w.tops.length - 1]! + h(w.end - 1);
          expect(bottom).toBeGreaterThanOrEqual(Math.min(w.total, w.top + view));
        }
      }),
    );
  });
});
