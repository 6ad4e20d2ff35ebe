/**
 * An SVG path through points as a uniform cubic B-spline, written exactly as d3's
 * `line().curve(curveBasis)` writes it (same commands, coordinates rounded to 3 decimals), so the
 * state diagram does not need d3-shape in the page's first download. basisPath.test.ts compares
 * the two on random routes.
 */
export type Pt = readonly [number, number];

const r = (v: number) => Math.round(v * 1000) / 1000;

export function basisPath(points: readonly Pt[]): string {
  let d = '';
  let x0 = NaN;
  let y0 = NaN;
  let x1 = NaN;
  let y1 = NaN;
  let n = 0;
  const curveTo = (x: number, y: number) => {
    d += `C${r((2 * x0 + x1) / 3)},${r((2 * y0 + y1) / 3)},${r((x0 + 2 * x1) / 3)},${r((y0 + 2 * y1) / 3)},${r((x0 + 4 * x1 + x) / 6)},${r((y0 + 4 * y1 + y) / 6)}`;
  };
  for (const [x, y] of points) {
    if (n === 0) d += `M${r(x)},${r(y)}`;
    else if (n >= 2) {
      if (n === 2) d += `L${r((5 * x0 + x1) / 6)},${r((5 * y0 + y1) / 6)}`;
      curveTo(x, y);
    }
    n++;
    x0 = x1;
    x1 = x;
    y0 = y1;
    y1 = y;
  }
  if (n >= 3) curveTo(x1, y1);
  if (n >= 2) d += `L${r(x1)},${r(y1)}`;
  if (n === 1) d += 'Z';
  return d;
}
