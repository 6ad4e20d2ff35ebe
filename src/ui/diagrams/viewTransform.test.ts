import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { zoom, zoomIdentity } from 'd3-zoom';
import { constrain, ViewTransform, viewIdentity } from './viewTransform.ts';
import type { Extent } from './viewTransform.ts';

/*
 * The diagrams draw with ViewTransform until d3-zoom is loaded, and hand it to d3 afterwards: the
 * two must agree on what a transform is and on how the bounds are kept, or the picture would jump
 * on the first gesture.
 */
const d3Of = (t: ViewTransform) => zoomIdentity.translate(t.x, t.y).scale(t.k);
const num = fc.double({ min: -2000, max: 2000, noNaN: true });
const scale = fc.double({ min: 0.2, max: 8, noNaN: true });
const box = fc.tuple(num, num, fc.double({ min: 1, max: 3000, noNaN: true }), fc.double({ min: 1, max: 3000, noNaN: true })).map(([x, y, w, h]): Extent => [[x, y], [x + w, y + h]]);

describe('ViewTransform', () => {
  it('composes translate and scale like d3-zoom and prints the same SVG transform', () => {
    fc.assert(
      fc.property(scale, num, num, scale, num, num, (k1, x1, y1, k2, x2, y2) => {
        const ours = viewIdentity.translate(x1, y1).scale(k1).translate(x2, y2).scale(k2);
        const d3 = zoomIdentity.translate(x1, y1).scale(k1).translate(x2, y2).scale(k2);
        expect(ours.k).toBeCloseTo(d3.k, 9);
        expect(ours.x).toBeCloseTo(d3.x, 6);
        expect(ours.y).toBeCloseTo(d3.y, 6);
        expect(ours.invertX(123)).toBeCloseTo(d3.invertX(123), 6);
        expect(ours.invertY(-45)).toBeCloseTo(d3.invertY(-45), 6);
      }),
    );
    const t = new ViewTransform(2, 10, -4);
    expect(t.toString()).toBe(d3Of(t).toString());
  });

  it('keeps the bounds exactly as d3-zoom does for its gestures', () => {
    const d3Constrain = zoom().constrain();
    fc.assert(
      fc.property(scale, num, num, box, box, (k, x, y, extent, bounds) => {
        const t = new ViewTransform(k, x, y);
        const ours = constrain(t, extent, bounds);
        const d3 = d3Constrain(d3Of(t), extent as [[number, number], [number, number]], bounds as [[number, number], [number, number]]);
        expect(ours.k).toBe(d3.k);
        expect(ours.x).toBeCloseTo(d3.x, 6);
        expect(ours.y).toBeCloseTo(d3.y, 6);
      }),
    );
  });

  it('does not move a transform that already keeps the bounds, nor any transform without bounds', () => {
    const view: Extent = [[0, 0], [100, 100]];
    const t = new ViewTransform(2, -50, -50); // shows picture [25, 75]² of [0, 100]²
    expect(constrain(t, view, [[0, 0], [100, 100]])).toBe(t);
    expect(constrain(new ViewTransform(3, 999, -999), view, [[-Infinity, -Infinity], [Infinity, Infinity]]).x).toBe(999);
    // zoomed out beyond the picture: it is centred
    const c = constrain(new ViewTransform(0.5, 0, 0), view, [[0, 0], [100, 100]]);
    expect(c.x).toBeCloseTo(25);
    expect(c.y).toBeCloseTo(25);
  });
});
