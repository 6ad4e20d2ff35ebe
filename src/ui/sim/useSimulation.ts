/**
 * React side of the simulation: owns a SimController and the player (an XState actor, see
 * ../player/playerMachine.ts) that moves it through virtual time, and publishes a view of the
 * world that is recomputed only when the world changed (the controller's version moved).
 */
import { useActorRef, useSelector } from '@xstate/react';
import { useMemo, useRef, useState } from 'react';
import type { StepAction } from '../../sim/config.ts';
import type { WorldView } from '../../sim/view.ts';
import { viewOf } from '../../sim/view.ts';
import type { ViewLimits } from '../../sim/view.ts';
import type { Scenario } from '../../scenarios/index.ts';
import type { Pace } from '../player/pace.ts';
import type { PlayerActor, PlayerStatus } from '../player/playerMachine.ts';
import { playerMachine, statusOf } from '../player/playerMachine.ts';
import { errorText, ReplayError, SimController } from './controller.ts';
import type { JournalEntry, SimConfig } from './controller.ts';

/** The state diagram's motion, part of the engine's chunk: an embed's first picture needs none of it. */
export { useStage } from '../diagrams/useStage.ts';

/** What the page draws: the newest segments (sequence diagram) and events (event log). */
export const VIEW_LIMITS: ViewLimits = { segments: 200, events: 400 };

export interface SimState {
  view: WorldView;
  /** the clock shown: the world has run every event before it */
  displayTime: number;
  playing: boolean;
  status: PlayerStatus;
  speed: number;
  pace: Pace;
  /** playback pauses at each note */
  lesson: boolean;
  /** the note in force at the time shown (-1: none) */
  noteIndex: number;
  /** the furthest time reached in this run (the scrubber's end) */
  horizon: number;
  canStepBack: boolean;
  /** an action the user asked for that the world refused, or a scenario step that failed */
  error: string | null;
  /** the user's actions so far, with their times (for "Copy link") */
  journal: readonly JournalEntry[];
  /** the first of the initial actions (from the link) the world refused; then none of them was applied */
  replayError: ReplayError | null;
  /** bumps whenever the world's history is rewritten (see SimController.epoch) */
  epoch: number;
}

export interface SimControls {
  play(): void;
  pause(): void;
  toggle(): void;
  setSpeed(s: number): void;
  setPace(p: Pace): void;
  setLesson(on: boolean): void;
  step(): void;
  jumpToNextTimer(): void;
  back(): void;
  reset(): void;
  seek(t: number): void;
  /** the scrubber: start dragging, move, let go */
  seekStart(): void;
  seekTo(t: number): void;
  seekEnd(): void;
  /** lessons: continue to the next note / go back to the previous one */
  next(): void;
  prev(): void;
  perform(a: StepAction): boolean;
  /** new scenario (keepTime false) or new profile/knobs (keepTime true); false if refused */
  configure(c: SimConfig, keepTime: boolean): boolean;
  dismissError(): void;
}

export interface SimInit {
  t: number;
  speed: number;
  autoplay: boolean;
  actions?: readonly JournalEntry[];
  pace?: Pace;
  /** lesson mode as asked by the link; undefined = on when the scenario has notes */
  lesson?: boolean;
}

interface Boot {
  ctrl: SimController;
  userError: string | null;
  replayError: ReplayError | null;
}

function createController(config: SimConfig, t: number, actions: readonly JournalEntry[]): Boot {
  try {
    try {
      return { ctrl: new SimController(config, t, actions), userError: null, replayError: null };
    } catch (err) {
      if (!(err instanceof ReplayError)) throw err;
      // all or nothing: start again without any of the link's actions
      return { ctrl: new SimController(config, t), userError: null, replayError: err };
    }
  } catch (err) {
    return { ctrl: new SimController({ scenario: null, profile: config.profile, knobs: {} }), userError: errorText(err), replayError: null };
  }
}

export const noteTimes = (s: Scenario | null): readonly number[] => s?.notes.map((n) => n.at) ?? [];

