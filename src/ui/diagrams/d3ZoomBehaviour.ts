/**
 * d3-zoom itself (with d3-selection, d3-transition, d3-drag, d3-interpolate...): about 18 KiB gzip
 * that no first picture needs, so useD3Zoom.ts loads this module on the first gesture near a
 * diagram (see there). It attaches one behaviour to one element and speaks ViewTransform.
 */
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform } from 'd3-zoom';
import type { ZoomBehavior } from 'd3-zoom';
import { ViewTransform } from './viewTransform.ts';

export interface ZoomOptions {
  scaleExtent: readonly [number, number];
  /** the picture's corners [[x0, y0], [x1, y1]] that must cover the view */
  translateExtent: readonly [readonly [number, number], readonly [number, number]];
  filter: (this: Element, ev: Event) => boolean;
  wheelDelta: (ev: WheelEvent) => number;
  /** every change of the transform, with the DOM event behind it (null when made by code) */
  onZoom: (t: ViewTransform, sourceEvent: Event | null) => void;
}

export interface AttachedZoom {
  /** scales by `factor` about `point` (the element's own coordinates; default: the view's centre) */
  scaleBy(factor: number, point?: readonly [number, number]): void;
  /** sets the transform as is (the caller applies the bounds) */
  set(t: ViewTransform): void;
  get(): ViewTransform;
  detach(): void;
}

const toD3 = (t: ViewTransform) => zoomIdentity.translate(t.x, t.y).scale(t.k);

/** Attaches d3-zoom to `el`, starting from the transform `from` (what the picture shows now). */
export function attachZoom<E extends Element>(el: E, from: ViewTransform, o: ZoomOptions): AttachedZoom {
  const z: ZoomBehavior<E, unknown> = zoom<E, unknown>()
    .scaleExtent([o.scaleExtent[0], o.scaleExtent[1]])
    .filter(o.filter)
    .wheelDelta(o.wheelDelta)
    .clickDistance(4)
    .translateExtent([
      [o.translateExtent[0][0], o.translateExtent[0][1]],
      [o.translateExtent[1][0], o.translateExtent[1][1]],
    ])
    .on('zoom', (ev: { transform: { k: number; x: number; y: number }; sourceEvent: Event | null }) => {
      o.onZoom(new ViewTransform(ev.transform.k, ev.transform.x, ev.transform.y), ev.sourceEvent);
    });
  const sel = select(el);
  sel.call(z);
  // d3 starts from the identity; bring it to what is drawn (the hook ignores the unchanged report)
  if (from.k !== 1 || from.x !== 0 || from.y !== 0) z.transform(sel, toD3(from));
  return {
    scaleBy: (factor, point) => (point ? z.scaleBy(sel, factor, [point[0], point[1]]) : z.scaleBy(sel, factor)),
    set: (t) => z.transform(sel, toD3(t)),
    get: () => {
      const t = zoomTransform(el);
      return new ViewTransform(t.k, t.x, t.y);
    },
    detach: () => {
      sel.on('.zoom', null);
    },
  };
}
