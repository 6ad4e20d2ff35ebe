import { describe, expect, it } from 'vitest';
import type { Box, Pt } from './chipStretch.ts';
import { clearEnds, cover } from './chipStretch.ts';
import type { TimedAsk, Way } from './chipLanes.ts';
import { placeTimed, plainWay, wayPoint } from './chipLanes.ts';

const line =
  (a: Pt, b: Pt) =>
  (u: number): Pt => [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u];
const HW = 25;
const HH = 12;
const FAR: Box[] = [{ x0: 5000, y0: 5000, x1: 5001, y1: 5001 }];

/** A segment chip on `at`, flying linearly from t0 to t1. */
const flight = (at: (u: number) => Pt, t0: number, t1: number, avoid: readonly Box[] = FAR): TimedAsk => ({ at, lo: 0.1, hi: 0.9, hw: HW, hh: HH, keep: 'both', t0, t1, along: (t) => Math.min(1, Math.max(0, (t - t0) / (t1 - t0))), avoid });

/** Do two chips' boxes meet (with the 2-unit gap kept between chips)? */
const meet = (p: Pt, q: Pt) => Math.abs(p[0] - q[0]) < 2 * HW + 2 && Math.abs(p[1] - q[1]) < 2 * HH + 2;

/** The instants (a fine grid, finer than the placement samples) at which chips a and b both show and meet. */
function meetings(a: TimedAsk, wa: Way, b: TimedAsk, wb: Way): number[] {
  const from = Math.max(a.t0, b.t0);
  const to = Math.min(a.t1, b.t1);
  const out: number[] = [];
  for (let i = 0; i <= 500; i++) {
    const t = from + ((to - from) * i) / 500;
    if (meet(wayPoint(a.at, wa, a.along(t)), wayPoint(b.at, wb, b.along(t)))) out.push(t);
  }
  return out;
}

