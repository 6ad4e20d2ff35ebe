/**
 * The SVG paper's height for a drawing `height` user units tall: `screen` doubled until it holds the
 * drawing, so a drawing that grows by screens per frame (1000×) changes its paper once per doubling.
 */
export function paperHeight(height: number, screen: number): number {
  let paper = screen;
  while (paper < height) paper *= 2;
  return paper;
}
