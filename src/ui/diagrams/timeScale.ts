/**
 * Piecewise-linear time → y mapping for the sequence diagram.
 * Busy moments (near an event) get `pxPerSecond`; quiet stretches between events
 * are drawn slower (`quietPxPerSecond`); gaps longer than `gap` seconds are
 * replaced by a fixed-height break (drawn as a zig-zag with the skipped duration).
 * Pure: no DOM; d3 only interpolates.
 */
import { scaleLinear } from 'd3';

export interface TimeScaleOptions {
  /** y of the earliest time */
  top: number;
  /** px per second around events */
  pxPerSecond: number;
  /** px per second in quiet stretches shorter than `gap` */
  quietPxPerSecond: number;
  /** seconds kept at full scale on each side of an event */
  keep: number;
  /** quiet stretches longer than this (seconds) are cut by a break */
  gap: number;
  /** height of a break, px */
  breakPx: number;
}

export const DEFAULT_TIME_SCALE: TimeScaleOptions = {
  top: 40,
  pxPerSecond: 600,
  quietPxPerSecond: 40,
  keep: 0.12,
  gap: 3,
  breakPx: 36,
};

export interface TimeBreak {
  /** last time drawn before the break */
  from: number;
  /** first time drawn after the break */
  to: number;
  /** y where the break starts / ends */
  y0: number;
  y1: number;
  /** seconds left out (to - from) */
  skipped: number;
}

export interface TimeScale {
  y(t: number): number;
  breaks: TimeBreak[];
  /** y of the last knot (bottom of the drawn time axis) */
  height: number;
  /** knots (t, y), strictly increasing in both */
  knots: readonly (readonly [number, number])[];
}

/**
 * @param eventTimes times of events (need not be sorted or unique; non-finite values are ignored)
 * @param displayTime the clock the user sees: always a knot of the axis (pass NaN for none)
 */
export function buildTimeScale(
  eventTimes: readonly number[],
  displayTime: number,
  options: Partial<TimeScaleOptions> = {},
): TimeScale {
  const o = { ...DEFAULT_TIME_SCALE, ...options };
  const pts = [0, ...eventTimes.filter((t) => Number.isFinite(t) && t >= 0)];
  // The display time is always a knot: y(t) for t <= displayTime then depends only on what
  // happened by then, so the past does not move when later events (or timer deadlines) appear.
  if (Number.isFinite(displayTime) && displayTime >= 0) pts.push(displayTime);
  pts.sort((a, b) => a - b);
  const times: number[] = [];
  for (const t of pts) if (times.length === 0 || t > times[times.length - 1]!) times.push(t);

  const knots: [number, number][] = [[times[0]!, o.top]];
  const breaks: TimeBreak[] = [];
  const push = (t: number, y: number) => {
    const last = knots[knots.length - 1]!;
    if (t > last[0]) knots.push([t, Math.max(y, last[1] + 1e-6)]);
  };
  for (let i = 1; i < times.length; i++) {
    const a = times[i - 1]!;
    const b = times[i]!;
    const d = b - a;
    const ya = knots[knots.length - 1]![1];
    if (d <= 2 * o.keep) {
      push(b, ya + d * o.pxPerSecond);
      continue;
    }
    const a1 = a + o.keep;
    const b0 = b - o.keep;
    const y1 = ya + o.keep * o.pxPerSecond;
    push(a1, y1);
    let y2: number;
    if (d > o.gap) {
      y2 = y1 + o.breakPx;
      breaks.push({ from: a1, to: b0, y0: y1, y1: y2, skipped: b0 - a1 });
    } else {
      y2 = y1 + (b0 - a1) * o.quietPxPerSecond;
    }
    push(b0, y2);
    push(b, y2 + o.keep * o.pxPerSecond);
  }

  // d3's polylinear scale interpolates between the knots; outside them the axis is
  // clamped above and continues at full speed below (the future keeps its scale).
  const first = knots[0]!;
  const last = knots[knots.length - 1]!;
  const inner = knots.length > 1 ? scaleLinear().domain(knots.map((k) => k[0])).range(knots.map((k) => k[1])) : null;
  const y = (t: number): number => {
    if (t <= first[0]) return first[1];
    if (t >= last[0] || !inner) return last[1] + (t - last[0]) * o.pxPerSecond;
    return inner(t);
  };
  return { y, breaks, height: knots[knots.length - 1]![1], knots };
}

/** `59.2 s`, `0.35 s`, `2 min 3 s` style duration text. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '–';
  const v = Math.max(0, s);
  if (v >= 120) {
    const m = Math.floor(v / 60);
    return `${m} min ${Math.round(v - m * 60)} s`;
  }
  if (v < 1) return `${Number(v.toFixed(2))} s`;
  return `${v.toFixed(1)} s`;
}
