import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Box } from './chipStretch.ts';
import type { BadgeAsk, Peer } from './badgePlace.ts';
import { BADGE_H, SPOT_ORDER, badgeBox, badgeWidth, placeBadges } from './badgePlace.ts';

const meet = (a: Box, b: Box, gap = 0) => a.x0 < b.x1 + gap && b.x0 < a.x1 + gap && a.y0 < b.y1 + gap && b.y0 < a.y1 + gap;
const BOUNDS: Box = { x0: 0, y0: -16, x1: 860, y1: 750 };
// FIN_WAIT_2's box (layout.ts: centre 170, 670; 150 × 44)
const FW2: Box = { x0: 95, y0: 648, x1: 245, y1: 692 };
const ask = (peer: Peer, at: Box = FW2): BadgeAsk => ({ peer, at, w: badgeWidth(peer) });

describe('where a peer badge goes (placeBadges)', () => {
  it('puts each peer above its own corner where nothing is in the way: the client at the left, the server at the right', () => {
    const [c, s] = placeBadges([ask('client'), ask('server')], [], BOUNDS);
    expect(c!.spot).toBe('top-start');
    expect(s!.spot).toBe('top-end');
    // 6 units past the box's side, 12 above its top (clear of both outlines)
    expect(c!.box).toEqual({ x0: 89, y0: 616, x1: 89 + badgeWidth('client'), y1: 636 });
    expect(s!.box.x1).toBe(251);
    expect(s!.box.y1).toBe(636);
  });

  it('moves the server off a label above its corner ("rcv FIN / snd ACK" over FIN_WAIT_2) to the other corner above', () => {
    const label: Box = { x0: 218, y0: 622, x1: 354, y1: 642 };
    expect(meet(badgeBox(FW2, badgeWidth('server'), 'top-end'), label)).toBe(true);
    const [s] = placeBadges([ask('server')], [label], BOUNDS);
    expect(s!.spot).toBe('top-start');
    expect(meet(s!.box, label)).toBe(false);
  });

  it('goes below the box when labels cover the top, and beside it when they cover below too', () => {
    const top: Box = { x0: 60, y0: 600, x1: 300, y1: 640 };
    const [a] = placeBadges([ask('client')], [top], BOUNDS);
    expect(a!.spot).toBe('bottom-start');
    expect(a!.box.y0).toBe(FW2.y1 + 12);
    const bottom: Box = { x0: 60, y0: 700, x1: 300, y1: 740 };
    const [b] = placeBadges([ask('client')], [top, bottom], BOUNDS);
    expect(b!.spot).toBe('start');
    // beside the box, at its middle height
    expect(b!.box.x1).toBe(FW2.x0 - 12);
    expect((b!.box.y0 + b!.box.y1) / 2).toBe((FW2.y0 + FW2.y1) / 2);
  });

  it('keeps two badges on one state apart: the second takes its next spot', () => {
    const w = 170;
    const narrow: Box = { x0: 300, y0: 300, x1: 300 + w / 2, y1: 344 };
    // a box so narrow that the two badges above it would overlap
    const [c, s] = placeBadges([ask('client', narrow), ask('server', narrow)], [], BOUNDS);
    expect(c!.spot).toBe('top-start');
    expect(meet(c!.box, s!.box, 2)).toBe(false);
    expect(s!.spot).toBe('bottom-end');
  });

  it('stays inside the drawing: a state at its top edge has its badge below', () => {
    const top: Box = { x0: 355, y0: -10, x1: 505, y1: 34 };
    const [c] = placeBadges([ask('client', top)], [], BOUNDS);
    expect(c!.spot).toBe('bottom-start');
  });

  it('falls back to the default spot when every spot is covered', () => {
    const everything: Box = { x0: -1000, y0: -1000, x1: 2000, y1: 2000 };
    const [c, s] = placeBadges([ask('client'), ask('server')], [everything], BOUNDS);
    expect(c!.spot).toBe('top-start');
    expect(s!.spot).toBe('top-end');
  });

  it('(property) a badge is clear of every box to avoid and of the badges before it, inside the drawing, at the first clear spot of its order; or at its default when none is clear', () => {
    const box = fc.record({ x: fc.integer({ min: 0, max: 800 }), y: fc.integer({ min: -16, max: 720 }), w: fc.integer({ min: 4, max: 200 }), h: fc.integer({ min: 4, max: 40 }) }).map(({ x, y, w, h }): Box => ({ x0: x, y0: y, x1: x + w, y1: y + h }));
    const state = fc.record({ x: fc.integer({ min: 40, max: 640 }), y: fc.integer({ min: 0, max: 680 }), w: fc.integer({ min: 120, max: 200 }) }).map(({ x, y, w }): Box => ({ x0: x, y0: y, x1: x + w, y1: y + 44 }));
    fc.assert(
      fc.property(state, state, fc.boolean(), fc.array(box, { maxLength: 12 }), (a, b, same, avoid) => {
        const asks = [ask('client', a), ask('server', same ? a : b)];
        const placed = placeBadges(asks, avoid, BOUNDS);
        placed.forEach((p, i) => {
          const order = SPOT_ORDER[p.peer];
          const clear = (x: Box) => x.x0 >= BOUNDS.x0 && x.y0 >= BOUNDS.y0 && x.x1 <= BOUNDS.x1 && x.y1 <= BOUNDS.y1 && !avoid.some((o) => meet(x, o)) && !placed.slice(0, i).some((q) => meet(x, q.box, 2));
          const first = order.find((sp) => clear(badgeBox(asks[i]!.at, asks[i]!.w, sp)));
          expect(p.spot).toBe(first ?? order[0]);
          expect(p.box).toEqual(badgeBox(asks[i]!.at, asks[i]!.w, p.spot));
          expect(p.box.y1 - p.box.y0).toBe(BADGE_H);
          // attached: its box is within 12 units of its state's box
          const gapX = Math.max(0, asks[i]!.at.x0 - p.box.x1, p.box.x0 - asks[i]!.at.x1);
          const gapY = Math.max(0, asks[i]!.at.y0 - p.box.y1, p.box.y0 - asks[i]!.at.y1);
          expect(Math.max(gapX, gapY)).toBeLessThanOrEqual(12);
        });
      }),
      { seed: 1203, numRuns: 300 },
    );
  });

  it('is as wide as its text, 58 units at least: the Chinese 服务器端 wider than "server"', () => {
    expect(badgeWidth('ok')).toBe(58);
    expect(badgeWidth('服务器端')).toBeGreaterThan(badgeWidth('server'));
  });
});
