/**
 * The sequence diagram's layout, kept from frame to frame so that a frame costs what is new
 * or on screen, not what has happened so far (a 1 MB transfer draws thousands of segments).
 *
 * - The time axis grows by appending the times the clock has passed (AxisBuilder); only a
 *   short tail (in-flight arrivals, running timers, the display time) is rebuilt per frame.
 * - Each segment's label is placed once, when the segment is first drawn (it meets the window
 *   of a frame), against the labels and arrows near it (LabelIndex) and off the answer its
 *   segment most likely gets; it is placed again only if its own route moved since (a quiet
 *   stretch inside its flight got compressed), or if an arrow drawn later runs across it and a
 *   better spot is free (an answer that came late). Earlier labels never move for later labels.
 *   Segments that scroll by unseen (a fast run passes hundreds per frame) cost no placement.
 * - A segment whose times have all passed is settled: its geometry and label are final.
 * - `frame()` returns only what lies in the visible window.
 *
 * Segments are known by id: the view holds only the newest ones (a window that slides as the run
 * goes on), so the model takes in those with an id above the last it has. It keeps at most
 * KEEP_SEGMENTS behind the newest (older ones have left the world's window too), so neither
 * memory nor any per-frame cost grows with the length of the run.
 *
 * Anything that rewrites history (step back, seek back, reset, new configuration: `epoch`),
 * a display time that goes backwards, or a new zoom or numbering starts the model afresh.
 */
import type { SegmentView, TimerView } from '../../sim/types.ts';
import type { WorldView } from '../../sim/view.ts';
import { LabelIndex } from './labelIndex.ts';
import { Slots } from './slots.ts';
import type { LabelSpot } from './labelLayout.ts';
import { SEG_LABEL_FONT, lineBox } from './labelLayout.ts';
import type { SegmentGeometry, ShownStatus } from './sequenceLayout.ts';
import { SEQ_TOP, segmentGeometry, segmentProgress } from './sequenceLayout.ts';
import type { TimeBreak, TimeScale, TimeScaleOptions } from './timeScale.ts';
import { AxisBuilder, DEFAULT_TIME_SCALE, joinedScale } from './timeScale.ts';

export interface LadderSettings {
  zoom: number;
  relative: boolean;
  /** bumps whenever the simulation's history is rewritten */
  epoch: number;
  /** font size of the segment labels (SVG units) */
  labelFont?: number;
}

export interface DrawnSegment {
  g: SegmentGeometry;
  frac: number;
  /** 0 to 1 along its flight in virtual time; 1 once delivered or at its point of loss (data-progress) */
  progress: number;
  status: ShownStatus;
  /** where its label goes (none in a bare frame) */
  spot: LabelSpot | undefined;
  /** its element's slot while it stays drawn (slots.ts): the key it is drawn under */
  slot: number;
}

export interface LadderFrame {
  /** the axis of this frame (the display time is a knot of it) */
  scale: TimeScale;
  nowY: number;
  /** bottom of the drawn axis */
  height: number;
  /** segments that meet the window, oldest first */
  drawn: DrawnSegment[];
  /** breaks that meet the window */
  breaks: TimeBreak[];
}

interface Entry {
  seg: SegmentView;
  g: SegmentGeometry;
  /** the route `g` runs along (its ends and label anchor on the axis of what has happened) */
  route: string;
  spot: LabelSpot | undefined;
  /** the route the label was placed for ('' = not placed yet) */
  key: string;
  /** an arrow drawn after the label was placed crosses it: it moves if a better spot is free */
  crossed: boolean;
}

const routeOf = (g: SegmentGeometry) => `${g.y1.toFixed(2)}|${g.ly.toFixed(2)}|${g.y2.toFixed(2)}`;

