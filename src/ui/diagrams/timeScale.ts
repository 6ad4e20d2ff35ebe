/**
 * Piecewise-linear time → y mapping for the sequence diagram.
 * Busy moments (near an event) get `pxPerSecond`; quiet stretches between events
 * are drawn slower (`quietPxPerSecond`); gaps longer than `gap` seconds are
 * replaced by a fixed-height break (drawn as a zig-zag with the skipped duration).
 * Pure: no DOM. Interpolation is a binary search over the knots (O(log n) per lookup, and the
 * axis can grow by appending, which a d3 scale rebuilt from all knots could not do cheaply).
 */
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
 * The axis built one time at a time, left to right. y(t) for t up to the last time added
 * depends only on the times added so far, so the sequence diagram keeps one of these for
 * everything that has happened and appends new times as the clock passes them (no per-frame
 * rebuild over the whole history). `fork()` continues a copy from the end (a short tail).
 */
export class AxisBuilder {
  readonly o: TimeScaleOptions;
  /** knot times and y values, strictly increasing in both */
  readonly kt: number[];
  readonly ky: number[];
  readonly breaks: TimeBreak[];

  constructor(options: Partial<TimeScaleOptions> = {}, start = 0) {
    this.o = { ...DEFAULT_TIME_SCALE, ...options };
    this.kt = [start];
    this.ky = [this.o.top];
    this.breaks = [];
  }

  /** The last time added. */
  get last(): number {
    return this.kt[this.kt.length - 1]!;
  }
  get height(): number {
    return this.ky[this.ky.length - 1]!;
  }

  private knot(t: number, y: number): void {
    const n = this.kt.length;
    if (t > this.kt[n - 1]!) {
      this.kt.push(t);
      this.ky.push(Math.max(y, this.ky[n - 1]! + 1e-6));
    }
  }

  /**
   * Add the next time (ignored unless later than the last one). Near events the axis runs at
   * full speed (`keep` seconds each side); quiet stretches run slower, long ones become a break.
   */
  push(b: number): void {
    const o = this.o;
    const a = this.last;
    if (!(b > a) || !Number.isFinite(b)) return;
    const d = b - a;
    const ya = this.height;
    if (d <= 2 * o.keep) {
      this.knot(b, ya + d * o.pxPerSecond);
      return;
    }
    const a1 = a + o.keep;
    const b0 = b - o.keep;
    const y1 = ya + o.keep * o.pxPerSecond;
    this.knot(a1, y1);
    let y2: number;
    if (d > o.gap) {
      y2 = y1 + o.breakPx;
      this.breaks.push({ from: a1, to: b0, y0: y1, y1: y2, skipped: b0 - a1 });
    } else {
      y2 = y1 + (b0 - a1) * o.quietPxPerSecond;
    }
    this.knot(b0, y2);
    this.knot(b, y2 + o.keep * o.pxPerSecond);
  }

  /** y of a time: clamped before the first knot, full speed after the last (the future keeps its scale). */
  y(t: number): number {
    const kt = this.kt;
    const ky = this.ky;
    const n = kt.length;
    if (t <= kt[0]!) return ky[0]!;
    if (t >= kt[n - 1]!) return ky[n - 1]! + (t - kt[n - 1]!) * this.o.pxPerSecond;
    // binary search for the segment kt[i-1] < t <= kt[i]
    let lo = 1;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kt[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    const t0 = kt[lo - 1]!;
    const t1 = kt[lo]!;
    return ky[lo - 1]! + ((t - t0) / (t1 - t0)) * (ky[lo]! - ky[lo - 1]!);
  }

  /** A new builder that starts where this one ends (same y there), for a short tail of later times. */
  fork(): AxisBuilder {
    const f = new AxisBuilder(this.o, this.last);
    f.ky[0] = this.height;
    return f;
  }
}

/** A prefix axis with a tail continuing it: y(t) reads the tail past the prefix's end. */
export function joinedScale(prefix: AxisBuilder, tail: AxisBuilder): TimeScale {
  const end = prefix.last;
  const y = (t: number): number => (t <= end ? prefix.y(t) : tail.y(t));
  return {
    y,
    breaks: tail.breaks.length ? [...prefix.breaks, ...tail.breaks] : prefix.breaks,
    height: tail.height,
    get knots() {
      const out: [number, number][] = prefix.kt.map((t, i) => [t, prefix.ky[i]!]);
      for (let i = 1; i < tail.kt.length; i++) out.push([tail.kt[i]!, tail.ky[i]!]);
      return out;
    },
  };
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
  const pts = eventTimes.filter((t) => Number.isFinite(t) && t >= 0);
  // The display time is always a knot: y(t) for t <= displayTime then depends only on what
  // happened by then, so the past does not move when later events (or timer deadlines) appear.
  if (Number.isFinite(displayTime) && displayTime >= 0) pts.push(displayTime);
  pts.sort((a, b) => a - b);
  const axis = new AxisBuilder(options);
  for (const t of pts) axis.push(t);
  return { y: (t) => axis.y(t), breaks: axis.breaks, height: axis.height, knots: axis.kt.map((t, i) => [t, axis.ky[i]!] as const) };
}

/** `59.2 s`, `0.35 s`, `2 min 3 s` style duration text; in Chinese `59.2 秒`, `2 分 3 秒`. */
export function formatSeconds(s: number, lang: 'en' | 'zh-CN' = 'en'): string {
  const [sec, min] = lang === 'zh-CN' ? ['秒', '分'] : ['s', 'min'];
  if (!Number.isFinite(s)) return '–';
  const v = Math.max(0, s);
  if (v >= 120) {
    const m = Math.floor(v / 60);
    return `${m} ${min} ${Math.round(v - m * 60)} ${sec}`;
  }
  if (v < 1) return `${Number(v.toFixed(2))} ${sec}`;
  return `${v.toFixed(1)} ${sec}`;
}
