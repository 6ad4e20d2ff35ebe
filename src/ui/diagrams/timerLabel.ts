/**
 * Where a timer's label goes in the ladder: in the outer margin of its peer's lane, by the "now"
 * end of its bar, never over a state name of the same lane and never across the lifeline.
 *
 * The margin holds the state names too (right-aligned against the client's lifeline, left-aligned
 * against the server's), so the label is one line when it fits beside them, else two lines
 * (timer name, time left), and it moves down past any state name it would cover.
 * Pure geometry in the diagram's user units; the fonts are the ones the stylesheet draws.
 */
import type { PeerName } from '../../sim/types.ts';
import type { OBox } from './labelLayout.ts';
import { textWidth } from './labelLayout.ts';
import { stateNameLines, stateNameWidth } from './stateNames.ts';
import { PEER_X, SEQ_W } from './sequenceLayout.ts';

/** width of a state band on a lifeline (SequenceDiagram.tsx) */
export const BAND_W = 14;
/**
 * The timer bar's x (its left edge), in the outer margin; `side` is the room the drawing has
 * beside its usual width on each side (sideRoom), which the margins take.
 */
export const timerBarX = (peer: PeerName, side = 0) => (peer === 'client' ? 16 - side : SEQ_W - 24 + side);
/** a line's box as browsers measure it (CJK fonts reach higher and lower than Latin glyphs) */
const ASCENT = 0.95;
const DESCENT = 0.3;
/** baseline to baseline of a state name wrapped into lines, in ems */
export const BAND_LINE_HEIGHT = 1.05;

/** A state name drawn beside a lifeline: its band's top (the text hangs 1.1 em below it). */
export interface BandLabel {
  y0: number;
  text: string;
}

/** room for a state name between its lifeline's band and the timer bar in the outer margin */
export const bandRoom = (peer: PeerName, side = 0): number => (peer === 'client' ? PEER_X.client - BAND_W - (timerBarX('client', side) + 4 + 4) : timerBarX('server', side) - 4 - (PEER_X.server + BAND_W));

/**
 * How a state name is drawn in its margin: on one line at its own width where it fits before the
 * timer bar, else wrapped after an underscore (balanced: FIN_ / WAIT_1), ESTABLISHED after its
 * syllable ESTAB-. Never condensed: the drawing's side margins grow (sideRoom) until the widest
 * line fits. `width` is the widest line's.
 */
export function bandLabelLines(peer: PeerName, text: string, font: number, side = 0): { lines: readonly string[]; width: number } {
  const room = bandRoom(peer, side);
  const lines = stateNameLines(text, font, room);
  return { lines, width: Math.max(...lines.map((l) => stateNameWidth(l, font))) };
}

/** The glyph box of a state name (SequenceDiagram draws its first line at y0 with dy = 1.1em). */
export function bandLabelBox(peer: PeerName, b: BandLabel, font: number, side = 0): { x0: number; x1: number; y0: number; y1: number } {
  const { lines, width: w } = bandLabelLines(peer, b.text, font, side);
  const base = b.y0 + 1.1 * font;
  const x = peer === 'client' ? PEER_X.client - BAND_W : PEER_X.server + BAND_W;
  const y0 = base - ASCENT * font;
  const y1 = base + (lines.length - 1) * BAND_LINE_HEIGHT * font + DESCENT * font;
  return peer === 'client' ? { x0: x - w, x1: x, y0, y1 } : { x0: x, x1: x + w, y0, y1 };
}

export interface TimerLabelInput {
  peer: PeerName;
  /** the drawing's extra room on each side (sideRoom) */
  side?: number;
  /** the timer's name (RTO, TIME_WAIT, ...) and the time left as shown */
  name: string;
  left: string;
  /** the widest the time left gets (its text at the timer's full duration): fixes the line count */
  widest: string;
  /** y of the "now" end of the bar */
  yNow: number;
  font: number;
  /** the state names of the same lane */
  bands: readonly BandLabel[];
}

export interface TimerLabel {
  lines: string[];
  /** x of the text and its anchor */
  x: number;
  anchor: 'start' | 'end';
  /** baseline of the first line; later lines are `lineHeight` apart */
  y: number;
  lineHeight: number;
  /** glyph box of the whole label (an obstacle for the "now" label) */
  box: OBox;
}

export function placeTimerLabel(t: TimerLabelInput): TimerLabel {
  const { peer, font } = t;
  const side = t.side ?? 0;
  const isClient = peer === 'client';
  const bx = timerBarX(peer, side);
  const x = isClient ? bx + 14 : bx - 6;
  // the room between the bar and the lifeline's band
  const room = isClient ? PEER_X.client - BAND_W / 2 - 4 - x : x - (PEER_X.server + BAND_W / 2 + 4);
  const one = `${t.name} ${t.left}`;
  const split = textWidth(`${t.name} ${t.widest}`, font) > room;
  const lines = split ? [t.name, t.left] : [one];
  const w = Math.max(...lines.map((l) => textWidth(l, font)));
  const lineHeight = 1.2 * font;
  const x0 = isClient ? x : x - w;
  const x1 = isClient ? x + w : x;
  const boxes = t.bands.map((b) => bandLabelBox(peer, b, font, side)).filter((b) => b.x0 < x1 + 2 && x0 < b.x1 + 2);
  // just above the now point; pushed down below any state name it would cover (a timer often
  // starts with the state it guards, whose name sits on the same line). The now line crosses the
  // whole drawing: a label pushed onto it goes on below it instead.
  let y = t.yNow - 0.3 * font;
  for (let guard = 0; guard <= boxes.length + 1; guard++) {
    const top = y - ASCENT * font - 1;
    const bottom = y + (lines.length - 1) * lineHeight + DESCENT * font + 1;
    const hit = boxes.find((b) => b.y0 < bottom && top < b.y1);
    if (hit) y = hit.y1 + 2 + ASCENT * font;
    else if (top + 1 < t.yNow - 1 && bottom - 1 > t.yNow + 1) y = t.yNow + 3 + ASCENT * font;
    else break;
  }
  const top = y - ASCENT * font;
  const height = (lines.length - 1) * lineHeight + (ASCENT + DESCENT) * font;
  return { lines, x, anchor: isClient ? 'start' : 'end', y, lineHeight, box: { cx: (x0 + x1) / 2, cy: top + height / 2, hw: w / 2 + 2, hh: height / 2 + 1, angle: 0 } };
}
