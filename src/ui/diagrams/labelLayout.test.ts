import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OBox, SegmentLabelInput } from './labelLayout.ts';
import { bounds, labelBox, lineBox, overlaps, placeGreedy, placeNowLabel, placeSegmentLabels, SEG_LABEL_FONT, SEG_LABEL_MAX_W, segmentLabelLines, segmentLabelSpots, segmentTextWidth, textWidth } from './labelLayout.ts';
import { PEER_X } from './sequenceLayout.ts';

const box = (cx: number, cy: number, hw: number, hh: number, angle = 0): OBox => ({ cx, cy, hw, hh, angle });

/** An arrow between the lifelines, sent at y1 and arriving 30 units lower. */
function arrow(id: number, from: 'client' | 'server', y1: number, text = 'FIN,ACK seq=1 ack=1', drop = 30): SegmentLabelInput {
  const x1 = PEER_X[from];
  const x2 = from === 'client' ? PEER_X.server : PEER_X.client;
  let angle = (Math.atan2(drop, x2 - x1) * 180) / Math.PI;
  if (angle > 90) angle -= 180;
  if (angle < -90) angle += 180;
  return { id, x1, y1, x2, y2: y1 + drop, angle, text };
}

/** The separating-axis test written out on the boxes' corners: the reference for the allocation-free one. */
function cornersOf(b: OBox): [number, number][] {
  const a = (b.angle * Math.PI) / 180;
  const [ux, uy] = [Math.cos(a), Math.sin(a)];
  return ([[-1, -1], [1, -1], [1, 1], [-1, 1]] as const).map(([sx, sy]) => [b.cx + sx * b.hw * ux - sy * b.hh * uy, b.cy + sx * b.hw * uy + sy * b.hh * ux]);
}
function overlapsByCorners(a: OBox, b: OBox): boolean {
  const [ca, cb] = [cornersOf(a), cornersOf(b)];
  for (const r of [a, b].map((x) => (x.angle * Math.PI) / 180)) {
    for (const [ax, ay] of [[Math.cos(r), Math.sin(r)], [-Math.sin(r), Math.cos(r)]] as const) {
      const pa = ca.map(([x, y]) => x * ax + y * ay);
      const pb = cb.map(([x, y]) => x * ax + y * ay);
      if (Math.max(...pa) <= Math.min(...pb) + 1e-9 || Math.max(...pb) <= Math.min(...pa) + 1e-9) return false;
    }
  }
  return true;
}

describe('oriented boxes', () => {
  it('overlap exactly when the corner-based separating-axis test says so, and bounds hold every corner', () => {
    const arb = fc.record({
      cx: fc.integer({ min: -200, max: 200 }),
      cy: fc.integer({ min: -200, max: 200 }),
      hw: fc.integer({ min: 1, max: 120 }),
      hh: fc.integer({ min: 1, max: 20 }),
      angle: fc.integer({ min: -90, max: 90 }),
    });
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        expect(overlaps(a, b)).toBe(overlapsByCorners(a, b));
        const r = bounds(a);
        for (const [x, y] of cornersOf(a)) expect(x >= r.x0 - 1e-9 && x <= r.x1 + 1e-9 && y >= r.y0 - 1e-9 && y <= r.y1 + 1e-9).toBe(true);
        // and tight: some corner reaches each side
        expect(Math.min(...cornersOf(a).map((c) => c[0]))).toBeCloseTo(r.x0, 9);
        expect(Math.max(...cornersOf(a).map((c) => c[1]))).toBeCloseTo(r.y1, 9);
      }),
      { seed: 8, numRuns: 3000 },
    );
  });
  it('detect overlap and separation of axis-aligned boxes', () => {
    expect(overlaps(box(0, 0, 10, 5), box(15, 0, 10, 5))).toBe(true);
    expect(overlaps(box(0, 0, 10, 5), box(25, 0, 10, 5))).toBe(false);
    expect(overlaps(box(0, 0, 10, 5), box(0, 10, 10, 5))).toBe(false); // touching
  });
  it('use the rotation: boxes whose bounds overlap may still be apart', () => {
    const a = box(0, 0, 50, 2, 45);
    const b = box(30, -30, 50, 2, 45); // parallel, shifted across
    const ba = bounds(a);
    const bb = bounds(b);
    expect(ba.x1 > bb.x0 && bb.y1 > ba.y0).toBe(true);
    expect(overlaps(a, b)).toBe(false);
    expect(overlaps(a, box(0, 0, 50, 2, -45))).toBe(true); // crossing
  });
  it('put a label above the line for a negative baseline offset', () => {
    const b = labelBox(100, 100, 0, -6, 80, 14);
    expect(b.cy).toBeLessThan(100);
    expect(b.cy + b.hh).toBeLessThan(104);
    expect(labelBox(100, 100, 0, 16, 80, 14).cy).toBeGreaterThan(100);
  });
  it('estimate wider text for more characters, and full width for CJK', () => {
    expect(textWidth('SYN seq=0 len=0', 14)).toBeGreaterThan(textWidth('SYN', 14));
    expect(textWidth('当前', 10)).toBe(20);
  });
});

