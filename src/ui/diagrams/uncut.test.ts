import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uncutTop } from './uncut.ts';

const cuts = (u: number, labels: { y0: number; y1: number }[]) => labels.some((b) => b.y0 < u - 0.5 && b.y1 > u + 0.5);

describe('uncutTop', () => {
  it('keeps an edge that cuts nothing', () => {
    expect(uncutTop(100, [{ y0: 40, y1: 60 }], () => true, 500)).toBe(100);
  });
  it('moves up over a cut label when that will do, else below it', () => {
    const labels = [{ y0: 90, y1: 110 }];
    expect(uncutTop(100, labels, () => true, 500)).toBe(86);
    expect(uncutTop(100, labels, () => false, 500)).toBe(112);
    // below is past the end of the scroll: up it is
    expect(uncutTop(100, labels, () => false, 111)).toBe(86);
  });
  it('clears a state name and the segment label overlapping it together (teardown, note 1: the box came to rest on one of them)', () => {
    // the extents met at 2.0 s of the teardown lesson at 1366×768
    const labels = [
      { y0: 209.6, y1: 257.2 },
      { y0: 251.3, y1: 270.7 },
    ];
    for (const u of [215, 247.3, 255, 259.3, 268]) {
      for (const upWillDo of [true, false]) {
        const v = uncutTop(u, labels, () => upWillDo, 1000);
        expect(cuts(v, labels), `from ${u}, up ${upWillDo}: ${v}`).toBe(false);
        expect(v).toBe(upWillDo ? 205.6 : 272.7);
      }
    }
  });
  it('cuts nothing wherever it starts, among any labels', () => {
    const extent = fc.record({ y0: fc.double({ min: 0, max: 400, noNaN: true }), h: fc.double({ min: 5, max: 45, noNaN: true }) }).map(({ y0, h }) => ({ y0, y1: y0 + h }));
    fc.assert(
      fc.property(fc.array(extent, { maxLength: 10 }), fc.double({ min: 0, max: 450, noNaN: true }), fc.boolean(), (labels, u, up) => !cuts(uncutTop(u, labels, () => up, 1000), labels)),
    );
  });
});
