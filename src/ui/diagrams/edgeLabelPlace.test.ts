import { describe, expect, it } from 'vitest';
import { EDGES } from '../../tcp/machine/edges.ts';
import { edgeText } from './edgeText.ts';
import { labelBox, placeEdgeLabels } from './edgeLabelPlace.ts';
import { segmentTextWidth } from './labelLayout.ts';
import { DIAGRAM_H, DIAGRAM_W, NODE_H, NODE_POS, NODE_WIDTH } from './layout.ts';
import { edgeGeometry, selectEdges } from './stateGraph.ts';

const BOUNDS = { x0: 0, y0: -16, x1: DIAGRAM_W, y1: DIAGRAM_H };
const sel = selectEdges(EDGES);

function inputs(lang: 'en' | 'zh-CN', all = false) {
  return [...sel.classic, ...(all ? sel.other : [])].map((e) => {
    const g = edgeGeometry(e.from, e.to);
    return { key: e.key, text: edgeText(e.main, lang), pts: g.pts, spot: { x: g.lx, y: g.ly, anchor: g.anchor } };
  });
}

const hit = (a: { x0: number; y0: number; x1: number; y1: number }, b: typeof a) => Math.min(a.x1, b.x1) > Math.max(a.x0, b.x0) && Math.min(a.y1, b.y1) > Math.max(a.y0, b.y0);

describe('edge label placement', () => {
  for (const lang of ['en', 'zh-CN'] as const)
    for (const font of [16, 19.5, 23])
      it(`${lang} at ${font} px: no label over a state box, another label or the drawing's edge`, () => {
        const items = inputs(lang);
        const spots = placeEdgeLabels(items, font, BOUNDS);
        const boxes = items.map((it) => ({ text: it.text, b: labelBox(spots.get(it.key)!, segmentTextWidth(it.text, font), font) }));
        for (const { text, b } of boxes) {
          for (const [st, p] of Object.entries(NODE_POS)) {
            const hw = NODE_WIDTH[st as keyof typeof NODE_WIDTH] / 2;
            expect(hit(b, { x0: p.x - hw, y0: p.y - NODE_H / 2, x1: p.x + hw, y1: p.y + NODE_H / 2 }), `${text} / ${st}`).toBe(false);
          }
          expect(b.x0 >= BOUNDS.x0 && b.x1 <= BOUNDS.x1 && b.y0 >= BOUNDS.y0 && b.y1 <= BOUNDS.y1, text).toBe(true);
        }
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(hit(boxes[i]!.b, boxes[j]!.b), `${boxes[i]!.text} / ${boxes[j]!.text}`).toBe(false);
      });

  it("keeps the layout's own spot for a label that is free there", () => {
    const items = inputs('en');
    const spots = placeEdgeLabels(items, 16, BOUNDS);
    const kept = items.filter((it) => {
      const s = spots.get(it.key)!;
      return s.x === it.spot.x && s.y === it.spot.y && s.anchor === it.spot.anchor;
    });
    // the layout was drawn for 16 px labels: nearly all stay where it put them
    expect(kept.length).toBeGreaterThanOrEqual(items.length - 2);
  });

  it('moves "rcv RST (passive open)" off LISTEN and "close() / snd FIN" back inside the drawing at presenter size', () => {
    const items = inputs('en');
    const spots = placeEdgeLabels(items, 23, BOUNDS);
    const rst = items.find((it) => it.key === 'SYN_RCVD->LISTEN')!;
    const fin = items.find((it) => it.key === 'CLOSE_WAIT->LAST_ACK')!;
    expect(spots.get(rst.key)).not.toEqual(rst.spot);
    const b = labelBox(spots.get(fin.key)!, segmentTextWidth(fin.text, 23), 23);
    expect(b.x1).toBeLessThanOrEqual(DIAGRAM_W);
  });

  it('is the same for the same input (no state kept between calls)', () => {
    const items = inputs('zh-CN', true);
    expect([...placeEdgeLabels(items, 23, BOUNDS)]).toEqual([...placeEdgeLabels(items, 23, BOUNDS)]);
  });
});
