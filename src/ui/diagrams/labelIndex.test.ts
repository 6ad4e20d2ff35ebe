import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabelIndex } from './labelIndex.ts';
import type { LabelSpot, OBox, SegmentLabelInput } from './labelLayout.ts';
import { SEG_LABEL_MAX_W, bounds, labelBox, placeGreedy, segmentLabelSpots, segmentLabelWidth, segmentSpotsExtent, segmentTextWidth } from './labelLayout.ts';
import { PEER_X } from './sequenceLayout.ts';

/** The candidate list written out as nested loops (rows, then fractions, then above/below): the reference. */
function spotsByLoops(s: SegmentLabelInput, fontSize: number): LabelSpot[] {
  const w = Math.min(SEG_LABEL_MAX_W, segmentTextWidth(s.text, fontSize) * 1.06);
  const above = -6;
  const below = fontSize + 2;
  const row = 1.2 * fontSize + 3;
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
      for (const dy of offsets) out.push({ x, y, dy, box: labelBox(x, y, s.angle, dy, w, fontSize) });
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
  it('are the rows of spots, fractions and sides in order of preference, and their extent is that of their bounds', () => {
    fc.assert(
      fc.property(arrowArb, fc.constantFrom(14, 16, 22.5), (a, font) => {
        const s = arrow(1, a);
        const spots = segmentLabelSpots(s, font);
        expect(spots).toEqual(spotsByLoops(s, font));
        const bs = spots.map((sp) => bounds(sp.box));
        expect(segmentSpotsExtent(s, segmentLabelWidth(s.text, font), font)).toEqual([Math.min(...bs.map((b) => b.y0)), Math.max(...bs.map((b) => b.y1))]);
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});

describe('LabelIndex.place', () => {
  it('chooses what the greedy placement over every placed label chooses', () => {
    fc.assert(
      fc.property(fc.array(arrowArb, { minLength: 1, maxLength: 40 }), (list) => {
        const index = new LabelIndex();
        const placed: OBox[] = [];
        list.forEach((a, i) => {
          const s = arrow(i + 1, a);
          const spot = index.place(s, 16);
          // a label longer than the lane is drawn condensed to it (its boxes are sized for that)
          const fit = segmentTextWidth(s.text, 16) * 1.06 > SEG_LABEL_MAX_W ? SEG_LABEL_MAX_W : undefined;
          expect(spot).toEqual({ ...placeGreedy([spotsByLoops(s, 16)], placed)[0], fit });
          index.insert(s.id, spot.box);
          placed.push(spot.box);
        });
      }),
      { seed: 5, numRuns: 200 },
    );
  });
  it('condenses only labels longer than the lane', () => {
    const index = new LabelIndex();
    const long = arrow(1, { from: 'client', y1: 100, drop: 30, text: TEXTS[3]! });
    expect(segmentTextWidth(long.text, 16) * 1.06).toBeGreaterThan(SEG_LABEL_MAX_W);
    expect(index.place(long, 16).fit).toBe(SEG_LABEL_MAX_W);
    expect(index.place(arrow(2, { from: 'client', y1: 300, drop: 30, text: TEXTS[0]! }), 16).fit).toBeUndefined();
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
