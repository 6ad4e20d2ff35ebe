import { describe, expect, it } from 'vitest';
import { followLabel } from './labelFollow.ts';
import { textWidth } from './labelLayout.ts';

const base = { x1: 0, y1: 0, mx: 150, my: 20, lx: 150, ly: 14, text: 'SYN seq=0 len=0', fontSize: 14 };
const head = (frac: number) => ({ hx: 300 * frac, hy: 40 * frac });

describe('a travelling label', () => {
  it('never runs ahead of the arrow head, and settles at its spot', () => {
    const len = Math.hypot(300, 40);
    const half = textWidth(base.text, 14) / 2;
    /** distance along the route */
    const along = (x: number, y: number) => (x * 300 + y * 40) / len;
    let lastX = -Infinity;
    for (let k = 0; k <= 50; k++) {
      const h = head(k / 50);
      const p = followLabel({ ...base, ...h });
      if (p.visible) {
        expect(along(p.x, p.y) + half).toBeLessThanOrEqual(along(h.hx, h.hy) + 1e-6);
        expect(p.x).toBeGreaterThanOrEqual(lastX - 1e-9);
        lastX = p.x;
      }
    }
    const end = followLabel({ ...base, ...head(1) });
    expect(end.visible).toBe(true);
    expect(end.x).toBeCloseTo(150, 9);
    expect(end.y).toBeCloseTo(14, 9);
  });
  it('is hidden until it fits behind the head', () => {
    expect(followLabel({ ...base, ...head(0.05) }).visible).toBe(false);
    expect(followLabel({ ...base, ...head(0.6) }).visible).toBe(true);
  });
});