export function useSimulation(config: SimConfig, init: SimInit): [SimState, SimControls, PlayerActor] {
  const [boot] = useState(() => createController(config, init.t, init.actions ?? []));
  const ctrl = boot.ctrl;
  const [userError, setUserError] = useState<string | null>(boot.userError);
  // the user's choice of lesson mode; null = the default (on when the scenario has notes)
  const lessonRef = useRef<boolean | null>(init.lesson ?? null);

  const player = useActorRef(playerMachine, {
    input: {
      ctrl,
      speed: init.speed,
      pace: init.pace ?? 'auto',
      lesson: init.lesson ?? noteTimes(config.scenario).length > 0,
      notes: noteTimes(config.scenario),
      autoplay: init.autoplay,
    },
  });
  const time = useSelector(player, (s) => s.context.time);
  const version = useSelector(player, (s) => s.context.version);
  const status = useSelector(player, statusOf);
  const speed = useSelector(player, (s) => s.context.speed);
  const pace = useSelector(player, (s) => s.context.pace);
  const lesson = useSelector(player, (s) => s.context.lesson);
  const noteIndex = useSelector(player, (s) => s.context.noteIndex);
  const horizon = useSelector(player, (s) => s.context.horizon);

  // a fresh view (new arrays, so memoized panels see the change) of recent history only:
  // the cost of a frame does not grow with the length of the run
  const view = useMemo(() => {
    void version;
    return viewOf(ctrl.world, VIEW_LIMITS);
  }, [ctrl, version]);
  // the journal only grows by hand actions and is cut when history is rewritten (epoch): copied
  // then, not on every world change (a link may carry thousands of actions)
  const journalLength = ctrl.actions.length;
  const epoch = ctrl.epoch;
  const journal = useMemo(() => {
    void journalLength;
    void epoch;
    return ctrl.actions.slice();
  }, [ctrl, journalLength, epoch]);

  const controls = useMemo<SimControls>(() => {
    const send = (type: 'PLAY' | 'PAUSE' | 'TOGGLE' | 'STEP' | 'BACK' | 'JUMP_TIMER' | 'SEEK_START' | 'SEEK_END' | 'NEXT' | 'PREV' | 'SYNC') => () => player.send({ type });
    /** Run a user request; a refusal (InputError) is shown on the page, never thrown. */
    const attempt = (f: () => void): boolean => {
      try {
        f();
        setUserError(null);
        return true;
      } catch (err) {
        setUserError(errorText(err));
        return false;
      } finally {
        player.send({ type: 'SYNC' });
      }
    };
    return {
      play: send('PLAY'),
      pause: send('PAUSE'),
      toggle: send('TOGGLE'),
      setSpeed: (s) => player.send({ type: 'SET_SPEED', speed: s }),
      setPace: (p) => player.send({ type: 'SET_PACE', pace: p }),
      setLesson: (on) => {
        lessonRef.current = on;
        player.send({ type: 'SET_LESSON', on });
      },
      step: send('STEP'),
      jumpToNextTimer: send('JUMP_TIMER'),
      back: send('BACK'),
      reset: () => {
        setUserError(null);
        player.send({ type: 'RESET' });
      },
      seek: (t) => player.send({ type: 'SEEK', t }),
      seekStart: send('SEEK_START'),
      seekTo: (t) => player.send({ type: 'SEEK_TO', t }),
      seekEnd: send('SEEK_END'),
      next: send('NEXT'),
      prev: send('PREV'),
      perform: (a) => {
        ctrl.advanceTo(player.getSnapshot().context.time); // the world acts at the time shown
        return attempt(() => ctrl.perform(a));
      },
      configure: (cfg, keepTime) => {
        let ok = false;
        attempt(() => {
          ctrl.reconfigure(cfg, keepTime);
          ok = true;
        });
        if (ok && !keepTime) {
          const notes = noteTimes(cfg.scenario);
          player.send({ type: 'LOAD', notes, lesson: lessonRef.current ?? notes.length > 0 });
        }
        return ok;
      },
      dismissError: () => {
        setUserError(null);
        ctrl.clearError();
        player.send({ type: 'SYNC' });
      },
    };
  }, [player, ctrl, lessonRef]);

  const state: SimState = {
    view,
    displayTime: time,
    playing: status === 'playing',
    status,
    speed,
    pace,
    lesson,
    noteIndex,
    horizon,
    canStepBack: ctrl.canStepBack || time > 1e-9,
    error: userError ?? ctrl.runError,
    journal,
    replayError: boot.replayError,
    epoch,
  };
  return [state, controls, player];
}
