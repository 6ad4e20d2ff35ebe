import { curveBasis, line } from 'd3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basisPath } from './basisPath.ts';
import type { Pt } from './basisPath.ts';

const d3Basis = line<Pt>().curve(curveBasis);

describe('basisPath', () => {
  it("writes d3's curveBasis path for any route", () => {
    const pt = fc.tuple(fc.double({ min: -2000, max: 2000, noNaN: true }), fc.double({ min: -2000, max: 2000, noNaN: true }));
    fc.assert(
      fc.property(fc.array(pt, { minLength: 1, maxLength: 9 }), (pts) => {
        expect(basisPath(pts)).toBe(d3Basis(pts) ?? '');
      }),
      { numRuns: 2000 },
    );
  });
  it('writes the state diagram routes (ends repeated) like d3', () => {
    const pts: Pt[] = [[10, 20], [10, 20], [60.5, 80.25], [120, 40], [200, 90], [200, 90]];
    expect(basisPath(pts)).toBe(d3Basis(pts));
    expect(basisPath([])).toBe('');
  });
});
