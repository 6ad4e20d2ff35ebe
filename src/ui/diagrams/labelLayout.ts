/**
 * Pure label placement for the sequence diagram: segment labels that are close in time,
 * and the "now" label, must not sit on top of each other.
 *
 * A greedy pass: labels are placed in the order given (earliest segment first, so a label
 * never moves for a later label); each tries a short list of candidate spots along its arrow
 * (middle first, above the line before below it, all inside the lane) and takes the first one
 * that collides with nothing placed so far, else the one with the least overlap (LabelIndex
 * also keeps labels off the arrows).
 * Boxes are oriented rectangles (labels are rotated along their arrows); collisions use
 * the separating-axis test.
 */
import { PEER_X } from './sequenceLayout.ts';

/** An oriented rectangle: centre, half extents, rotation in degrees. */
export interface OBox {
  cx: number;
  cy: number;
  hw: number;
  hh: number;
  angle: number;
}

/** Rough text width in user units (system-ui, mixed letters and digits); errs on the wide side. */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 1 : /[ ,.=:;|il1]/.test(ch) ? 0.36 : 0.62;
  return w * fontSize;
}

/**
 * A segment label's width, closer than textWidth: the advances of the widest common system-ui
 * face (DejaVu Sans, Linux's default) per class of character (capitals and `=` are wider than
 * lower case, punctuation and spaces narrower; CJK one em), so labels that cross keep apart.
 */
export function segmentTextWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += advance(ch);
  return w * fontSize;
}

