/**
 * Where the state diagram's edge labels go at a given type size. The layout's hand-set spots
 * (layout.ts LABEL_POS, the middle of the route otherwise) are drawn for 16 px labels; larger
 * type (the desk's 19.5 px, the presenter's 23 px) or a longer translation can push a label over
 * a state box, another label or the drawing's edge. Such a label moves to the nearest free spot
 * along its own route. Pure, and run once per language and size, never per frame.
 */
import type { TcpState } from '../../tcp/states.ts';
import { segmentTextWidth } from './labelLayout.ts';
import { NODE_H, NODE_POS, NODE_WIDTH } from './layout.ts';

export type Anchor = 'start' | 'middle' | 'end';
export interface LabelSpot {
  x: number;
  y: number;
  anchor: Anchor;
}
export interface EdgeLabelInput {
  key: string;
  text: string;
  /** the edge's route as a polyline */
  pts: readonly (readonly [number, number])[];
  /** the layout's spot */
  spot: LabelSpot;
}
interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** room kept around a label, in the drawing's units */
const GAP = 3;
const NODE_BOXES: Box[] = (Object.keys(NODE_POS) as TcpState[]).map((st) => {
  const p = NODE_POS[st];
  const hw = NODE_WIDTH[st] / 2;
  return { x0: p.x - hw - 2, y0: p.y - NODE_H / 2 - 2, x1: p.x + hw + 2, y1: p.y + NODE_H / 2 + 2 };
});

/** The box a label's text covers (the text is centred on y with dy = 0.35em). */
export function labelBox(s: LabelSpot, width: number, font: number): Box {
  const x0 = s.anchor === 'start' ? s.x : s.anchor === 'end' ? s.x - width : s.x - width / 2;
  return { x0: x0 - GAP, y0: s.y - 0.62 * font - GAP, x1: x0 + width + GAP, y1: s.y + 0.5 * font + GAP };
}

const overlap = (a: Box, b: Box): number => Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
const outside = (a: Box, b: Box): number => (a.x1 - a.x0) * (a.y1 - a.y0) - overlap(a, b);

/** The point `f` of the way along a polyline. */
function along(pts: EdgeLabelInput['pts'], f: number): [number, number] {
  const lens = pts.slice(1).map((p, i) => Math.hypot(p[0] - pts[i]![0], p[1] - pts[i]![1]));
  let left = f * lens.reduce((a, b) => a + b, 0);
  for (let i = 0; i < lens.length; i++) {
    if (left <= lens[i]! && lens[i]! > 0) {
      const g = left / lens[i]!;
      return [pts[i]![0] + (pts[i + 1]![0] - pts[i]![0]) * g, pts[i]![1] + (pts[i + 1]![1] - pts[i]![1]) * g];
    }
    left -= lens[i]!;
  }
  const last = pts[pts.length - 1]!;
  return [last[0], last[1]];
}

const FRACTIONS = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85];

/** Spots for every label, in order: each avoids the state boxes, the labels placed before it and the bounds. */
export function placeEdgeLabels(items: readonly EdgeLabelInput[], font: number, bounds: Box, bold = false): Map<string, LabelSpot> {
  const placed: Box[] = [];
  const out = new Map<string, LabelSpot>();
  const inner: Box = { x0: bounds.x0 + 1, y0: bounds.y0 + 1, x1: bounds.x1 - 1, y1: bounds.y1 - 1 };
  for (const it of items) {
    const width = segmentTextWidth(it.text, font) * (bold ? 1.08 : 1);
    const cost = (s: LabelSpot): number => {
      const b = labelBox(s, width, font);
      let c = outside(b, inner);
      for (const n of NODE_BOXES) c += overlap(b, n);
      for (const p of placed) c += overlap(b, p);
      return c;
    };
    const candidates: LabelSpot[] = [it.spot];
    // the layout's spot slid sideways back inside the drawing
    const b0 = labelBox(it.spot, width, font);
    if (b0.x1 > inner.x1) candidates.push({ ...it.spot, x: it.spot.x - (b0.x1 - inner.x1) });
    if (b0.x0 < inner.x0) candidates.push({ ...it.spot, x: it.spot.x + (inner.x0 - b0.x0) });
    const lift = 0.75 * font;
    for (const f of FRACTIONS) {
      const [x, y] = along(it.pts, f);
      for (const dy of [0, -lift, lift, -2 * lift, 2 * lift, -3 * lift, 3 * lift])
        for (const anchor of ['middle', 'start', 'end'] as const) candidates.push({ x: anchor === 'start' ? x + 8 : anchor === 'end' ? x - 8 : x, y: y + dy, anchor });
    }
    let best = it.spot;
    let bestScore = Infinity;
    for (const s of candidates) {
      // the free spot nearest the layout's wins (the layout's own when free); otherwise the least covered
      const c = cost(s);
      const score = c > 0 ? 1e6 + c : Math.hypot(s.x - it.spot.x, s.y - it.spot.y) * 0.001;
      if (score < bestScore) {
        bestScore = score;
        best = s;
      }
      if (c === 0 && s === it.spot) break;
    }
    out.set(it.key, best);
    placed.push(labelBox(best, width, font));
  }
  return out;
}
