/**
 * The app's simulation without the engine in its first load. Until the engine's chunk is here the
 * page shows the build-time first picture of the scenario picked (the engine computed it:
 * firstPicturePlugin.ts), and its controls queue what is asked (useDeferredEngine.ts). Once the
 * engine is here, an invisible host component runs the real simulation (useSimulation.ts) and
 * hands each state up, so the page's own components never remount: no flash, no lost focus, and
 * a click that lands while the engine arrives still reaches its button.
 *
 * A link that needs the engine for its first picture (engineNeed.ts) fetched it before the first
 * render (main.tsx), so such a page starts live, exactly as before.
 */
import { memo, useLayoutEffect, useState } from 'react';
import type { ReactNode } from 'react';
import PICTURES from 'virtual:first-pictures';
import type { SimConfig } from './controller.ts';
import type { FirstPicture } from './firstPicture.ts';
import { useDeferredEngine } from './useDeferredEngine.ts';
import type { Engine } from './useDeferredEngine.ts';
import type { SimControls, SimInit, SimState } from './useSimulation.ts';
import { staticSim } from './staticSim.ts';

export interface DeferredSimulation {
  sim: SimState;
  controls: SimControls;
  /** render it anywhere in the page: it draws nothing, it runs the engine once it is here */
  host: ReactNode;
  /** the engine's chunk could not be fetched (shown with Try again) */
  engineError: unknown;
  /** fetch the engine (again) */
  want(): void;
}

/** The build-time picture of a fresh run of a library scenario or free play (undefined for any other). */
export function firstPictureOf(id: string): FirstPicture | undefined {
  return Object.hasOwn(PICTURES, id) ? PICTURES[id] : undefined;
}


/**
 * `pictureId`: the library id (or free play) whose first picture stands for the simulation until
 * the engine is live; when it names none (a scenario of the user's own), the last picture shown stays.
 */
export function useDeferredSimulation(config: SimConfig, init: SimInit, pictureId: string): DeferredSimulation {
  const picture = firstPictureOf(pictureId);
  const { engine, error, want, controls, attach } = useDeferredEngine(false);
  // the engine starts from the page's first configuration; what changed since is in the queue, replayed in order
  const [start] = useState(() => ({ config, init }));
  const [live, setLive] = useState<SimState | null>(null);
  const [shown, setShown] = useState(() => picture ?? PICTURES.free!);
  if (picture && picture !== shown && !live) setShown(picture);
  const lesson = init.lesson ?? (config.scenario?.notes.length ?? 0) > 0;
  const [still] = useState(() => new Map<FirstPicture, SimState>());
  let sim = live;
  if (!sim) {
    // one state object per picture, so memoized panels are left alone from render to render
    sim = still.get(shown) ?? staticSim(shown, init, lesson);
    still.set(shown, sim);
  }
  const host = engine ? <EngineHost engine={engine} config={start.config} init={start.init} attach={attach} publish={setLive} /> : null;
  return { sim, controls, host, engineError: error, want };
}

interface HostProps {
  engine: Engine;
  config: SimConfig;
  init: SimInit;
  attach: (c: SimControls) => void;
  publish: (s: SimState) => void;
}

/** Runs the live simulation and hands every state up before the browser paints; draws nothing. */
const EngineHost = memo(function EngineHost({ engine, config, init, attach, publish }: HostProps) {
  const [sim, controls] = engine.useSimulation(config, init);
  useLayoutEffect(() => publish(sim));
  // after the first state is handed up: what was asked while the engine loaded is done at once, in order
  useLayoutEffect(() => attach(controls), [attach, controls]);
  return null;
});
