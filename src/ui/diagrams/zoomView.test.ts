import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TcpState } from '../../tcp/states.ts';
import { TCP_STATES } from '../../tcp/states.ts';
import type { BadgeSpot } from './badgePlace.ts';
import { badgeBox, badgeWidth } from './badgePlace.ts';
import type { StateBadge } from './zoomView.ts';
import { aimView, shownBounds, stateBox } from './zoomView.ts';

// the state diagram's whole view (StateDiagram.tsx: 860 wide, from -16 to 750)
const W = 860;
const H = 766;
const badge = (state: TcpState, spot: BadgeSpot, text = 'server'): StateBadge => ({ state, box: badgeBox(stateBox(state), badgeWidth(text), spot) });
/** Whether `b` lies inside the view aimed at `a` (its centre and scale). */
const inside = (a: { x: number; y: number; k: number }, b: { x0: number; y0: number; x1: number; y1: number }) =>
  b.x0 >= a.x - W / a.k / 2 - 1e-9 && b.x1 <= a.x + W / a.k / 2 + 1e-9 && b.y0 >= a.y - H / a.k / 2 - 1e-9 && b.y1 <= a.y + H / a.k / 2 + 1e-9;

describe('what the zoomed state diagram looks at (aimView)', () => {
  it('takes in a badge beside its box: the server beside ESTABLISHED on a phone (legible scale 1.72) is whole in view', () => {
    const b = badge('ESTABLISHED', 'end');
    const a = aimView([['ESTABLISHED', 'SYN_RCVD', 'LISTEN'], ['ESTABLISHED', 'SYN_RCVD'], ['ESTABLISHED', 'LISTEN'], ['ESTABLISHED']], [b], 1.718, W, H);
    expect(a.k).toBe(1.718);
    expect(inside(a, b.box)).toBe(true);
    expect(inside(a, stateBox('ESTABLISHED'))).toBe(true);
  });

  it('takes in a badge below its box, not only the room above it', () => {
    const b = badge('TIME_WAIT', 'bottom-end');
    const a = aimView([['TIME_WAIT']], [b], 3, W, H);
    expect(inside(a, b.box)).toBe(true);
    expect(shownBounds(['TIME_WAIT'], [b]).y1).toBeGreaterThan(stateBox('TIME_WAIT').y1 + 12 + 20);
  });

  it('counts only the badges of the states it shows', () => {
    const far = badge('LAST_ACK', 'end');
    expect(shownBounds(['CLOSED'], [far])).toEqual(shownBounds(['CLOSED'], []));
  });

  it('zooms out just enough when the state alone and its badge beside it do not fit at the legible scale', () => {
    const b = badge('ESTABLISHED', 'start');
    const a = aimView([['ESTABLISHED']], [b], 4, W, H);
    const sb = shownBounds(['ESTABLISHED'], [b]);
    expect(a.k).toBeLessThan(4);
    expect(a.k).toBeCloseTo(W / (sb.x1 - sb.x0), 9);
    expect(inside(a, b.box)).toBe(true);
  });

  it('keeps in view every state it picks and each of their badges, at any spot and scale', () => {
    const spots: BadgeSpot[] = ['top-start', 'top-end', 'bottom-start', 'bottom-end', 'start', 'end'];
    fc.assert(
      fc.property(fc.constantFrom(...TCP_STATES), fc.constantFrom(...TCP_STATES), fc.constantFrom(...spots), fc.constantFrom(...spots), fc.double({ min: 1, max: 4, noNaN: true }), (c, s, cs, ss, k) => {
        const badges = [badge(c, cs, 'client'), badge(s, ss)];
        const choices: TcpState[][] = [[c, s], [c]];
        const a = aimView(choices, badges, k, W, H);
        expect(a.k).toBeLessThanOrEqual(k);
        const shown = choices.find((ch) => ((b) => b.x1 - b.x0 <= W / k && b.y1 - b.y0 <= H / k)(shownBounds(ch, badges))) ?? choices[1]!;
        for (const st of shown) expect(inside(a, stateBox(st))).toBe(true);
        for (const b of badges.filter((x) => shown.includes(x.state))) expect(inside(a, b.box)).toBe(true);
      }),
    );
  });
});
