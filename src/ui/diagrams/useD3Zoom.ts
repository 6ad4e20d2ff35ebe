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
import type { AttachedZoom } from './d3ZoomBehaviour.ts';
import { constrain, ViewTransform, viewExtent, viewIdentity } from './viewTransform.ts';

export { ViewTransform, viewIdentity };

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
  set(t: ViewTransform): void;
  get(): ViewTransform;
}

type ZoomModule = typeof import('./d3ZoomBehaviour.ts');
let zoomModule: ZoomModule | null = null;
let zoomLoading: Promise<ZoomModule> | null = null;

/**
 * d3-zoom, loaded once for every diagram on the first gesture. A failed load (offline before the
 * chunk was stored) is forgotten, so the next gesture tries again.
 */
function loadZoom(): Promise<ZoomModule> {
  zoomLoading ??= import('./d3ZoomBehaviour.ts').then(
    (m) => (zoomModule = m),
    (e: unknown) => {
      zoomLoading = null;
      throw e;
    },
  );
  return zoomLoading;
}

/** What starts loading d3-zoom: the pointer coming over the diagram, a press, a touch, focus. */
const GESTURE_STARTS = ['pointerover', 'pointerdown', 'touchstart', 'focusin'] as const;

/** A client point in `el`'s own coordinates (an SVG's user units), as d3 measures pointers. */
function pointIn(el: Element, clientX: number, clientY: number): [number, number] {
  if (el instanceof SVGGraphicsElement) {
    const m = el.getScreenCTM();
    if (m) {
      const p = new DOMPoint(clientX, clientY).matrixTransform(m.inverse());
      return [p.x, p.y];
    }
  }
  const r = el.getBoundingClientRect();
  return [clientX - r.left - el.clientLeft, clientY - r.top - el.clientTop];
}

/** Wheel steps: a mouse notch (|deltaY| ≈ 100) zooms by about 1.15; a trackpad pinch (small deltas) keeps pace. */
function wheelDelta(ev: WheelEvent): number {
  const unit = ev.deltaMode === 1 ? 0.05 : ev.deltaMode ? 1 : 0.002;
  const pinch = ev.deltaMode === 0 && Math.abs(ev.deltaY) < 40 ? 4 : 1;
  return -ev.deltaY * unit * pinch;
}

/** Whether a press of `m` on `el` starts a pan: the main button, not on a scrollbar or a control. */
function pressPans(el: Element, m: MouseEvent): boolean {
  if (m.button !== 0) return false;
  if (el instanceof HTMLElement) {
    // a press on the element's own scrollbar drags the scrollbar, not the picture
    const r = el.getBoundingClientRect();
    if (m.clientX - r.left >= el.clientWidth || m.clientY - r.top >= el.clientHeight) return false;
  }
  // form controls inside keep their own behaviour
  return !(m.target instanceof Element && m.target.closest('button, input, select, textarea, a'));
}