describe('chips shown together keep apart for their whole flights (placeTimed)', () => {
  it('two segments sent together along one line: the first keeps its way, the second takes a lane beside it for the whole flight', () => {
    const at = line([0, 0], [400, 0]);
    const a = flight(at, 0, 1);
    const b = flight(at, 0, 1);
    // drawn on their own, each would sit on the other all the way
    expect(meetings(a, plainWay(clearEnds(at, 0.1, 0.9, HW, HH, FAR)), b, plainWay(clearEnds(at, 0.1, 0.9, HW, HH, FAR))).length).toBeGreaterThan(400);
    const [wa, wb] = placeTimed([a, b]);
    expect(wa).toEqual(plainWay(clearEnds(at, 0.1, 0.9, HW, HH, FAR)));
    expect(meetings(a, wa!, b, wb!)).toEqual([]);
    // a lane: the same offset beside the path at both ends, no swerve, and not farther than needed
    const [s, e] = wb!.ends;
    expect([s.dx, s.dy]).toEqual([e.dx, e.dy]);
    expect([wb!.bx, wb!.by]).toEqual([0, 0]);
    expect(Math.abs(s.dy)).toBeGreaterThanOrEqual(2 * HH + 2);
    expect(Math.abs(s.dy)).toBeLessThan(2 * HH + 2 + 4);
  });

  it('two chips crossing on nearby lines (a transition one way, its segment the other) never meet in the middle', () => {
    const a = flight(line([0, 0], [400, 10]), 0, 1);
    const b = flight(line([400, -5], [0, 5]), 0.1, 0.9);
    const alone = (k: TimedAsk) => plainWay(clearEnds(k.at, k.lo, k.hi, HW, HH, FAR));
    expect(meetings(a, alone(a), b, alone(b)).length).toBeGreaterThan(0);
    const [wa, wb] = placeTimed([a, b]);
    expect(meetings(a, wa!, b, wb!)).toEqual([]);
  });

  it('where a lane would put a waiting end on a label (or stray farther), the chip swerves instead: its ends stay, its middle bows aside', () => {
    const at = line([0, 0], [400, 0]);
    const back = line([400, 0], [0, 0]);
    // labels all along the path, just above and below it: any lane beside it would wait on one
    const labels: Box[] = [
      { x0: -100, y0: -60, x1: 500, y1: -14 },
      { x0: -100, y0: 14, x1: 500, y1: 60 },
    ];
    const a = flight(at, 0, 1, labels);
    // the other peer's segment, sent at the same instant the other way: they meet in the middle
    const b = flight(back, 0, 1, labels);
    const [wa, wb] = placeTimed([a, b]);
    expect(meetings(a, wa!, b, wb!)).toEqual([]);
    expect(Math.hypot(wb!.bx, wb!.by)).toBeGreaterThan(2 * HH);
    expect(Math.hypot(wb!.bx, wb!.by)).toBeLessThan(2 * HH + 12);
    expect(wb!.ends).toEqual(clearEnds(back, 0.1, 0.9, HW, HH, labels));
    for (const t of [0, 1]) {
      const p = wayPoint(back, wb!, t);
      for (const l of labels) expect(p[0] + HW <= l.x0 || p[0] - HW >= l.x1 || p[1] + HH <= l.y0 || p[1] - HH >= l.y1, `end ${t} off the labels`).toBe(true);
    }
  });

  it('a chip is placed against the chips alive when it is born only: one gone before it is born leaves it its own way', () => {
    const at = line([0, 0], [400, 0]);
    const gone = flight(at, 0, 1);
    const later = flight(at, 1.5, 2.5);
    expect(placeTimed([gone, later])[1]).toEqual(plainWay(clearEnds(at, 0.1, 0.9, HW, HH, FAR)));
    // one sent while the first is in flight, trailing it, never catches up: its own way too
    expect(placeTimed([gone, flight(at, 0.5, 1.5)])[1]).toEqual(plainWay(clearEnds(at, 0.1, 0.9, HW, HH, FAR)));
    // one that catches up with it keeps off it
    const catching = flight(at, 0.5, 0.9);
    const [w0, w1] = placeTimed([gone, catching]);
    expect(w1).not.toEqual(w0);
    expect(meetings(gone, w0!, catching, w1!)).toEqual([]);
  });

  it('a chip’s way does not depend on the chips born after it (so it never moves while it is drawn)', () => {
    const at = line([0, 0], [400, 0]);
    const asks = [flight(at, 0, 1), flight(at, 0.2, 1.2), flight(line([400, 20], [0, 20]), 0.3, 1.3), flight(at, 0.9, 1.9)];
    const all = placeTimed(asks);
    for (let n = 1; n <= asks.length; n++) expect(placeTimed(asks.slice(0, n))).toEqual(all.slice(0, n));
    // and every pair alive together keeps apart
    for (let i = 0; i < asks.length; i++) for (let j = i + 1; j < asks.length; j++) expect(meetings(asks[i]!, all[i]!, asks[j]!, all[j]!), `${i} and ${j}`).toEqual([]);
  });

  it('a lane or swerve never takes a chip over a state in flight where its own way does not (the other side instead)', () => {
    const at = line([0, 0], [400, 0]);
    // a state's box just beside the middle of the path, on the side a lane is tried first
    const state: Box = { x0: 150, y0: 20, x1: 250, y1: 64 };
    const a = { ...flight(at, 0, 1), across: [state] };
    const b = { ...flight(at, 0, 1), across: [state] };
    const [wa, wb] = placeTimed([a, b]);
    expect(meetings(a, wa!, b, wb!)).toEqual([]);
    for (let i = 0; i <= 100; i++) expect(cover(wayPoint(at, wb!, i / 100), HW, HH, [state]), `at ${i / 100}`).toBe(0);
    // without the state to keep off, it would have taken that side
    const [, free] = placeTimed([flight(at, 0, 1), flight(at, 0, 1)]);
    expect(Math.sign(wayPoint(at, free!, 0.5)[1])).not.toBe(Math.sign(wayPoint(at, wb!, 0.5)[1]));
  });
});
