import { describe, expect, it } from 'vitest';
import type { Box } from './chipStretch.ts';
import { badgeBox, badgeWidth } from './badgePlace.ts';
import type { StillAsk } from './stillPlace.ts';
import { placeStills } from './stillPlace.ts';

const meet = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const BOUNDS: Box = { x0: 0, y0: -16, x1: 860, y1: 750 };
// ESTABLISHED's box (layout.ts: centre 430, 400; 194 × 44)
const EST: Box = { x0: 333, y0: 378, x1: 527, y1: 422 };
const ask = (peer: 'client' | 'server', w = 72): StillAsk => ({ peer, at: EST, w, h: 24 });
/** the states' outlines round ESTABLISHED */
const KEEP: Box = { x0: EST.x0 - 11, y0: EST.y0 - 11, x1: EST.x1 + 11, y1: EST.y1 + 11 };

describe('where a cause waits with reduced motion (placeStills)', () => {
  it('goes below the state entered, at its peer’s side, where nothing is in the way', () => {
    const [c, s] = placeStills([ask('client'), ask('server')], [KEEP], BOUNDS);
    expect(c!.spot).toBe('bottom-start');
    expect(s!.spot).toBe('bottom-end');
    expect(c!.box.y0).toBe(EST.y1 + 12);
    expect(meet(c!.box, s!.box)).toBe(false);
  });

  it('round a busy state (labels above and below, a badge at each side) slides to a clear place that still faces the box', () => {
    const labels: Box[] = [
      { x0: 235, y0: 446, x1: 383, y1: 466 }, // "close() / snd FIN"
      { x0: 473, y0: 446, x1: 632, y1: 466 }, // "rcv FIN / snd ACK"
      { x0: 240, y0: 340, x1: 420, y1: 362 }, // "rcv ACK of SYN"
      { x0: 440, y0: 340, x1: 640, y1: 362 }, // "rcv SYN,ACK / snd ACK"
    ];
    const badges = [badgeBox(EST, badgeWidth('client'), 'start'), badgeBox(EST, badgeWidth('server'), 'end')];
    const avoid = [...labels, ...badges, KEEP];
    const placed = placeStills([ask('client', 74), ask('server', 42)], avoid, BOUNDS);
    for (const p of placed) {
      for (const o of avoid) expect(meet(p.box, o), `${p.peer} ${p.spot} meets ${JSON.stringify(o)}`).toBe(false);
      // beside the box's height or under/over its width
      const facing = (p.box.y1 > EST.y0 && p.box.y0 < EST.y1) || (p.box.x1 > EST.x0 && p.box.x0 < EST.x1);
      expect(facing, `${p.peer} ${p.spot}`).toBe(true);
    }
    expect(meet(placed[0]!.box, placed[1]!.box)).toBe(false);
  });

  it('where nothing is clear, takes the place that covers least', () => {
    const wall: Box = { x0: 0, y0: 300, x1: 860, y1: 500 };
    const hole: Box = { x0: 0, y0: 430, x1: 300, y1: 500 };
    const [c] = placeStills([ask('client')], [wall], BOUNDS);
    expect(c).toBeDefined();
    // with part of the wall gone below-left, the cause goes there rather than anywhere the wall is whole
    const [d] = placeStills([ask('client')], [{ ...wall, x0: 300 }, { ...wall, y1: 430, x1: 300 }], BOUNDS);
    expect(meet(d!.box, hole)).toBe(true);
  });
});
