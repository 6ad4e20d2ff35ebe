/**
 * A diagram's pan/zoom as scale `k` and translation (x, y): a point p of the picture is drawn at
 * k·p + (x, y). It has the shape of d3-zoom's transform, so d3's transforms convert one to one,
 * but it is our own small class: the diagrams draw (and the phone's state diagram starts zoomed)
 * with it before d3-zoom itself is loaded, on the first gesture (useD3Zoom.ts).
 */
export class ViewTransform {
  constructor(
    readonly k: number,
    readonly x: number,
    readonly y: number,
  ) {}

  /** This transform, then a further scale by `k` about the origin of the picture. */
  scale(k: number): ViewTransform {
    return k === 1 ? this : new ViewTransform(this.k * k, this.x, this.y);
  }

  /** This transform, then a shift of the picture by (x, y) in its own units. */
  translate(x: number, y: number): ViewTransform {
    return x === 0 && y === 0 ? this : new ViewTransform(this.k, this.x + this.k * x, this.y + this.k * y);
  }

  /** The picture's x drawn at view x `vx`. */
  invertX(vx: number): number {
    return (vx - this.x) / this.k;
  }

  /** The picture's y drawn at view y `vy`. */
  invertY(vy: number): number {
    return (vy - this.y) / this.k;
  }

  equals(o: { k: number; x: number; y: number }): boolean {
    return o.k === this.k && o.x === this.x && o.y === this.y;
  }

  /** An SVG `transform` attribute. */
  toString(): string {
    return `translate(${this.x},${this.y}) scale(${this.k})`;
  }
}

export const viewIdentity = new ViewTransform(1, 0, 0);

/** [[x0, y0], [x1, y1]] */
export type Extent = readonly [readonly [number, number], readonly [number, number]];

/**
 * The view's extent as d3-zoom measures it by default: an SVG's viewBox (or its size), an HTML
 * element's client box.
 */
export function viewExtent(el: Element): Extent {
  if (el instanceof SVGSVGElement) {
    const vb = el.viewBox.baseVal;
    if (vb && vb.width > 0 && vb.height > 0) return [[vb.x, vb.y], [vb.x + vb.width, vb.y + vb.height]];
    return [[0, 0], [el.width.baseVal.value, el.height.baseVal.value]];
  }
  return [[0, 0], [el.clientWidth, el.clientHeight]];
}

/**
 * Shifts `t` the least so that the picture's `bounds` cover the view (`extent`), centring the
 * picture on an axis where it is smaller than the view: the rule d3-zoom applies to gestures.
 */
export function constrain(t: ViewTransform, extent: Extent, bounds: Extent): ViewTransform {
  const over = (v0: number, v1: number, b0: number, b1: number, invert: (v: number) => number): number => {
    const d0 = invert(v0) - b0; // picture units of room on the low side (> 0: a gap shows)
    const d1 = invert(v1) - b1; // and on the high side (< 0: a gap shows)
    if (d1 > d0) return (d0 + d1) / 2;
    if (d0 < 0) return d0;
    return d1 > 0 ? d1 : 0;
  };
  const dx = over(extent[0][0], extent[1][0], bounds[0][0], bounds[1][0], (v) => t.invertX(v));
  const dy = over(extent[0][1], extent[1][1], bounds[0][1], bounds[1][1], (v) => t.invertY(v));
  return t.translate(dx, dy);
}
