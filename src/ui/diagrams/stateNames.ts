/**
 * State names beside the ladder's lifelines (ESTABLISHED, FIN_WAIT_1, ...): how wide they are
 * drawn, where they wrap, and how much room the drawing needs beside its lanes for them.
 *
 * A narrow ladder (a phone, the packetdrill embed) draws its type larger than its layout was made
 * for, to keep it legible; its state names used to be condensed to fit the margins. They keep
 * their glyphs now: the margins grow (the drawing gets wider in its own units and is scaled to the
 * same box), and where that would take too much from the lane the names wrap.
 */
import { PEER_X, SEQ_W } from './sequenceLayout.ts';

/**
 * A character's advance in the state names' face (system-ui at weight 600: DejaVu Sans Bold, the
 * widest of the Linux faces; macOS and Windows faces are narrower), in ems: the widest of its class
 * as measured in Chromium, so a name is never measured short.
 */
const advance = (c: string): number =>
  /[IJ]/.test(c) ? 0.372 : c === 'M' ? 0.995 : c === 'W' ? 1.103 : /[EFLT]/.test(c) ? 0.683 : /[DGHNOQU]/.test(c) ? 0.85 : c === '_' ? 0.5 : c === '-' ? 0.415 : /\d/.test(c) ? 0.696 : 0.775;

/** A state name's (or a line of one's) drawn width in user units at `font`. */
export function stateNameWidth(text: string, font: number): number {
  let w = 0;
  for (const c of text) w += advance(c);
  return w * font;
}

/** Where a name without an underscore may break (its syllables). */
const SYLLABLES: Record<string, readonly string[]> = { ESTABLISHED: ['ESTAB-', 'LISHED'] };

/** The places a name may break: after each underscore, or at its syllables. */
function pieces(text: string): string[] {
  if (SYLLABLES[text]) return [...SYLLABLES[text]];
  return text.split(/(?<=_)/);
}

/**
 * The lines of a state name in `room` user units: one when it fits, else the split into two
 * whose wider line is narrowest (FIN_ / WAIT_1, not FIN_WAIT_ / 1), each line split again if
 * it still does not fit.
 */
export function stateNameLines(text: string, font: number, room: number): string[] {
  if (stateNameWidth(text, font) <= room) return [text];
  const ps = pieces(text);
  if (ps.length < 2) return [text];
  let best: [string, string] = [ps[0]!, ps.slice(1).join('')];
  let bestW = Infinity;
  for (let i = 1; i < ps.length; i++) {
    const a = ps.slice(0, i).join('');
    const b = ps.slice(i).join('');
    const w = Math.max(stateNameWidth(a, font), stateNameWidth(b, font));
    if (w < bestW) {
      bestW = w;
      best = [a, b];
    }
  }
  // a piece of an underscore name is broken no further than its underscores
  return best.flatMap((l) => (l === text || SYLLABLES[l] ? [l] : stateNameLines(l, font, room)));
}

/** The room a state name has in the narrower margin at side = 0 (timerLabel.ts bandRoom: bar at SEQ_W - 24, 4 units off it, band 14). */
const BASE_ROOM = SEQ_W - 24 - 4 - (PEER_X.server + 14);

/** How much of the lanes' width the margins may take from them before the names wrap instead (a tenth). */
const LANE_GIVE = 0.9;

/**
 * Extra user units beside the drawing's usual width, on each side, for a ladder `px` screen px
 * wide whose state names are drawn at `fontAt(k)` user units when one unit is k px: enough for
 * every state name on one line if that leaves the lanes nine tenths of their width, else for the
 * widest line of a wrapped name. Depends on the box's width only (not on the states shown), so
 * the layout does not change as the run goes on.
 */
export function sideRoom(px: number, fontAt: (k: number) => number): number {
  if (!(px > 0)) return 0;
  // the widest name on one line, and the widest line of a wrapped one (stateNames.test.ts checks all)
  const solve = (widest: string) => {
    let side = 0;
    // the font grows as the margins do (the same box holds more units): a few rounds settle it
    for (let i = 0; i < 8; i++) {
      const next = Math.max(0, Math.ceil(stateNameWidth(widest, fontAt(px / (SEQ_W + 2 * side))) - BASE_ROOM));
      if (next <= side) break;
      side = next;
    }
    return side;
  };
  const one = solve('ESTABLISHED');
  return SEQ_W / (SEQ_W + 2 * one) >= LANE_GIVE ? one : solve('CLOSING');
}