/**
 * How fast the ladder's time runs (user units per second, near events and in quiet stretches).
 * Half as fast again as the time scale's default, so that an answer sent the moment a segment
 * arrives (a SYN,ACK's ACK, at the usual 50 ms delay) leaves room between the two arrows for a
 * label: at 600 units a second the reply's label had nowhere to go but across the answer.
 * Where the type grows (a narrow ladder keeps its text legible) time gets more room still, faster
 * than the type (the lane does not grow with it, so a label slides less far along its arrow).
 */
export function ladderPace(zoom: number, labelFont = SEG_LABEL_FONT): { pxPerSecond: number; quietPxPerSecond: number } {
  const roomy = 1.5 * Math.max(1, labelFont / SEG_LABEL_FONT) ** 1.5;
  return { pxPerSecond: DEFAULT_TIME_SCALE.pxPerSecond * zoom * roomy, quietPxPerSecond: DEFAULT_TIME_SCALE.quietPxPerSecond * zoom * roomy };
}

/** Segments the model keeps (and can draw when scrolled back); older ones are forgotten in batches. */
export const KEEP_SEGMENTS = 2000;

/** Where the segment with `id` sits in `segs` (ascending ids, usually consecutive), or -1. */
function indexOfId(segs: readonly SegmentView[], id: number): number {
  if (!segs.length) return -1;
  const guess = id - segs[0]!.id;
  if (segs[guess]?.id === id) return guess;
  const i = lowerBound(segs, id, (x) => x.id);
  return segs[i]?.id === id ? i : -1;
}

const sameSettings = (a: LadderSettings, b: LadderSettings) => a.zoom === b.zoom && a.relative === b.relative && a.epoch === b.epoch && a.labelFont === b.labelFont;

function insertSorted(xs: number[], t: number): void {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  if (xs[lo] !== t) xs.splice(lo, 0, t);
}

