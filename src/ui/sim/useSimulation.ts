/**
 * React side of the simulation: owns a SimController, drives the virtual clock
 * with requestAnimationFrame (real dt × speed), and publishes a view that is
 * recomputed only when the world changed (its version moved).
 */
import { useEffect, useMemo, useState } from 'react';
import type { StepAction } from '../../sim/config.ts';
import type { WorldView } from '../../sim/view.ts';
import { viewOf } from '../../sim/view.ts';
import type { ViewLimits } from '../../sim/view.ts';
import { errorText, ReplayError, SimController } from './controller.ts';
import type { JournalEntry, SimConfig } from './controller.ts';

export interface SimState {
  view: WorldView;
  /** the clock shown: the world has run every event up to it */
  displayTime: number;
  playing: boolean;
  speed: number;
  canStepBack: boolean;
  /** an action the user asked for that the world refused, or a scenario step that failed */
  error: string | null;
  /** the user's actions so far, with their times (for "Copy link") */
  journal: readonly JournalEntry[];
  /** the first of the initial actions (from the link) the world refused; then none of them was applied */
  replayError: ReplayError | null;
}

export interface SimControls {
  play(): void;
  pause(): void;
  toggle(): void;
  setSpeed(s: number): void;
  step(): void;
  jumpToNextTimer(): void;
  back(): void;
  reset(): void;
  seek(t: number): void;
  perform(a: StepAction): boolean;
  /** new scenario (keepTime false) or new profile/knobs (keepTime true); false if refused */
  configure(c: SimConfig, keepTime: boolean): boolean;
  dismissError(): void;
}

/** What the page draws: the newest segments (sequence diagram) and events (event log). */
const VIEW_LIMITS: ViewLimits = { segments: 200, events: 400 };

interface Published {
  version: number;
  view: WorldView;
  time: number;
  canStepBack: boolean;
  error: string | null;
  journal: readonly JournalEntry[];
}

/** Mutable holder living in state: the controller and the clock's fast-changing numbers. */
class Engine {
  last: Published | null = null;
  constructor(
    readonly ctrl: SimController,
    public time: number,
    public speed: number,
    public userError: string | null,
    readonly replayError: ReplayError | null = null,
  ) {}
  setTime(t: number): void {
    this.time = t;
  }
  setSpeed(s: number): void {
    this.speed = s;
  }
  setUserError(e: string | null): void {
    this.userError = e;
  }
  setLast(p: Published): void {
    this.last = p;
  }
}

function publish(e: Engine): Published {
  const c = e.ctrl;
  const prev = e.last;
  const changed = !prev || prev.version !== c.version;
  // a fresh view (new arrays, so memoized panels see the change) of recent history only:
  // the cost of a frame does not grow with the length of the run
  const view = changed ? viewOf(c.world, VIEW_LIMITS) : prev.view;
  const error = e.userError ?? c.runError;
  const journal = changed ? c.actions.slice() : prev.journal;
  const next: Published = { version: c.version, view, time: e.time, canStepBack: c.canStepBack, error, journal };
  if (prev && !changed && prev.time === next.time && prev.canStepBack === next.canStepBack && prev.error === error) return prev;
  e.setLast(next);
  return next;
}

function createEngine(config: SimConfig, t: number, speed: number, actions: readonly JournalEntry[]): Engine {
  let ctrl: SimController;
  let userError: string | null = null;
  let replayError: ReplayError | null = null;
  try {
    try {
      ctrl = new SimController(config, t, actions);
    } catch (err) {
      if (!(err instanceof ReplayError)) throw err;
      // all or nothing: start again without any of the link's actions
      replayError = err;
      ctrl = new SimController(config, t);
    }
  } catch (err) {
    ctrl = new SimController({ scenario: null, profile: config.profile, knobs: {} });
    userError = errorText(err);
  }
  return new Engine(ctrl, ctrl.now, speed, userError, replayError);
}

export function useSimulation(
  config: SimConfig,
  init: { t: number; speed: number; autoplay: boolean; actions?: readonly JournalEntry[] },
): [SimState, SimControls] {
  const [engine] = useState(() => createEngine(config, init.t, init.speed, init.actions ?? []));
  const [pub, setPub] = useState(() => publish(engine));
  const [playing, setPlaying] = useState(init.autoplay);
  const [speed, setSpeedState] = useState(init.speed);

  // The frame loop: only while playing.
  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    let last = performance.now();
    const frame = (now: number) => {
      const dt = Math.min(0.25, Math.max(0, (now - last) / 1000));
      last = now;
      const t = engine.time + dt * engine.speed;
      engine.ctrl.advanceTo(t);
      engine.setTime(t);
      setPub(publish(engine));
      raf = requestAnimationFrame(frame);
    };
    raf = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(raf);
  }, [playing, engine]);

  const controls = useMemo<SimControls>(() => {
    const c = engine.ctrl;
    const sync = () => {
      engine.setTime(engine.ctrl.now);
      setPub(publish(engine));
    };
    const stop = () => setPlaying(false);
    const act = (f: () => unknown) => () => {
      stop();
      f();
      sync();
    };
    /** Run a user request; a refusal (InputError) is shown on the page, never thrown. */
    const attempt = (f: () => void): boolean => {
      try {
        f();
        engine.setUserError(null);
        return true;
      } catch (err) {
        engine.setUserError(errorText(err));
        return false;
      } finally {
        sync();
      }
    };
    return {
      play: () => setPlaying(true),
      pause: stop,
      toggle: () => setPlaying((p) => !p),
      setSpeed: (s) => {
        engine.setSpeed(s);
        setSpeedState(s);
      },
      step: act(() => c.step()),
      jumpToNextTimer: act(() => c.jumpToNextTimer()),
      back: act(() => c.back()),
      reset: act(() => {
        c.reset();
        engine.setUserError(null);
      }),
      seek: (t) => act(() => c.seek(t))(),
      perform: (a) => {
        c.advanceTo(engine.time); // the world acts at the time shown
        return attempt(() => c.perform(a));
      },
      configure: (cfg, keepTime) =>
        attempt(() => {
          c.reconfigure(cfg, keepTime);
          if (!keepTime) stop();
        }),
      dismissError: () => {
        engine.setUserError(null);
        c.clearError();
        sync();
      },
    };
  }, [engine]);

  const state: SimState = { view: pub.view, displayTime: pub.time, playing, speed, canStepBack: pub.canStepBack, error: pub.error, journal: pub.journal, replayError: engine.replayError };
  return [state, controls];
}
