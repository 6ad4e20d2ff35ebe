/**
 * What the zoomed state diagram looks at (a phone, a docs page's frame): the peers' states and the
 * edge just taken, each state with its peers' badges where badgePlace.ts put them. A badge is not
 * always above its box: where labels cover the top it goes below or beside, and a view that
 * assumed "above" cut it at its edge. Pure arithmetic over the layout's boxes.
 */
import type { TcpState } from '../../tcp/states.ts';
import type { Box } from './chipStretch.ts';
import { NODE_H, NODE_POS, NODE_WIDTH } from './layout.ts';

/** A peer's badge as placed, with the state it belongs to. */
export interface StateBadge {
  state: TcpState;
  box: Box;
}

/** room kept round a state's box (the peers' outlines reach 11 units out) */
const PAD_X = 12;
const PAD_Y = 12;
/** room kept round a badge (its pill's stroke) */
const BADGE_PAD = 4;

/** A state's box in the drawing's units. */
export function stateBox(st: TcpState): Box {
  const { x, y } = NODE_POS[st];
  const hw = NODE_WIDTH[st] / 2;
  return { x0: x - hw, y0: y - NODE_H / 2, x1: x + hw, y1: y + NODE_H / 2 };
}

/** The drawing's units round the boxes of `states`, their outlines and the badges on them. */
export function shownBounds(states: readonly TcpState[], badges: readonly StateBadge[]): Box {
  const boxes = [
    ...states.map((st) => ((b) => ({ x0: b.x0 - PAD_X, y0: b.y0 - PAD_Y, x1: b.x1 + PAD_X, y1: b.y1 + PAD_Y }))(stateBox(st))),
    ...badges.filter((b) => states.includes(b.state)).map(({ box: b }) => ({ x0: b.x0 - BADGE_PAD, y0: b.y0 - BADGE_PAD, x1: b.x1 + BADGE_PAD, y1: b.y1 + BADGE_PAD })),
  ];
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

/** The centre (drawing units) and scale of a view. */
export interface ViewAim {
  x: number;
  y: number;
  k: number;
}

/**
 * Where the view goes at scale `k` on a drawing whose whole view is `w` × `h` units: centred on the
 * first of `choices` (sets of states, largest first) whose bounds, badges included, fit the view.
 * When not even the last fits (a badge beside a box at the largest zoom), the view is centred on
 * it at the scale that just fits it: a badge whole in view counts more than the last bit of zoom.
 */
export function aimView(choices: readonly (readonly TcpState[])[], badges: readonly StateBadge[], k: number, w: number, h: number): ViewAim {
  const all = choices.map((c) => shownBounds(c, badges));
  const fit = all.find((b) => b.x1 - b.x0 <= w / k && b.y1 - b.y0 <= h / k);
  const b = fit ?? all[all.length - 1]!;
  const kk = fit ? k : Math.min(k, w / (b.x1 - b.x0), h / (b.y1 - b.y0));
  return { x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2, k: kk };
}