describe('segment label placement', () => {
  it('keeps a lone label in the middle, above its arrow', () => {
    const a = arrow(1, 'client', 100);
    const spot = placeSegmentLabels([a]).get(1)!;
    expect(spot.x).toBeCloseTo((a.x1 + a.x2) / 2);
    expect(spot.y).toBeCloseTo((a.y1 + a.y2) / 2);
    expect(spot.dy).toBeLessThan(0);
  });
  it('moves apart labels of segments close in time (crossing and parallel arrows)', () => {
    for (const list of [
      [arrow(1, 'server', 100), arrow(2, 'client', 104, 'ACK seq=2 ack=2')],
      [arrow(1, 'client', 100), arrow(2, 'client', 106), arrow(3, 'client', 112)],
      [arrow(1, 'server', 100), arrow(2, 'client', 100), arrow(3, 'server', 108, 'ACK seq=1 ack=3')],
    ]) {
      const spots = placeSegmentLabels(list);
      const boxes = list.map((l) => spots.get(l.id)!.box);
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${JSON.stringify(list.map((l) => l.id + l.x1 + "@" + l.y1))} ${i}/${j}`).toBe(false);
    }
  });
  it('places earlier labels independently of later ones (labels do not jump as time runs)', () => {
    const first = [arrow(1, 'server', 100), arrow(2, 'client', 103)];
    const more = [...first, arrow(3, 'server', 106), arrow(4, 'client', 109)];
    const a = placeSegmentLabels(first);
    const b = placeSegmentLabels(more);
    for (const id of [1, 2]) expect(b.get(id)).toEqual(a.get(id));
  });
  it('keeps every candidate spot on its own arrow, between the lifelines', () => {
    const a = arrow(1, 'client', 0);
    for (const sp of segmentLabelSpots(a)) {
      expect(sp.x).toBeGreaterThan(PEER_X.client);
      expect(sp.x).toBeLessThan(PEER_X.server);
    }
  });
  it('avoids fixed obstacles, and takes the least bad spot when none is free', () => {
    const a = arrow(1, 'client', 100);
    const mid = segmentLabelSpots(a)[0]!;
    const spot = placeSegmentLabels([a], [mid.box]).get(1)!;
    expect(overlaps(spot.box, mid.box)).toBe(false);
    const wall = box(320, 115, 400, 200);
    const forced = placeGreedy([segmentLabelSpots(a)], [wall]);
    expect(forced).toHaveLength(1);
  });
});

describe('segment labels too wide for the lane', () => {
  it('stay one line when they fit, or nearly; else flags on one line and the numbers under them', () => {
    const texts = (text: string, font: number) => segmentLabelLines(text, font).map(([l]) => l);
    expect(segmentLabelLines('SYN,ACK seq=0 ack=1', SEG_LABEL_FONT)).toEqual([['SYN,ACK seq=0 ack=1', 0]]);
    // a narrow ladder draws its type nearly twice as large: the same label no longer fits the lane
    expect(texts('SYN,ACK seq=0 ack=1', 29)).toEqual(['SYN,ACK', 'seq=0 ack=1']);
    expect(texts('PSH,ACK seq=1 ack=2 len=50', 29)).toEqual(['PSH,ACK', 'seq=1 ack=2', 'len=50']);
    // a little too wide: one line, condensed to the lane
    expect(segmentLabelLines('PSH,ACK seq=1 ack=1 len=100', SEG_LABEL_FONT)).toEqual([['PSH,ACK seq=1 ack=1 len=100', SEG_LABEL_MAX_W]]);
    for (const font of [16, 22, 29]) {
      for (const text of ['PSH,ACK seq=3000000000 ack=4000000000 len=1448', 'FIN,ACK seq=101 ack=1', 'RST seq=1 len=0']) {
        const lines = texts(text, font);
        expect(lines.join(' ')).toBe(text);
        // every line but a lone word fits the lane as it is drawn (condensed by a tenth at most)
        for (const l of lines) if (l.includes(' ')) expect(segmentTextWidth(l, font) * 0.9, `${font} ${l}`).toBeLessThanOrEqual(SEG_LABEL_MAX_W / 1.06 + 1e-9);
      }
    }
    // the same array each time (arrows compare it by identity)
    expect(segmentLabelLines('SYN,ACK seq=0 ack=1', 29)).toBe(segmentLabelLines('SYN,ACK seq=0 ack=1', 29));
  });
  it('a label of several lines is boxed whole: above its arrow it ends where a one-line label would, and neighbours keep clear of all of it', () => {
    const a = { ...arrow(1, 'client', 100), text: 'PSH,ACK seq=1 ack=2 len=50' };
    const [above] = segmentLabelSpots(a, 29);
    const one = labelBox(above!.x, above!.y, a.angle, -6, 100, 29);
    const three = above!.box;
    expect(three.hh).toBeGreaterThan(2.5 * one.hh);
    // the bottom edges (in the label's own frame) are where a single line's is
    expect(three.cy + three.hh * Math.cos((a.angle * Math.PI) / 180)).toBeCloseTo(one.cy + one.hh * Math.cos((a.angle * Math.PI) / 180), 0);
    const b = { ...arrow(2, 'server', 160), text: 'ACK seq=1 ack=51' };
    const placed = placeSegmentLabels([a, b], [], 29);
    expect(overlaps(placed.get(1)!.box, placed.get(2)!.box)).toBe(false);
  });
});

describe('"now" label placement', () => {
  it('sits centred above the now line when that is free', () => {
    expect(placeNowLabel('Now 2.6 s', 300, 640, [PEER_X.client, PEER_X.server], [])).toEqual({ x: (PEER_X.client + PEER_X.server) / 2, dy: expect.any(Number), anchor: 'middle' });
    expect(placeNowLabel('Now 2.6 s', 300, 640, [PEER_X.client, PEER_X.server], []).dy).toBeLessThan(0);
  });
  it('moves away from segment labels on the now line', () => {
    const a = arrow(1, 'server', 280, 'FIN,ACK seq=1 ack=2', 40);
    const b = arrow(2, 'client', 282, 'ACK seq=2 ack=2', 40);
    const spots = placeSegmentLabels([a, b]);
    const taken = [...spots.values()].map((s) => s.box);
    const now = placeNowLabel('Now 2.6 s', 300, 640, [PEER_X.client, PEER_X.server], taken);
    const w = textWidth('Now 2.6 s', 13);
    const cx = now.anchor === 'middle' ? now.x : now.anchor === 'start' ? now.x + w / 2 : now.x - w / 2;
    const nb = labelBox(cx, 300, 0, now.dy, w, 13);
    for (const t of taken) expect(overlaps(nb, t)).toBe(false);
  });
  it('goes further below the line rather than onto a state name when the line is crowded', () => {
    const w = textWidth('now 2.250 s', 20);
    // every spot on the line, just above it and just below it is taken (labels, names, timers)
    const band = (cy: number): OBox => ({ cx: 320, cy, hw: 320, hh: 12, angle: 0 });
    const taken = [band(300 - 8), band(300 + 16)];
    const now = placeNowLabel('now 2.250 s', 300, 640, [PEER_X.client, PEER_X.server], taken, 20);
    const cx = now.anchor === 'middle' ? now.x : now.anchor === 'start' ? now.x + w / 2 : now.x - w / 2;
    const nb = labelBox(cx, 300, 0, now.dy, w, 20);
    for (const t of taken) expect(overlaps(nb, t)).toBe(false);
    expect(now.dy).toBeGreaterThan(20);
  });
  it('does not sit on an arrow that reaches the now line', () => {
    const mid = (PEER_X.client + PEER_X.server) / 2;
    const arrowToNow = lineBox(PEER_X.server, 280, PEER_X.client, 302); // crosses the centre just above the line
    const now = placeNowLabel('Now 2.6 s', 300, 640, [PEER_X.client, PEER_X.server], [arrowToNow]);
    expect(now.x === mid && now.dy < 0).toBe(false);
  });
});
