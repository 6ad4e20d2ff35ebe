/**
 * d3-zoom attached to a diagram's element: Ctrl/⌘ + wheel and trackpad pinch (which the browser
 * reports as Ctrl + wheel) zoom, a touch pinch zooms, a drag (mouse or one finger) pans.
 * A plain wheel is left to the page, so scrolling past a diagram never gets stuck in it.
 *
 * The hook owns no picture: it reports every change of d3's transform to `onZoom`, which decides
 * what the change means for its diagram (the ladder turns the scale into its time axis' zoom and the
 * translation into scrolling; the state diagram draws the transform as is). The buttons go through
 * the same behaviour (`scaleBy`, `set`), so d3's state and the picture never disagree.
 * Nothing here runs per animation frame: only on gestures.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { RefObject } from 'react';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform } from 'd3-zoom';
import type { ZoomBehavior, ZoomTransform } from 'd3-zoom';

export { zoomIdentity };
export type { ZoomTransform };

/** What moved the view: a wheel or pinch at a point, a drag, or a button / program (no point). */
export interface ZoomSource {
  /** the pointer (or the pinch's midpoint) in client coordinates, when there is one */
  clientX?: number;
  clientY?: number;
  /** true for a change made by code (buttons, reset, follow) */
  programmatic: boolean;
}

export interface ZoomControl {
  scaleBy(factor: number): void;
  set(t: ZoomTransform): void;
  get(): ZoomTransform;
}

/** Wheel steps: a mouse notch (|deltaY| ≈ 100) zooms by about 1.15; a trackpad pinch (small deltas) keeps pace. */
function wheelDelta(ev: WheelEvent): number {
  const unit = ev.deltaMode === 1 ? 0.05 : ev.deltaMode ? 1 : 0.002;
  const pinch = ev.deltaMode === 0 && Math.abs(ev.deltaY) < 40 ? 4 : 1;
  return -ev.deltaY * unit * pinch;
}

/** Which events start a gesture: Ctrl/⌘ + wheel, the main button (not on a scrollbar), touches. */
function filter(this: Element, ev: Event): boolean {
  switch (ev.type) {
    case 'wheel': {
      const w = ev as WheelEvent;
      return w.ctrlKey || w.metaKey;
    }
    case 'mousedown': {
      const m = ev as MouseEvent;
      if (m.button !== 0) return false;
      if (this instanceof HTMLElement) {
        // a press on the element's own scrollbar drags the scrollbar, not the picture
        const r = this.getBoundingClientRect();
        if (m.clientX - r.left >= this.clientWidth || m.clientY - r.top >= this.clientHeight) return false;
      }
      // form controls inside keep their own behaviour
      return !(m.target instanceof Element && m.target.closest('button, input, select, textarea, a'));
    }
    case 'dblclick':
      return false;
    default:
      return true;
  }
}

function pointOf(ev: Event | null | undefined): Pick<ZoomSource, 'clientX' | 'clientY'> {
  if (!ev) return {};
  if ('touches' in ev) {
    const ts = (ev as TouchEvent).touches;
    if (ts.length === 0) return {};
    let x = 0;
    let y = 0;
    for (const t of ts) {
      x += t.clientX;
      y += t.clientY;
    }
    return { clientX: x / ts.length, clientY: y / ts.length };
  }
  if ('clientX' in ev) return { clientX: (ev as MouseEvent).clientX, clientY: (ev as MouseEvent).clientY };
  return {};
}

export function useD3Zoom<E extends Element>(
  ref: RefObject<E | null>,
  scaleExtent: readonly [number, number],
  onZoom: (t: ZoomTransform, prev: ZoomTransform, source: ZoomSource) => void,
  /** keep the picture's corners [[x0, y0], [x1, y1]] (its own units) covering the view; unbounded if absent */
  bounds?: readonly [number, number, number, number],
): ZoomControl {
  const handler = useRef(onZoom);
  useEffect(() => {
    handler.current = onZoom;
  });
  const behaviour = useRef<ZoomBehavior<E, unknown> | null>(null);
  const [lo, hi] = scaleExtent;
  const [bx0, by0, bx1, by1] = bounds ?? [-Infinity, -Infinity, Infinity, Infinity];

  // attached in a layout effect so that the owner's own layout effects can already set a view
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    let prev = zoomTransform(el);
    const z = zoom<E, unknown>()
      .scaleExtent([lo, hi])
      .filter(filter)
      .wheelDelta(wheelDelta)
      .clickDistance(4)
      .translateExtent([
        [bx0, by0],
        [bx1, by1],
      ])
      .on('zoom', (ev: { transform: ZoomTransform; sourceEvent: Event | null }) => {
        const before = prev;
        prev = ev.transform;
        handler.current(ev.transform, before, { ...pointOf(ev.sourceEvent), programmatic: !ev.sourceEvent });
      });
    const sel = select(el);
    sel.call(z);
    behaviour.current = z;
    return () => {
      sel.on('.zoom', null);
      behaviour.current = null;
    };
  }, [ref, lo, hi, bx0, by0, bx1, by1]);

  const scaleBy = useCallback(
    (factor: number) => {
      const el = ref.current;
      if (el && behaviour.current) behaviour.current.scaleBy(select(el), factor);
    },
    [ref],
  );
  const set = useCallback(
    (t: ZoomTransform) => {
      const el = ref.current;
      const z = behaviour.current;
      if (!el || !z) return;
      // zoom.transform does not apply the bounds (scaleBy and the gestures do): apply them here
      const extent = z.extent().call(el, undefined);
      z.transform(select(el), z.constrain()(t, extent, z.translateExtent()));
    },
    [ref],
  );
  const get = useCallback(() => (ref.current ? zoomTransform(ref.current) : zoomIdentity), [ref]);
  return useMemo(() => ({ scaleBy, set, get }), [scaleBy, set, get]);
}
