/**
 * Where a peer's badge (the "client"/"server" pill) goes around its state's box on the state
 * diagram. Above the box's outer corner by default (the client's at the left, the server's at the
 * right); the diagram is dense, and an edge label often sits there ("rcv FIN / snd ACK" just above
 * FIN_WAIT_2), so each badge takes the first spot, in a fixed order, that covers no label, state
 * box or legend, nor a badge placed before it. Pure arithmetic over boxes known in advance (the
 * labels' boxes measured when they move, not per frame).
 */
import type { Box } from './chipStretch.ts';
import { textWidth } from './labelLayout.ts';

export type Peer = 'client' | 'server';

/** Spots around a box: above or below it at one corner ("start" is the left), or beside it at mid-height. */
export type BadgeSpot = 'top-start' | 'top-end' | 'bottom-start' | 'bottom-end' | 'start' | 'end';

/** the badge's height and type size (diagrams.css .sd-badge text), drawing units */
export const BADGE_H = 20;
const BADGE_FONT = 14;
/** from the box's top or bottom to the badge: clear of both peers' outlines (9 units out, 3.5 wide) */
const GAP_Y = 12;
/** from the box's side to a badge beside it */
const GAP_X = 12;
/** how far a corner badge reaches past the box's side, so it reads as the corner's */
const OVERHANG = 6;
/** the room kept between two badges */
const BADGE_GAP = 2;

/** Each peer's spots, most preferred first: its own corner above, the other above, below, beside. */
export const SPOT_ORDER: Readonly<Record<Peer, readonly BadgeSpot[]>> = {
  client: ['top-start', 'top-end', 'bottom-start', 'bottom-end', 'start', 'end'],
  server: ['top-end', 'top-start', 'bottom-end', 'bottom-start', 'end', 'start'],
};

/** A badge as wide as its text (CJK is wider), never narrower than the English word needs. */
export function badgeWidth(text: string): number {
  return Math.max(58, Math.ceil(textWidth(text, BADGE_FONT)) + 14);
}

/** The box a badge `w` wide (`h` high) takes at `spot` around the state's box `at`. */
export function badgeBox(at: Box, w: number, spot: BadgeSpot, h = BADGE_H): Box {
  const x0 = spot.endsWith('start') ? (spot === 'start' ? at.x0 - GAP_X - w : at.x0 - OVERHANG) : spot === 'end' ? at.x1 + GAP_X : at.x1 + OVERHANG - w;
  const y0 = spot.startsWith('top') ? at.y0 - GAP_Y - h : spot.startsWith('bottom') ? at.y1 + GAP_Y : (at.y0 + at.y1) / 2 - h / 2;
  return { x0, y0, x1: x0 + w, y1: y0 + h };
}

export interface BadgeAsk {
  peer: Peer;
  /** its state's box */
  at: Box;
  /** its width (badgeWidth) */
  w: number;
}

export interface PlacedBadge {
  peer: Peer;
  spot: BadgeSpot;
  box: Box;
}

const meet = (a: Box, b: Box, gap = 0): boolean => a.x0 < b.x1 + gap && b.x0 < a.x1 + gap && a.y0 < b.y1 + gap && b.y0 < a.y1 + gap;

/**
 * Each asked badge's spot, in the order asked: the first of its peer's SPOT_ORDER whose box lies
 * inside `bounds` and meets nothing in `avoid` (labels, state boxes with their outlines, legends)
 * nor a badge placed before it; its peer's default spot when none is clear.
 */
export function placeBadges(asks: readonly BadgeAsk[], avoid: readonly Box[], bounds: Box): PlacedBadge[] {
  const placed: PlacedBadge[] = [];
  for (const a of asks) {
    const order = SPOT_ORDER[a.peer];
    const clear = (b: Box) =>
      b.x0 >= bounds.x0 && b.y0 >= bounds.y0 && b.x1 <= bounds.x1 && b.y1 <= bounds.y1 && !avoid.some((o) => meet(b, o)) && !placed.some((p) => meet(b, p.box, BADGE_GAP));
    const spot = order.find((sp) => clear(badgeBox(a.at, a.w, sp))) ?? order[0]!;
    placed.push({ peer: a.peer, spot, box: badgeBox(a.at, a.w, spot) });
  }
  return placed;
}
