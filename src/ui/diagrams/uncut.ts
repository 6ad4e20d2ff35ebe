/** A label's vertical extent on the ladder, in the drawing's units. */
export interface Extent {
  y0: number;
  y1: number;
}

/**
 * Where the ladder's scroll box may put its top edge (drawing units) so that it cuts no label in
 * half under the lane titles: `u` itself when it cuts none; else just above or just below the
 * labels it cuts, taken together with every label that touches them. Moving past one label alone
 * could cut its neighbour (a segment label beside a state name), and a box sent back and forth
 * between the two came to rest on one of them.
 * `upWillDo(up)`: whether the position above keeps what the caller needs in the box (the now
 * line); `maxU`: where the browser stops the scroll, so below is no choice past it.
 */
export function uncutTop(u: number, labels: readonly Extent[], upWillDo: (up: number) => boolean, maxU: number): number {
  const cut = labels.find((b) => b.y0 < u - 0.5 && b.y1 > u + 0.5);
  if (!cut) return u;
  let lo = cut.y0;
  let hi = cut.y1;
  // a label the edge would cut at either way out (lo - 4 or hi + 2) joins the run
  for (let grew = true; grew; ) {
    grew = false;
    for (const b of labels) {
      if (b.y0 < hi + 2.5 && b.y1 > lo - 4.5 && (b.y0 < lo || b.y1 > hi)) {
        lo = Math.min(lo, b.y0);
        hi = Math.max(hi, b.y1);
        grew = true;
      }
    }
  }
  const up = Math.max(0, lo - 4);
  const down = hi + 2;
  return upWillDo(up) || down > maxU ? up : down;
}
