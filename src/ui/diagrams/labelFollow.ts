/**
 * A travelling segment's label rides behind its arrow's head: it slides along the route with the
 * head and settles at its placed spot (labelLayout.ts) once the head is past it; it never runs
 * ahead of the arrow. Pure arithmetic on numbers already laid out (no layout per frame).
 */
import { textWidth } from './labelLayout.ts';

export interface FollowInput {
  /** route start (the sender's lifeline at the send time) and the undelayed route's midpoint */
  x1: number;
  y1: number;
  mx: number;
  my: number;
  /** where the arrow's head is now */
  hx: number;
  hy: number;
  /** the label's placed spot (its anchor, middle of the text) */
  lx: number;
  ly: number;
  text: string;
  fontSize: number;
}

/** Where the label's anchor is now, and whether it is shown yet (it appears once it fits behind the head). */
export function followLabel(f: FollowInput): { x: number; y: number; visible: boolean } {
  const dx = 2 * (f.mx - f.x1);
  const dy = 2 * (f.my - f.y1);
  const len2 = dx * dx + dy * dy;
  if (len2 <= 1e-9) return { x: f.lx, y: f.ly, visible: true };
  const len = Math.sqrt(len2);
  const along = (x: number, y: number) => ((x - f.x1) * dx + (y - f.y1) * dy) / len2;
  const uSpot = along(f.lx, f.ly);
  const uHead = along(f.hx, f.hy);
  // half the text, and a small gap to the arrowhead
  const half = (textWidth(f.text, f.fontSize) / 2 + 8) / len;
  const u = Math.min(uSpot, uHead - half);
  // the spot's offset across the route is kept, so the label slides into its place
  const ox = f.lx - (f.x1 + dx * uSpot);
  const oy = f.ly - (f.y1 + dy * uSpot);
  return { x: f.x1 + dx * u + ox, y: f.y1 + dy * u + oy, visible: u >= half - 1e-9 };
}
