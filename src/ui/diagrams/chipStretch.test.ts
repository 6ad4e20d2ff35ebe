import { describe, expect, it } from 'vitest';
import type { Box, Pt } from './chipStretch.ts';
import { alongWay, clearEnds, cover, placeWays } from './chipStretch.ts';

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

describe('chips placed together (placeWays)', () => {
  const meet = (p: Pt, q: Pt) => Math.abs(p[0] - q[0]) < 2 * HW && Math.abs(p[1] - q[1]) < 2 * HH;

  it('moves a chip whose start would be on an earlier chip beside or along its path, the earlier one staying put', () => {
    // two segments sent together on the same line: the second would wait on the first
    const at = line([0, 0], [300, 0]);
    const wall: Box = { x0: -100, y0: -300, x1: -60, y1: 300 };
    const ask = { at, lo: 0.1, hi: 0.9, hw: HW, hh: HH, keep: 'both' as const };
    const [first, second] = placeWays([ask, ask], [wall]);
    expect(first).toEqual(clearEnds(at, 0.1, 0.9, HW, HH, [wall]));
    for (const t of [0, 1]) expect(meet(alongWay(at, first!, t), alongWay(at, second!, t)), `end ${t}`).toBe(false);
    // still on its own half of the way, so it still reads as leaving
    expect(second![0].u).toBeLessThan(0.5);
  });

  it('keeps a chip off a transition chip waiting on a crossing path, but not off where that one arrives (it is gone by then)', () => {
    const move = { at: line([100, -100], [100, 100]), lo: 0.3, hi: 1, hw: HW, hh: HH, keep: 'start' as const };
    const seg = { at: line([60, 0], [400, 0]), lo: 0, hi: 1, hw: HW, hh: HH, keep: 'both' as const };
    const none: Box[] = [{ x0: 1000, y0: 1000, x1: 1001, y1: 1001 }];
    const [m, s] = placeWays([move, seg], none);
    // the transition chip waits at (100, -40): the segment chip, which would wait on it at (60, 0), moves on
    expect(alongWay(move.at, m!, 0)).toEqual([100, -40]);
    expect(meet(alongWay(move.at, m!, 0), alongWay(seg.at, s!, 0))).toBe(false);
    // asked the other way round, the segment keeps its plain start and the transition chip moves
    const [s2, m2] = placeWays([seg, move], none);
    expect(alongWay(seg.at, s2!, 0)).toEqual([60, 0]);
    expect(meet(alongWay(seg.at, s2!, 0), alongWay(move.at, m2!, 0))).toBe(false);
  });

  it('leaves a fixed way at its plain ends', () => {
    const at = line([0, 0], [40, 0]);
    const ways = placeWays([{ at, lo: 0, hi: 1, hw: HW, hh: HH, keep: 'both' }, { at, lo: 0, hi: 1, hw: HW, hh: HH, fixed: true, keep: 'both' }], []);
    expect(ways[1]).toEqual([{ u: 0, dx: 0, dy: 0 }, { u: 1, dx: 0, dy: 0 }]);
  });
});