/** First index whose value (by `key`) is >= v, in an array sorted by that key. */
function lowerBound<T>(xs: readonly T[], v: number, key: (x: T) => number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(xs[mid]!) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class LadderModel {
  private settings: LadderSettings = { zoom: NaN, relative: true, epoch: NaN };
  private opts: Partial<TimeScaleOptions> = {};
  private axis = new AxisBuilder();
  private entries: Entry[] = [];
  /** indices of entries not settled yet, ascending */
  private unsettled: number[] = [];
  /** known times after the display time: arrivals and drops of segments already sent */
  private pending: number[] = [];
  private histSeen = { client: 0, server: 0 };
  private labels = new LabelIndex();
  /** the arrows' lines, by segment id (obstacles for the labels, not labels themselves) */
  private arrows = new LabelIndex();
  private slots = new Slots();
  private lastD = -Infinity;
  /** longest vertical extent of a segment's route (for finding what meets a window) */
  private maxSpan = 0;
  private base: TimeScale = joinedScale(this.axis, this.axis.fork());
  private full: TimeScale = this.base;

  private reset(s: LadderSettings): void {
    this.settings = s;
    this.opts = { top: SEQ_TOP, ...ladderPace(s.zoom, s.labelFont) };
    this.axis = new AxisBuilder(this.opts);
    this.entries = [];
    this.unsettled = [];
    this.pending = [];
    this.histSeen = { client: 0, server: 0 };
    this.labels = new LabelIndex();
    this.arrows = new LabelIndex();
    this.slots.clear();
    this.lastD = -Infinity;
    this.maxSpan = 0;
  }

  /** Take in what happened up to `displayTime`; idempotent for the same inputs. */
  update(view: Pick<WorldView, 'segments' | 'peers' | 'timers'>, displayTime: number, settings: LadderSettings): void {
    const D = displayTime;
    const segs = view.segments;
    const newest = segs.length ? segs[segs.length - 1]!.id : 0;
    const lastId = this.entries.length ? this.entries[this.entries.length - 1]!.seg.id : 0;
    if (!sameSettings(settings, this.settings) || D < this.lastD || lastId > newest) this.reset(settings);
    this.lastD = D;
    const passed: number[] = [];
    const later = (t: number | undefined) => {
      if (t === undefined || !Number.isFinite(t)) return;
      if (t <= D) passed.push(t);
      else insertSorted(this.pending, t);
    };

    // new segments (ids grow with send time: stop at the first one not sent yet)
    const fresh: number[] = [];
    const known = this.entries.length ? this.entries[this.entries.length - 1]!.seg.id : -Infinity;
    for (let i = lowerBound(segs, known + 1, (x) => x.id); i < segs.length; i++) {
      const sg = segs[i]!;
      if (sg.sentAt > D) break;
      passed.push(sg.sentAt);
      later(sg.arriveAt);
      later(sg.dropAt);
      fresh.push(this.entries.length);
      this.entries.push({ seg: sg, g: undefined as unknown as SegmentGeometry, route: '', spot: undefined, key: '', crossed: false });
    }
    // a segment in flight may have been dropped since (a host went down)
    for (const i of this.unsettled) {
      const e = this.entries[i]!;
      const sg = segs[indexOfId(segs, e.seg.id)];
      if (!sg) continue; // it left the view: what we have of it is final
      if (sg.dropAt !== undefined && e.seg.dropAt === undefined) later(sg.dropAt);
      e.seg = sg;
    }
    while (this.pending.length && this.pending[0]! <= D) passed.push(this.pending.shift()!);
    for (const p of ['client', 'server'] as const) {
      const h = view.peers[p].history;
      let j = this.histSeen[p];
      for (; j < h.length && h[j]!.t <= D; j++) passed.push(h[j]!.t);
      this.histSeen[p] = j;
    }
    const running = view.timers.filter((x: TimerView) => x.setAt <= D);
    for (const x of running) if (x.setAt > this.axis.last) passed.push(x.setAt);
    passed.sort((a, b) => a - b);
    for (const t of passed) this.axis.push(t);

    // the tail past what has happened: where the segments in flight arrive, when running timers expire
    const ahead = [...this.pending];
    for (const x of running) if (x.due > this.axis.last) ahead.push(x.due);
    ahead.sort((a, b) => a - b);
    const baseTail = this.axis.fork();
    for (const t of ahead) baseTail.push(t);
    const fullTail = this.axis.fork();
    fullTail.push(D);
    for (const t of ahead) fullTail.push(t);
    this.base = joinedScale(this.axis, baseTail);
    this.full = joinedScale(this.axis, fullTail);

    // lay out new and unsettled segments on the axis of what has happened (labels: see frame())
    const still: number[] = [];
    const settledBy = this.axis.last;
    for (const i of [...this.unsettled, ...fresh]) {
      const e = this.entries[i]!;
      const sg = e.seg;
      const g = segmentGeometry(sg, this.base.y, settings.relative);
      const route = routeOf(g);
      const line = lineBox(g.x1, g.y1, g.x2, g.y2);
      if (route !== e.route || !e.g || g.x2 !== e.g.x2 || g.y2 !== e.g.y2) {
        this.arrows.insert(sg.id, line);
        // a label placed before this arrow was drawn, and in its way, is placed again (it keeps off
        // the arrows it knows of and the likeliest answers, so this is rare: an answer that came late)
        for (const id of this.labels.hits(line, sg.id)) {
          const other = this.entries[lowerBound(this.entries, id, (x) => x.seg.id)];
          if (other?.seg.id === id) other.crossed = true;
        }
      }
      e.route = route;
      this.maxSpan = Math.max(this.maxSpan, Math.abs(2 * (g.ly - g.y1)), Math.abs(g.y2 - g.y1));
      e.g = g;
      const gone = indexOfId(segs, sg.id) < 0;
      const done = gone || (sg.status !== 'in-flight' && sg.arriveAt <= settledBy && (sg.dropAt === undefined || sg.dropAt <= settledBy));
      if (!done) still.push(i);
    }
    this.unsettled = still;
    this.forgetOld();
  }

  /** Drops the oldest segments beyond KEEP_SEGMENTS (in batches, so the cost per segment stays constant). */
  private forgetOld(): void {
    const extra = this.entries.length - KEEP_SEGMENTS;
    if (extra < KEEP_SEGMENTS / 2) return;
    for (let i = 0; i < extra; i++) {
      this.labels.remove(this.entries[i]!.seg.id);
      this.arrows.remove(this.entries[i]!.seg.id);
    }
    this.entries.splice(0, extra);
    this.unsettled = this.unsettled.filter((i) => i >= extra).map((i) => i - extra);
  }

  /** How many segments the model holds (bounded by KEEP_SEGMENTS and half as many again). */
  get size(): number {
    return this.entries.length;
  }

  /** Places the segment's label if it has none yet for its current route (once per route). */
  private label(e: Entry): LabelSpot {
    if (e.spot && e.key === e.route && !e.crossed) return e.spot;
    const g = e.g;
    const spot = this.labels.place({ id: e.seg.id, x1: g.x1, y1: g.y1, x2: 2 * g.lx - g.x1, y2: 2 * g.ly - g.y1, angle: g.angle, text: g.label }, this.settings.labelFont, this.arrows, e.key === e.route ? e.spot : undefined);
    e.crossed = false;
    if (spot === e.spot) return spot;
    this.labels.insert(e.seg.id, spot.box);
    e.spot = spot;
    e.key = e.route;
    return spot;
  }

  /** How many labels have been placed (segments drawn at least once), for tests. */
  get labelled(): number {
    let n = 0;
    for (const e of this.entries) if (e.spot) n++;
    return n;
  }

  /** The labels placed so far near a vertical range (obstacles for the "now" label). */
  labelsNear(y0: number, y1: number) {
    return this.labels.near(y0, y1);
  }

  /** y of the display time on this frame's axis; call after update(). */
  nowY(displayTime: number): number {
    return this.full.y(displayTime);
  }

  /** The drawing's height at `displayTime` (user units, without padding); call after update(). */
  height(displayTime: number): number {
    return Math.max(this.full.height, this.full.y(displayTime));
  }

  /**
   * What to draw at `displayTime` in the window top..bottom (user units); call after update().
   * A `bare` frame (SequenceDiagram's frames of a fast follow, drawn without labels) places
   * none: a segment is labelled in the first frame that shows its label.
   */
  frame(displayTime: number, top: number, bottom: number, bare?: boolean): LadderFrame {
    const full = this.full;
    const nowY = full.y(displayTime);
    const height = this.height(displayTime);
    const entries = this.entries;
    const lo = lowerBound(entries, top - this.maxSpan - 1, (e) => e.g.y1);
    const hi = lowerBound(entries, bottom + 1e-9, (e) => e.g.y1);
    const drawn: DrawnSegment[] = [];
    const relative = this.settings.relative;
    for (let i = lo; i < hi; i++) {
      const e = entries[i]!;
      if (Math.max(e.g.y1, e.g.y2, 2 * e.g.ly - e.g.y1) < top) continue;
      const pr = segmentProgress(e.g, displayTime);
      if (!pr) continue;
      let g = e.g;
      let frac = pr.frac;
      if (pr.status === 'in-flight') {
        // an arrow in flight is drawn on this frame's axis: its head sits on the "now" line
        g = segmentGeometry(e.seg, full.y, relative);
        if (g.y2 - g.y1 > 1e-9) frac = Math.min(1, Math.max(0, (nowY - g.y1) / (g.y2 - g.y1)));
      }
      drawn.push({ g, frac, progress: pr.frac, status: pr.status, spot: bare ? undefined : this.label(e), slot: 0 });
    }
    const slots = this.slots.assign(drawn.map((d) => d.g.seg.id));
    for (let i = 0; i < drawn.length; i++) drawn[i]!.slot = slots[i]!;
    const bs = full.breaks;
    const breaks: TimeBreak[] = [];
    for (let i = lowerBound(bs, top, (b) => b.y1); i < bs.length && bs[i]!.y0 <= bottom; i++) breaks.push(bs[i]!);
    return { scale: full, nowY, height, drawn, breaks };
  }
}
