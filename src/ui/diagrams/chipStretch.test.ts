import { describe, expect, it } from 'vitest';
import type { Box, Pt } from './chipStretch.ts';
import { alongWay, clearEnds, cover } from './chipStretch.ts';

const line =
  (a: Pt, b: Pt) =>
  (u: number): Pt => [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u];
const HW = 25;
const HH = 12;

describe('where a chip waits (clearEnds)', () => {
  const at = line([0, 0], [300, 0]);

  it('keeps the plain ends where nothing is in the way', () => {
    const ends = clearEnds(at, 0.1, 0.9, HW, HH, [{ x0: 0, y0: 100, x1: 50, y1: 120 }]);
    expect(ends.map((e) => e.u)).toEqual([0.1, 0.9]);
    expect(alongWay(at, ends, 0)).toEqual([30, 0]);
    expect(alongWay(at, ends, 1)).toEqual([270, 0]);
  });

  it('moves on along the line past a short label on its start, to the first clear place', () => {
    // 35 units on along the line, nearer than 24 aside (a unit aside counts two along)
    const label: Box = { x0: 20, y0: -10, x1: 40, y1: 10 };
    const ends = clearEnds(at, 0.1, 0.9, HW, HH, [label]);
    const start = alongWay(at, ends, 0);
    expect(cover(start, HW, HH, [label])).toBe(0);
    expect(start[1]).toBe(0);
    // the first clear place: just past the label (within a step of 1/48 of the half)
    expect(start[0]).toBeGreaterThanOrEqual(40 + HW);
    expect(start[0]).toBeLessThan(40 + HW + 4);
    expect(ends[1].u).toBe(0.9);
  });

  it('waits beside the line where a label covers the whole of its half, and never past the middle', () => {
    const label: Box = { x0: 0, y0: -10, x1: 160, y1: 10 };
    const ends = clearEnds(at, 0.1, 0.9, HW, HH, [label]);
    const start = alongWay(at, ends, 0);
    expect(ends[0].u).toBeLessThanOrEqual(0.5);
    expect(cover(start, HW, HH, [label])).toBe(0);
    // just above or below the label, near its own end
    expect(Math.abs(start[1])).toBeGreaterThanOrEqual(10 + HH);
    expect(Math.abs(start[1])).toBeLessThanOrEqual(10 + HH + 4);
    expect(start[0]).toBeCloseTo(30, 6);
  });

  it('on slanted lines: every end it picks near random boxes is clear, or none near it was', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 200; n++) {
      const a: Pt = [rnd() * 400, rnd() * 400];
      const b: Pt = [rnd() * 400, rnd() * 400];
      const path = line(a, b);
      const boxes: Box[] = Array.from({ length: 4 }, () => {
        const x = rnd() * 400;
        const y = rnd() * 400;
        return { x0: x, y0: y, x1: x + 20 + rnd() * 120, y1: y + 10 + rnd() * 20 };
      });
      const ends = clearEnds(path, 0.1, 0.9, HW, HH, boxes);
      expect(ends[0].u).toBeLessThanOrEqual(0.5 + 1e-9);
      expect(ends[1].u).toBeGreaterThanOrEqual(0.5 - 1e-9);
      for (const [k, e] of ends.entries()) {
        const p = alongWay(path, ends, k);
        const moved = e.dx !== 0 || e.dy !== 0;
        // a chip put beside its line is put there because it is clear
        if (moved) expect(cover(p, HW, HH, boxes)).toBe(0);
        // and never further than the largest step aside
        expect(Math.hypot(e.dx, e.dy)).toBeLessThanOrEqual(48 + 1e-9);
      }
    }
  });
});
