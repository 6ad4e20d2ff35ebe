/**
 * The app and the embed draw their first picture before the engine is here (the picture was
 * computed at build time by the engine itself: firstPicturePlugin.ts) and fetch the engine's
 * chunk (the protocol stack, the world, XState and the player) on the first sign of use: the
 * pointer over the page, focus or a key in it, a touch, a file dragged in, a command from an
 * embed's host, Play, or autoplay once the frame is visible. A docs page with several embeds
 * thus loads no engine until its reader acts, and the app's first load carries none of it.
 *
 * Until the engine is live, the controls queue what is asked of them (the first click is never
 * lost) and replay it, in order, on the live controls the moment they exist. The control that
 * asked carries `aria-busy="true"` meanwhile (app.css shows it when the wait is long enough to see).
 */
import { useEffect, useState } from 'react';
import type { SimControls } from './useSimulation.ts';

export type Engine = typeof import('./useSimulation.ts');

let pending: Promise<Engine> | null = null;
/** the engine once its chunk is here (a page whose link needs it at once fetched it before its first render: main.tsx) */
let loaded: Engine | null = null;
/** The engine's chunk; a failed fetch is not remembered, so asking again retries. */
export function loadEngine(): Promise<Engine> {
  pending ??= import('./useSimulation.ts').then(
    (e) => (loaded = e),
    (e: unknown) => {
      pending = null;
      throw e;
    },
  );
  return pending;
}

type Call = (c: SimControls) => unknown;

export interface DeferredEngine {
  engine: Engine | null;
  /** fetching the engine failed (shown with Try again) */
  error: unknown;
  /** the first sign of use: fetch the engine (again, after a failure) */
  want(): void;
  /** controls that act on the live simulation, or queue until it is live */
  controls: SimControls;
  /** the live simulation's controls, from the component that runs it; replays the queue */
  attach(live: SimControls): void;
}

const SIGNS = ['pointerover', 'pointerdown', 'focusin', 'keydown', 'touchstart', 'wheel', 'dragenter'] as const;

/** The control a queued call came from (the element just pressed, else the focused one): shown busy until the engine replays it. */
function markBusy(): Element | null {
  const el = (lastPressed?.isConnected ? lastPressed : document.activeElement)?.closest('button, select, input, [role="slider"]') ?? null;
  el?.setAttribute('aria-busy', 'true');
  return el;
}
let lastPressed: Element | null = null;
const remember = (e: Event) => {
  if (e.target instanceof Element) lastPressed = e.target;
};

/** The queue and the fetch, outside React: controls keep one identity for the page's life. */
class Deferred {
  live: SimControls | null = null;
  private queue: Call[] = [];
  private busy = new Set<Element>();
  private asked = false;
  private onEngine: (e: Engine) => void = () => {};
  private onError: (e: unknown) => void = () => {};

  /** where the engine (or the failure to fetch it) is reported */
  listen(onEngine: (e: Engine) => void, onError: (e: unknown) => void): void {
    this.onEngine = onEngine;
    this.onError = onError;
  }

  want = (): void => {
    if (this.asked) return;
    this.asked = true;
    loadEngine().then(
      (e) => this.onEngine(e),
      (e: unknown) => {
        this.asked = false;
        this.unbusy();
        this.onError(e);
      },
    );
  };

  private call =
    <K extends keyof SimControls>(k: K, queued: ReturnType<SimControls[K]>) =>
    (...args: Parameters<SimControls[K]>): ReturnType<SimControls[K]> => {
      const c = this.live;
      if (c) return (c[k] as (...a: Parameters<SimControls[K]>) => ReturnType<SimControls[K]>)(...args);
      this.queue.push((l) => (l[k] as (...a: Parameters<SimControls[K]>) => unknown)(...args));
      if (typeof document !== 'undefined') {
        const el = markBusy();
        if (el) this.busy.add(el);
      }
      this.want();
      return queued;
    };

  readonly controls: SimControls = {
    play: this.call('play', undefined),
    pause: this.call('pause', undefined),
    toggle: this.call('toggle', undefined),
    setSpeed: this.call('setSpeed', undefined),
    setPace: this.call('setPace', undefined),
    setLesson: this.call('setLesson', undefined),
    step: this.call('step', undefined),
    jumpToNextTimer: this.call('jumpToNextTimer', undefined),
    back: this.call('back', undefined),
    reset: this.call('reset', undefined),
    seek: this.call('seek', undefined),
    seekStart: this.call('seekStart', undefined),
    seekTo: this.call('seekTo', undefined),
    seekEnd: this.call('seekEnd', undefined),
    next: this.call('next', undefined),
    prev: this.call('prev', undefined),
    // a queued action or configuration is judged when it is replayed (its error shows then)
    perform: this.call('perform', true),
    configure: this.call('configure', true),
    dismissError: this.call('dismissError', undefined),
  };

  private unbusy(): void {
    for (const el of this.busy) el.removeAttribute('aria-busy');
    this.busy.clear();
  }

  attach = (c: SimControls): void => {
    this.live = c;
    const q = this.queue;
    this.queue = [];
    for (const f of q) f(c);
    this.unbusy();
  };
}

export function useDeferredEngine(startAtOnce: boolean): DeferredEngine {
  const [engine, setEngine] = useState<Engine | null>(() => loaded);
  const [error, setError] = useState<unknown>(null);
  const [d] = useState(() => new Deferred());

  useEffect(() => {
    d.listen((e) => {
      setError(null);
      setEngine(e);
    }, setError);
    if (startAtOnce) d.want();
  }, [d, startAtOnce]);

  // the reader's first sign of use anywhere in the frame; after a failed fetch only Try again or a
  // control asks again (offline, every pointer move would otherwise start a fetch bound to fail, and
  // a success while the reader aims at Try again would pull the button from under the pointer)
  useEffect(() => {
    if (engine || error !== null) return;
    for (const s of SIGNS) addEventListener(s, d.want, { passive: true, capture: true });
    addEventListener('pointerdown', remember, { passive: true, capture: true });
    return () => {
      for (const s of SIGNS) removeEventListener(s, d.want, { capture: true });
      removeEventListener('pointerdown', remember, { capture: true });
    };
  }, [engine, error, d]);

  return { engine, error, want: d.want, controls: d.controls, attach: d.attach };
}
