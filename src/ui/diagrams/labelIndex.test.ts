import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabelIndex } from './labelIndex.ts';
import type { LabelSpot, OBox, SegmentLabelInput } from './labelLayout.ts';
import { SEG_LABEL_MAX_W, SEG_LINE_HEIGHT, bounds, labelBox, labelInkBox, lineBox, overlaps, segmentLabelLines, segmentLabelShape, segmentLabelSpots, segmentTextWidth, spotCost } from './labelLayout.ts';
import { PEER_X } from './sequenceLayout.ts';

/** where segment labels stay: between the lifelines, less half a state band and the arrowheads' tips */
const LANE = [PEER_X.client + 9, PEER_X.server - 9] as const;

/** The candidate list written out as nested loops (rows, then fractions, then above/below): the reference. */
function spotsByLoops(s: SegmentLabelInput, fontSize: number): LabelSpot[] {
  const lines = segmentLabelLines(s.text, fontSize);
  const w = Math.min(SEG_LABEL_MAX_W, Math.max(...lines.map(([l]) => segmentTextWidth(l, fontSize))) * 1.06);
  const more = (lines.length - 1) * SEG_LINE_HEIGHT * fontSize;
  const above = -6 - more;
  const below = fontSize + 2;
  const row = 1.2 * fontSize + 3 + more;
  const out: LabelSpot[] = [];
  for (const offsets of [
    [above, below],
    [above - row, below + row],
    [above - 2 * row, below + 2 * row],
    [above - 3 * row, below + 3 * row],
  ]) {
    for (const f of [0.5, 0.38, 0.62, 0.28, 0.72]) {
      const x = s.x1 + (s.x2 - s.x1) * f;
      const y = s.y1 + (s.y2 - s.y1) * f;
      for (const dy of offsets) out.push({ x, y, dy, box: labelBox(x, y, s.angle, dy, w, fontSize, lines.length) });
    }
  }
  return out;
}

const TEXTS = ['ACK seq=1 ack=1', 'FIN,ACK seq=1001 ack=2', 'SYN seq=0 len=0', 'PSH,ACK seq=123456789 ack=987654321 len=536', '确认 ack=3'];

const arrowArb = fc.record({
  from: fc.constantFrom('client' as const, 'server' as const),
  y1: fc.double({ min: 0, max: 600, noNaN: true }),
  drop: fc.double({ min: 0, max: 120, noNaN: true }),
  text: fc.constantFrom(...TEXTS),
});

function arrow(id: number, a: { from: 'client' | 'server'; y1: number; drop: number; text: string }): SegmentLabelInput {
  const x1 = PEER_X[a.from];
  const x2 = a.from === 'client' ? PEER_X.server : PEER_X.client;
  let angle = (Math.atan2(a.drop, x2 - x1) * 180) / Math.PI;
  if (angle > 90) angle -= 180;
  if (angle < -90) angle += 180;
  return { id, x1, y1: a.y1, x2, y2: a.y1 + a.drop, angle, text: a.text };
}