/** Which events start a gesture: Ctrl/⌘ + wheel, the main button (not on a scrollbar), touches. */
function filter(this: Element, ev: Event): boolean {
  switch (ev.type) {
    case 'wheel': {
      const w = ev as WheelEvent;
      return w.ctrlKey || w.metaKey;
    }
    case 'mousedown':
      return pressPans(this, ev as MouseEvent);
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

/**
 * Until d3-zoom has loaded (useD3Zoom's first gesture), the hook keeps the transform itself: `set`
 * applies the bounds and reports at once (the phone's state diagram starts zoomed that way), the
 * buttons' `scaleBy` waits for the load, and a Ctrl/⌘ + wheel is held (not zooming the page) and
 * replayed about its pointer once d3 is there.
 */
export function useD3Zoom<E extends Element>(
  ref: RefObject<E | null>,
  scaleExtent: readonly [number, number],
  onZoom: (t: ViewTransform, prev: ViewTransform, source: ZoomSource) => void,
  /** keep the picture's corners [[x0, y0], [x1, y1]] (its own units) covering the view; unbounded if absent */
  bounds?: readonly [number, number, number, number],
): ZoomControl {
  const handler = useRef(onZoom);
  useEffect(() => {
    handler.current = onZoom;
  });
  /** what the picture shows */
  const current = useRef<ViewTransform>(viewIdentity);
  const attached = useRef<AttachedZoom | null>(null);
  /** button presses made before d3-zoom arrived */
  const pending = useRef<((z: AttachedZoom) => void)[]>([]);
  /** the pointer of a held wheel step being replayed (d3 sees no event for it) */
  const replaying = useRef<ZoomSource | null>(null);
  /** starts loading d3-zoom for this element */
  const kick = useRef<(() => void) | null>(null);
  const [lo, hi] = scaleExtent;
  const [bx0, by0, bx1, by1] = bounds ?? [-Infinity, -Infinity, Infinity, Infinity];

  const report = useCallback((t: ViewTransform, source: ZoomSource) => {
    const prev = current.current;
    if (t.equals(prev)) return;
    current.current = t;
    handler.current(t, prev, source);
  }, []);

  // set up in a layout effect so that the owner's own layout effects can already set a view
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    let disposed = false;
    const held: { delta: number; clientX: number; clientY: number }[] = [];
    const attach = (m: ZoomModule) => {
      if (disposed || attached.current) return;
      el.removeEventListener('wheel', hold);
      const z = m.attachZoom(el, current.current, {
        scaleExtent: [lo, hi],
        translateExtent: [
          [bx0, by0],
          [bx1, by1],
        ],
        filter,
        wheelDelta,
        onZoom: (t, ev) => report(t, ev ? { ...pointOf(ev), programmatic: false } : (replaying.current ?? { programmatic: true })),
      });
      attached.current = z;
      for (const w of held.splice(0)) {
        replaying.current = { clientX: w.clientX, clientY: w.clientY, programmatic: false };
        z.scaleBy(2 ** w.delta, pointIn(el, w.clientX, w.clientY));
        replaying.current = null;
      }
      for (const op of pending.current.splice(0)) op(z);
    };
    const start = () => {
      if (attached.current) return;
      for (const type of GESTURE_STARTS) el.removeEventListener(type, start);
      loadZoom().then(attach, () => {
        // offline and never stored: the view keeps working without zoom; the next gesture retries
        held.length = 0;
        pending.current.length = 0;
        if (!disposed) for (const type of GESTURE_STARTS) el.addEventListener(type, start, { passive: true });
      });
    };
    function hold(ev: Event) {
      const w = ev as WheelEvent;
      if (!(w.ctrlKey || w.metaKey)) return;
      // the page must not zoom instead; the step is replayed once d3-zoom is there
      w.preventDefault();
      held.push({ delta: wheelDelta(w), clientX: w.clientX, clientY: w.clientY });
      start();
    }
    // A drag begun before d3-zoom arrives pans by itself to its end (d3 never saw its press), so
    // the first swipe on a slow connection is not lost; d3 then takes over from where it stopped.
    let drag: { id: number; x: number; y: number } | null = null;
    const dragMove = (ev: PointerEvent) => {
      if (!drag || ev.pointerId !== drag.id) return;
      const [x0, y0] = pointIn(el, drag.x, drag.y);
      const [x1, y1] = pointIn(el, ev.clientX, ev.clientY);
      drag.x = ev.clientX;
      drag.y = ev.clientY;
      const t = current.current;
      const moved = constrain(new ViewTransform(t.k, t.x + x1 - x0, t.y + y1 - y0), viewExtent(el), [
        [bx0, by0],
        [bx1, by1],
      ]);
      report(moved, { clientX: ev.clientX, clientY: ev.clientY, programmatic: false });
    };
    const dragEnd = (ev: PointerEvent) => {
      if (!drag || ev.pointerId !== drag.id) return;
      drag = null;
      window.removeEventListener('pointermove', dragMove);
      window.removeEventListener('pointerup', dragEnd);
      window.removeEventListener('pointercancel', dragEnd);
      attached.current?.set(current.current);
    };
    const dragStart = (e: Event) => {
      const ev = e as PointerEvent;
      if (attached.current || drag || !ev.isPrimary || !pressPans(el, ev)) return;
      drag = { id: ev.pointerId, x: ev.clientX, y: ev.clientY };
      window.addEventListener('pointermove', dragMove);
      window.addEventListener('pointerup', dragEnd);
      window.addEventListener('pointercancel', dragEnd);
    };
    kick.current = start;
    if (zoomModule) attach(zoomModule);
    else {
      el.addEventListener('wheel', hold, { passive: false });
      el.addEventListener('pointerdown', dragStart);
      for (const type of GESTURE_STARTS) el.addEventListener(type, start, { passive: true });
    }
    return () => {
      disposed = true;
      kick.current = null;
      el.removeEventListener('wheel', hold);
      el.removeEventListener('pointerdown', dragStart);
      window.removeEventListener('pointermove', dragMove);
      window.removeEventListener('pointerup', dragEnd);
      window.removeEventListener('pointercancel', dragEnd);
      for (const type of GESTURE_STARTS) el.removeEventListener(type, start);
      attached.current?.detach();
      attached.current = null;
    };
  }, [ref, lo, hi, bx0, by0, bx1, by1, report]);

  const scaleBy = useCallback(
    (factor: number) => {
      if (attached.current) attached.current.scaleBy(factor);
      else {
        pending.current.push((z) => z.scaleBy(factor));
        // a press on a button is a gesture too, though not on the element itself
        kick.current?.();
      }
    },
    [],
  );
  const set = useCallback(
    (t: ViewTransform) => {
      const el = ref.current;
      if (!el) return;
      // the gestures keep the bounds by themselves; a transform set by code gets them here
      const c = constrain(t, viewExtent(el), [
        [bx0, by0],
        [bx1, by1],
      ]);
      if (attached.current) attached.current.set(c);
      else report(c, { programmatic: true });
    },
    [ref, bx0, by0, bx1, by1, report],
  );
  const get = useCallback(() => current.current, []);
  return useMemo(() => ({ scaleBy, set, get }), [scaleBy, set, get]);
}