function advance(ch: string): number {
  if (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch)) return 1;
  if (/[ ,.:;|!'il]/.test(ch)) return 0.34;
  if (/[frtj()[\]]/.test(ch)) return 0.42;
  if (ch === 'I') return 0.34;
  if (/[mwMW]/.test(ch)) return 0.92;
  if (/[=+<>~]/.test(ch)) return 0.84;
  if (/[A-Z]/.test(ch)) return 0.72;
  return 0.64;
}

/** Segment labels turn bold when a note names them (diagrams.css): boxes are sized for bold. */
const SEG_BOLD = 1.06;
/**
 * The widest a segment label is drawn: the lane between the lifelines (sequenceLayout.ts PEER_X,
 * 170 → 470) less the state bands and a margin, so a long label (an absolute ack number) never
 * runs over the state names beside the lifelines; a longer one is drawn condensed to this width.
 */
export const SEG_LABEL_MAX_W = 278;

/** Baseline to baseline of a segment label drawn in more than one line, in ems. */
export const SEG_LINE_HEIGHT = 1.15;
/** A label a little too wide is drawn condensed to the lane; one that would lose more than this much of its width is wrapped instead. */
const CONDENSE_AT_MOST = 0.9;

/**
 * The lines a segment label is drawn in. One, when it fits the lane (or nearly: it is condensed a
 * little); else its flags on the first line and its numbers on the next (more lines only if they
 * still do not fit). A narrow ladder draws its type larger than the lane was made for, and a label
 * squeezed into the lane was hard to read and touched both lifelines. The array is shared per text
 * and size (the arrows compare it by identity).
 */
export function segmentLabelLines(text: string, fontSize: number): readonly LabelLine[] {
  const key = `${fontSize}|${text}`;
  let lines = LINES.get(key);
  if (!lines) {
    if (LINES.size > 4000) LINES.clear();
    LINES.set(key, (lines = wrapLabel(text, fontSize)));
  }
  return lines;
}
const LINES = new Map<string, readonly LabelLine[]>();

/** A line of a segment label, and the width to condense it to (SVG textLength) when it is a little too wide for the lane (0: as it is). */
export type LabelLine = readonly [text: string, fit: number];

/**
 * Where the type is larger than the lane was made for (a narrow frame, presenter mode), a label
 * wider than this part of the lane is wrapped: one nearly as wide as the lane cannot slide along
 * its arrow, so it sat across the next arrow (a SYN,ACK's label across the ACK that answers it).
 */
const LARGE_TYPE_SHARE = 0.75;

function wrapLabel(text: string, fontSize: number): LabelLine[] {
  const wide = (t: string) => segmentTextWidth(t, fontSize) * SEG_BOLD;
  let lines = [text];
  const wrapAt = fontSize > SEG_LABEL_FONT ? LARGE_TYPE_SHARE * SEG_LABEL_MAX_W : SEG_LABEL_MAX_W / CONDENSE_AT_MOST;
  if (wide(text) > wrapAt) {
    const [first, ...rest] = text.split(' ');
    lines = [first!];
    let cur = '';
    for (const w of rest) {
      const next = cur ? `${cur} ${w}` : w;
      if (cur && wide(next) > SEG_LABEL_MAX_W) {
        lines.push(cur);
        cur = w;
      } else cur = next;
    }
    if (cur) lines.push(cur);
  }
  return lines.map((l) => [l, wide(l) > SEG_LABEL_MAX_W ? SEG_LABEL_MAX_W : 0]);
}

type Bounds = { x0: number; y0: number; x1: number; y1: number };
/** Boxes are never mutated once made, so their bounds are computed once. */
const BOUNDS = new WeakMap<OBox, Bounds>();

/** Axis-aligned bounds of an oriented box. */
export function bounds(b: OBox): Bounds {
  let r = BOUNDS.get(b);
  if (!r) BOUNDS.set(b, (r = computeBounds(b)));
  return r;
}

// Placement tests thousands of pairs per frame at high speed (every new label, and the "now" label
// against everything near the line): the arithmetic below allocates nothing.

function computeBounds(b: OBox): Bounds {
  const a = (b.angle * Math.PI) / 180;
  // the half extents of a rotated rectangle along x and y
  const ex = Math.abs(b.hw * Math.cos(a)) + Math.abs(b.hh * Math.sin(a));
  const ey = Math.abs(b.hw * Math.sin(a)) + Math.abs(b.hh * Math.cos(a));
  return { x0: b.cx - ex, y0: b.cy - ey, x1: b.cx + ex, y1: b.cy + ey };
}

/** Is there a gap between `a` and `b` along the axis (ax, ay)? (touching counts as a gap) */
function apartAlong(a: OBox, b: OBox, ax: number, ay: number): boolean {
  // a box's projection: its centre's, plus or minus its half extents' projections on its own axes
  const ra = (a.angle * Math.PI) / 180;
  const rb = (b.angle * Math.PI) / 180;
  const ca = a.cx * ax + a.cy * ay;
  const cb = b.cx * ax + b.cy * ay;
  const ea = Math.abs(a.hw * (Math.cos(ra) * ax + Math.sin(ra) * ay)) + Math.abs(a.hh * (-Math.sin(ra) * ax + Math.cos(ra) * ay));
  const eb = Math.abs(b.hw * (Math.cos(rb) * ax + Math.sin(rb) * ay)) + Math.abs(b.hh * (-Math.sin(rb) * ax + Math.cos(rb) * ay));
  return ca + ea <= cb - eb + 1e-9 || cb + eb <= ca - ea + 1e-9;
}

/** Do two oriented boxes overlap? (separating-axis theorem; touching counts as apart) */
export function overlaps(a: OBox, b: OBox): boolean {
  // bounds clearly apart: so are the boxes (most pairs end here)
  const p = bounds(a);
  const q = bounds(b);
  if (p.x1 < q.x0 || q.x1 < p.x0 || p.y1 < q.y0 || q.y1 < p.y0) return false;
  return !apartOnAxesOf(a, a, b) && !apartOnAxesOf(b, a, b);
}

/** Is there a gap between `a` and `b` along one of `box`'s two axes? */
function apartOnAxesOf(box: OBox, a: OBox, b: OBox): boolean {
  const r = (box.angle * Math.PI) / 180;
  const ux = Math.cos(r);
  const uy = Math.sin(r);
  return apartAlong(a, b, ux, uy) || apartAlong(a, b, -uy, ux);
}

/** Overlap of the axis-aligned bounds (a cheap measure of "how bad" a collision is). */
function overlapArea(a: OBox, b: OBox): number {
  const p = bounds(a);
  const q = bounds(b);
  return Math.max(0, Math.min(p.x1, q.x1) - Math.max(p.x0, q.x0)) * Math.max(0, Math.min(p.y1, q.y1) - Math.max(p.y0, q.y0));
}

/** One candidate spot of a label: its anchor point, the baseline offset across the line, and its box. */
export interface LabelSpot {
  x: number;
  y: number;
  /** baseline offset in the label's rotated frame (negative: above the line) */
  dy: number;
  box: OBox;
}

/**
 * The box of a label of width `w` anchored (middle) at x,y, rotated by `angle`, its first baseline
 * `dy` across; `lines` lines SEG_LINE_HEIGHT apart.
 */
export function labelBox(x: number, y: number, angle: number, dy: number, w: number, fontSize: number, lines = 1): OBox {
  const a = (angle * Math.PI) / 180;
  const more = (lines - 1) * SEG_LINE_HEIGHT * fontSize;
  // a browser's text box spans the face's ascent above the baseline and its descent below (DejaVu
  // Sans, the widest of the system-ui faces: 0.93 and 0.24 em); centre of that band, in the rotated frame
  const mid = dy + more / 2 - 0.345 * fontSize;
  // 2 px more on every side: the labels' halo, so neighbours keep a visible gap
  return { cx: x - mid * Math.sin(a), cy: y + mid * Math.cos(a), hw: w / 2 + 3, hh: 0.585 * fontSize + 2 + more / 2, angle };
}

/**
 * The ink of a label (labelBox's arguments): capitals and ascenders to descenders, a unit of air
 * around it, no halo. What an arrow must not cross: a line through a label's halo only passes
 * close by, as one between two rows of labels does.
 */
export function labelInkBox(x: number, y: number, angle: number, dy: number, w: number, fontSize: number, lines = 1): OBox {
  const a = (angle * Math.PI) / 180;
  const more = (lines - 1) * SEG_LINE_HEIGHT * fontSize;
  // from 0.76 em above the first baseline to 0.24 em below the last
  const mid = dy + more / 2 - 0.26 * fontSize;
  return { cx: x - mid * Math.sin(a), cy: y + mid * Math.cos(a), hw: w / 2 + 1, hh: 0.5 * fontSize + 1 + more / 2, angle };
}

export interface SegmentLabelInput {
  id: number;
  /** the full route of the arrow (to where it would arrive, also for a dropped segment) */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  angle: number;
  text: string;
}

export const SEG_LABEL_FONT = 16;
/** Fractions along the arrow, in order of preference. */
/** (0.28 and 0.72 keep a typical 150-unit label clear of the lifeline bands.) */
const FRACTIONS = [0.5, 0.38, 0.62, 0.28, 0.72];

/** How many candidate spots a segment label has (segmentLabelSpot's `i`). */
export const SEG_SPOTS = 8 * FRACTIONS.length;

/** A segment label's size, as its spots are made for it: box width (bold, at most the lane), lines, and the height of the lines past the first. */
export interface LabelShape {
  w: number;
  n: number;
  more: number;
}
export function segmentLabelShape(text: string, fontSize: number): LabelShape {
  const lines = segmentLabelLines(text, fontSize);
  return { w: Math.min(SEG_LABEL_MAX_W, Math.max(...lines.map(([l]) => segmentTextWidth(l, fontSize))) * SEG_BOLD), n: lines.length, more: (lines.length - 1) * SEG_LINE_HEIGHT * fontSize };
}

/**
 * Candidate `i` of a segment label along its arrow, in order of preference: middle above,
 * middle below, then off-centre above/below, then one row further out.
 */
export function segmentLabelSpot(s: SegmentLabelInput, { w, n, more }: LabelShape, fontSize: number, i: number): LabelSpot {
  // `dy` is the first line's baseline: above the arrow, the last line sits where a one-line label would
  const above = -6 - more;
  const below = fontSize + 2;
  // next to the line first; a second (third, fourth) row away from it only when a burst of segments leaves no room
  const off = (1.2 * fontSize + 3 + more) * ((i / 10) | 0);
  const f = FRACTIONS[(i % 10) >> 1]!;
  let x = s.x1 + (s.x2 - s.x1) * f;
  let y = s.y1 + (s.y2 - s.y1) * f;
  const dy = i & 1 ? below + off : above - off;
  let box = labelBox(x, y, s.angle, dy, w, fontSize, n);
  // An off-centre spot slides back along its arrow until the label is inside the lane: where the
  // type is large for the lane (a narrow frame) it reached across the lifeline onto the state names.
  const b = bounds(box);
  const shift = b.x1 - b.x0 > LANE_X1 - LANE_X0 ? (LANE_X0 + LANE_X1) / 2 - (b.x0 + b.x1) / 2 : b.x0 < LANE_X0 ? LANE_X0 - b.x0 : b.x1 > LANE_X1 ? LANE_X1 - b.x1 : 0;
  if (shift !== 0 && s.x2 !== s.x1) {
    x += shift;
    y = s.y1 + ((s.y2 - s.y1) * (x - s.x1)) / (s.x2 - s.x1);
    box = labelBox(x, y, s.angle, dy, w, fontSize, n);
  }
  return { x, y, dy, box };
}

/** The lane's inner edges (sequenceLayout.ts PEER_X, less half a state band and the arrowheads' tips): where segment labels stay. */
const LANE_X0 = PEER_X.client + 7 + 2;
const LANE_X1 = PEER_X.server - 7 - 2;

/** All candidate spots of a segment label, in order of preference. */
export function segmentLabelSpots(s: SegmentLabelInput, fontSize = SEG_LABEL_FONT): LabelSpot[] {
  const shape = segmentLabelShape(s.text, fontSize);
  return Array.from({ length: SEG_SPOTS }, (_, i) => segmentLabelSpot(s, shape, fontSize, i));
}

/**
 * Chooses one spot for each label, in order, avoiding the fixed `obstacles` and the labels
 * already placed. Returns the chosen spot of every label (same order as `candidates`).
 */
export function placeGreedy(candidates: readonly (readonly LabelSpot[])[], obstacles: readonly OBox[] = []): LabelSpot[] {
  const placed: OBox[] = [...obstacles];
  const out: LabelSpot[] = [];
  for (const spots of candidates) {
    let best: LabelSpot | undefined;
    let bestCost = Infinity;
    for (const spot of spots) {
      const cost = spotCost(spot.box, bounds(spot.box), placed);
      if (cost < bestCost) {
        best = spot;
        bestCost = cost;
        if (cost === 0) break;
      }
    }
    if (!best) throw new Error('placeGreedy: a label without candidate spots');
    out.push(best);
    placed.push(best.box);
  }
  return out;
}

/** How bad a spot is among `others`: 0 if it meets none, else the count plus the overlapping area. */
export function spotCost(box: OBox, b: { x0: number; y0: number; x1: number; y1: number }, others: readonly OBox[]): number {
  let cost = 0;
  for (const o of others) {
    const ob = bounds(o);
    if (ob.x1 <= b.x0 || b.x1 <= ob.x0 || ob.y1 <= b.y0 || b.y1 <= ob.y0) continue; // far apart
    if (overlaps(box, o)) cost += 1 + overlapArea(box, o);
  }
  return cost;
}

/** Segment labels first (in the given order), so they never move when the "now" line does. */
export function placeSegmentLabels(labels: readonly SegmentLabelInput[], obstacles: readonly OBox[] = [], fontSize = SEG_LABEL_FONT): Map<number, LabelSpot> {
  const spots = placeGreedy(
    labels.map((l) => segmentLabelSpots(l, fontSize)),
    obstacles,
  );
  return new Map(labels.map((l, i) => [l.id, spots[i]!]));
}

/** A thin box along a drawn line (so the "now" label does not sit on an arrow). */
export function lineBox(x1: number, y1: number, x2: number, y2: number, halfWidth = 1.5): OBox {
  return { cx: (x1 + x2) / 2, cy: (y1 + y2) / 2, hw: Math.hypot(x2 - x1, y2 - y1) / 2, hh: halfWidth, angle: (Math.atan2(y2 - y1, x2 - x1) * 180) / Math.PI };
}

export interface NowLabelSpot {
  x: number;
  /** baseline offset from the now line */
  dy: number;
  anchor: 'start' | 'middle' | 'end';
}

/**
 * Where the "now" label goes: centred above the line unless something is there; then below it,
 * then beside the lifelines, then in the margins; then a line or two further below (what is
 * below the now line has not happened yet, so it is mostly empty), before it settles for the
 * least overlap. Without those rows, a small embed at a busy instant put it on a state name.
 * Callers mark the drawing's bottom edge as taken so the lower rows are never cut off. The
 * drawing spans `left` to `left + width`.
 */
export function placeNowLabel(text: string, nowY: number, width: number, lifelines: readonly [number, number], taken: readonly OBox[], fontSize = 13, left = 0): NowLabelSpot {
  const w = textWidth(text, fontSize);
  const [l, r] = lifelines;
  const above = -0.4 * fontSize;
  const below = 1.1 * fontSize;
  const mid = (l + r) / 2;
  const opts: NowLabelSpot[] = [];
  for (const dy of [above, below]) opts.push({ x: mid, dy, anchor: 'middle' });
  for (const dy of [above, below]) opts.push({ x: l + 8, dy, anchor: 'start' }, { x: r - 8, dy, anchor: 'end' });
  for (const dy of [below, above]) opts.push({ x: left + 6, dy, anchor: 'start' }, { x: left + width - 6, dy, anchor: 'end' });
  for (const dy of [2.2 * fontSize, 3.3 * fontSize]) opts.push({ x: mid, dy, anchor: 'middle' }, { x: l + 8, dy, anchor: 'start' }, { x: r - 8, dy, anchor: 'end' });
  const spots: LabelSpot[] = opts.map((o) => {
    const cx = o.anchor === 'middle' ? o.x : o.anchor === 'start' ? o.x + w / 2 : o.x - w / 2;
    return { x: cx, y: nowY, dy: o.dy, box: labelBox(cx, nowY, 0, o.dy, w, fontSize) };
  });
  const chosen = placeGreedy([spots], taken)[0]!;
  return opts[spots.indexOf(chosen)]!;
}