describe('segment label candidates', () => {
  it('include labels drawn in more than one line', () => {
    expect(segmentLabelLines(TEXTS[3]!, 16).length).toBeGreaterThan(1);
    expect(segmentLabelLines(TEXTS[1]!, 29).length).toBeGreaterThan(1);
  });
  it('are the rows of spots, fractions and sides in order of preference', () => {
    fc.assert(
      fc.property(arrowArb, fc.constantFrom(14, 16, 22.5, 29), (a, font) => {
        const s = arrow(1, a);
        const spots = segmentLabelSpots(s, font);
        const plain = spotsByLoops(s, font);
        // each is the spot written out, or, where that reaches past the lane, one slid along the arrow into it
        spots.forEach((sp, i) => {
          const p = plain[i]!;
          const b = bounds(p.box);
          if (b.x0 >= LANE[0] && b.x1 <= LANE[1]) return expect(sp).toEqual(p);
          const q = bounds(sp.box);
          if (b.x1 - b.x0 <= LANE[1] - LANE[0]) {
            expect(q.x0).toBeGreaterThanOrEqual(LANE[0] - 1e-6);
            expect(q.x1).toBeLessThanOrEqual(LANE[1] + 1e-6);
          } else expect((q.x0 + q.x1) / 2).toBeCloseTo((LANE[0] + LANE[1]) / 2, 6);
          expect(sp.dy).toBe(p.dy);
          expect(sp.y - s.y1).toBeCloseTo(((s.y2 - s.y1) * (sp.x - s.x1)) / (s.x2 - s.x1), 6);
        });
        // the outermost row's ends (what LabelIndex.place looks around) reach as far as any
        const bs = spots.map((sp) => bounds(sp.box));
        const ends = bs.slice(-4);
        expect(Math.min(...ends.map((b) => b.y0))).toBeLessThanOrEqual(Math.min(...bs.map((b) => b.y0)) + 1e-6);
        expect(Math.max(...ends.map((b) => b.y1))).toBeGreaterThanOrEqual(Math.max(...bs.map((b) => b.y1)) - 1e-6);
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});

describe('LabelIndex.place', () => {
  it('chooses what the greedy placement over every placed label and arrow chooses, off the likeliest answer', () => {
    fc.assert(
      fc.property(fc.array(arrowArb, { minLength: 1, maxLength: 40 }), fc.constantFrom(16, 29), (list, font) => {
        const index = new LabelIndex();
        const arrows = new LabelIndex();
        const placed: OBox[] = [];
        const lines: OBox[] = [];
        list.forEach((a, i) => {
          const s = arrow(i + 1, a);
          const line = lineBox(s.x1, s.y1, s.x2, s.y2);
          arrows.insert(s.id, line);
          const spot = index.place(s, font, arrows);
          // the reference: every candidate's cost over everything placed, the first cheapest wins
          const answer = lineBox(s.x2, s.y2, s.x1, 2 * s.y2 - s.y1);
          const shape = segmentLabelShape(s.text, font);
          // an arrow meets the label's ink, or runs between it and its own arrow
          const meets = (sp: LabelSpot, l: OBox) => {
            const ink = labelInkBox(sp.x, sp.y, s.angle, sp.dy, shape.w, font, shape.n);
            return overlaps(ink, l) || overlaps(lineBox(sp.x, sp.y, ink.cx, ink.cy, 0), l);
          };
          const cost = (sp: LabelSpot) => 4 * spotCost(sp.box, bounds(sp.box), placed) + lines.filter((l) => meets(sp, l)).length + (meets(sp, answer) ? 0.5 : 0);
          const all = segmentLabelSpots(s, font);
          const least = Math.min(...all.map(cost));
          expect(spot).toEqual(all.find((sp) => cost(sp) === least));
          index.insert(s.id, spot.box);
          placed.push(spot.box);
          lines.push(line);
        });
      }),
      { seed: 5, numRuns: 200 },
    );
  });
  it('moves a placed label only to a spot that is better than the one it has', () => {
    const index = new LabelIndex();
    const arrows = new LabelIndex();
    const s = arrow(1, { from: 'server', y1: 100, drop: 30, text: 'SYN,ACK seq=0 ack=1' });
    const first = index.place(s, 16, arrows);
    index.insert(1, first.box);
    // nothing new in its way: it stays (the same object)
    expect(index.place(s, 16, arrows, first)).toBe(first);
    // an arrow drawn later right through it: it moves off it
    const through = lineBox(first.box.cx - 100, first.box.cy, first.box.cx + 100, first.box.cy);
    arrows.insert(2, through);
    const moved = index.place(s, 16, arrows, first);
    expect(moved).not.toBe(first);
    expect(overlaps(moved.box, through)).toBe(false);
  });
  it('lists a box that spans several bands once', () => {
    const index = new LabelIndex();
    const tall: OBox = { cx: 300, cy: 200, hw: 40, hh: 150, angle: 0 };
    index.insert(1, tall);
    index.insert(2, { cx: 300, cy: 500, hw: 40, hh: 10, angle: 0 });
    expect(index.near(0, 400)).toEqual([tall]);
    expect(index.near(0, 400)).toEqual([tall]);
    expect(index.near(0, 600)).toHaveLength(2);
  });
});
