/**
 * The player: an XState machine that drives the simulation controller (it never decides protocol
 * behaviour; the World does). States:
 *   idle     nothing played yet (start of a run)
 *   playing  the frame loop runs virtual time forward at the chosen pace
 *   note     a lesson is paused at one of its notes (Next continues, Previous goes back one)
 *   paused   stopped by the user, a step, a seek or step back
 *   seeking  the timeline scrubber is being dragged
 *   ended    nothing is scheduled and no note is ahead: the clock stops instead of running on
 * Guards and actions are named, as in the endpoint machine. Side effects on the controller happen
 * inside the actions that compute the context they produce, so a guard always sees the world as
 * the action left it.
 */
import { enqueueActions, fromCallback, setup } from 'xstate';
import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import type { PeerName } from '../../sim/types.ts';
import type { TcpState } from '../../tcp/states.ts';
import type { SimController } from '../sim/controller.ts';
import { nextStop, noteInForce, previousNote } from './notes.ts';
import type { Pace } from './pace.ts';
import { movesAt, playFrame } from './playback.ts';

export type PlayerStatus = 'idle' | 'playing' | 'note' | 'paused' | 'seeking' | 'ended';

export interface PlayerInput {
  ctrl: SimController;
  speed: number;
  pace: Pace;
  lesson: boolean;
  /** the scenario's note times, in order */
  notes: readonly number[];
  autoplay: boolean;
}

export interface PlayerContext {
  ctrl: SimController;
  /** the time shown */
  time: number;
  /** the controller's version when the context was last refreshed (changes when the world changes) */
  version: number;
  speed: number;
  pace: Pace;
  lesson: boolean;
  notes: readonly number[];
  /** the note in force at `time` (-1: none yet) */
  noteIndex: number;
  /** the furthest time reached in this run (the scrubber's end) */
  horizon: number;
  /** auto pace: real seconds before the next event may run */
  dwell: number;
  /** first segment that may still be on the wire */
  cursor: number;
  /** the last frame stopped at a lesson's note */
  hitStop: boolean;
  /** trace events already announced as `state` */
  announced: number;
  /** start playing once booted (the `autoplay=1` link); cleared when playback starts */
  autoplay: boolean;
}

export type PlayerEvent =
  | { type: 'TICK'; dt: number }
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'TOGGLE' }
  | { type: 'NEXT' }
  | { type: 'PREV' }
  | { type: 'STEP' }
  | { type: 'BACK' }
  | { type: 'JUMP_TIMER' }
  | { type: 'RESET' }
  | { type: 'SEEK'; t: number }
  | { type: 'SEEK_START' }
  | { type: 'SEEK_TO'; t: number }
  | { type: 'SEEK_END' }
  | { type: 'SET_SPEED'; speed: number }
  | { type: 'SET_PACE'; pace: Pace }
  | { type: 'SET_LESSON'; on: boolean }
  /** the world was changed outside the player (a user action, new knobs) */
  | { type: 'SYNC' }
  /** a new scenario was loaded into the controller */
  | { type: 'LOAD'; notes: readonly number[]; lesson: boolean };

/** What the player announces (for embeds and anything else that listens: `actor.on(type, fn)`). */
export type PlayerEmitted =
  | { type: 'status'; status: PlayerStatus; t: number }
  | { type: 'time'; t: number }
  | { type: 'state'; peer: PeerName; from: TcpState; to: TcpState; t: number }
  | { type: 'note'; index: number; t: number }
  | { type: 'ended'; t: number };

const EPS = 1e-9;

/** Whether an event is still waiting to run at (or before) `t`. */
const pendingAt = (ctrl: SimController, t: number): boolean => {
  const n = ctrl.world.nextEventAt();
  return n !== null && n <= t + EPS;
};

const lastNote = (c: PlayerContext): number => (c.notes.length ? c.notes[c.notes.length - 1]! : -Infinity);

/** The context after the world moved to `time`, and the state changes to announce. */
function refreshed(c: PlayerContext, time: number) {
  const w = c.ctrl.world;
  const tr = w.trace;
  // counts are of the whole run; the trace keeps its newest events (tr[0] is event number base)
  const base = w.eventCount - tr.length;
  const from = Math.max(0, Math.min(c.announced, w.eventCount) - base);
  const changes: PlayerEmitted[] = [];
  for (let i = from; i < tr.length; i++) {
    const e = tr[i]!;
    if (e.type === 'state') changes.push({ type: 'state', peer: e.peer, from: e.from, to: e.to, t: e.t });
  }
  return {
    patch: {
      time,
      version: c.ctrl.version,
      noteIndex: noteInForce(c.notes, time, pendingAt(c.ctrl, time)),
      horizon: Math.max(c.horizon, time),
      announced: w.eventCount,
    },
    changes,
  };
}

const ticker = fromCallback<PlayerEvent>(({ sendBack }) => {
  let raf = 0;
  let last = performance.now();
  const frame = (now: number) => {
    // a long gap (background tab, slow frame) counts as at most a quarter second
    const dt = Math.min(0.25, Math.max(0, (now - last) / 1000));
    last = now;
    sendBack({ type: 'TICK', dt });
    raf = requestAnimationFrame(frame);
  };
  raf = requestAnimationFrame(frame);
  return () => cancelAnimationFrame(raf);
});

/** The two things the actions below enqueue. */
interface Enqueue {
  assign(patch: Partial<PlayerContext>): void;
  emit(e: PlayerEmitted): void;
}

/** Apply a world change: new context, then the announcements it implies. */
function publish(c: PlayerContext, time: number, enqueue: Enqueue, extra: Partial<PlayerContext> = {}): void {
  const { patch, changes } = refreshed(c, time);
  enqueue.assign({ ...patch, ...extra });
  for (const ch of changes) enqueue.emit(ch);
  if (patch.time !== c.time) enqueue.emit({ type: 'time', t: patch.time });
}

/** After a jump in time (seek, step back): the pacing state starts afresh. */
const JUMPED = { dwell: 0, cursor: 0, hitStop: false } as const;

export const playerMachine = setup({
  types: {
    context: {} as PlayerContext,
    events: {} as PlayerEvent,
    input: {} as PlayerInput,
    emitted: {} as PlayerEmitted,
  },
  actors: { ticker },
  guards: {
    autoplay: ({ context }) => context.autoplay,
    reachedNote: ({ context }) => context.lesson && context.hitStop,
    atNoteInstant: ({ context: c }) => c.lesson && c.noteIndex >= 0 && Math.abs(c.notes[c.noteIndex]! - c.time) <= EPS,
    /** nothing scheduled, no note ahead, and every state-diagram chip has arrived */
    finished: ({ context: c }) => c.ctrl.world.nextEventAt() === null && c.time >= lastNote(c) - EPS && c.time >= movesAt(c.ctrl, c.time).until - EPS,
    hasWork: ({ context: c }) => c.ctrl.world.nextEventAt() !== null || c.time < lastNote(c) - EPS || c.time < movesAt(c.ctrl, c.time).until - EPS,
    started: ({ context }) => context.time > EPS,
  },
  actions: {
    advanceFrame: enqueueActions(({ context: c, event, enqueue }) => {
      if (event.type !== 'TICK') return;
      const stopAt = c.lesson ? nextStop(c.notes, c.time, pendingAt(c.ctrl, c.time)) : null;
      const r = playFrame(c.ctrl, c, event.dt, { speed: c.speed, pace: c.pace, stopAt });
      publish(c, r.time, enqueue, { dwell: r.dwell, cursor: r.cursor, hitStop: r.stopped });
    }),
    clearStop: enqueueActions(({ enqueue }) => enqueue.assign({ hitStop: false, autoplay: false })),
    step: enqueueActions(({ context: c, enqueue }) => {
      c.ctrl.advanceTo(c.time);
      c.ctrl.step();
      publish(c, c.ctrl.now, enqueue, JUMPED);
    }),
    stepBack: enqueueActions(({ context: c, enqueue }) => {
      c.ctrl.back(c.time);
      publish(c, c.ctrl.now, enqueue, JUMPED);
    }),
    jumpToNextTimer: enqueueActions(({ context: c, enqueue }) => {
      c.ctrl.advanceTo(c.time);
      c.ctrl.jumpToNextTimer();
      publish(c, c.ctrl.now, enqueue, JUMPED);
    }),
    seekTo: enqueueActions(({ context: c, event, enqueue }) => {
      if (event.type !== 'SEEK' && event.type !== 'SEEK_TO') return;
      const t = Math.max(0, event.t);
      c.ctrl.seek(t);
      publish(c, c.ctrl.now, enqueue, JUMPED);
    }),
    seekPreviousNote: enqueueActions(({ context: c, enqueue }) => {
      const i = previousNote(c.notes, c.time);
      const t = i >= 0 ? c.notes[i]! : 0;
      if (i < 0 && c.time <= EPS) return;
      c.ctrl.seek(t);
      publish(c, c.ctrl.now, enqueue, JUMPED);
    }),
    seekNextNote: enqueueActions(({ context: c, enqueue }) => {
      const t = nextStop(c.notes, c.time, pendingAt(c.ctrl, c.time));
      if (t === null) return;
      c.ctrl.seek(t);
      publish(c, c.ctrl.now, enqueue, JUMPED);
    }),
    reset: enqueueActions(({ context: c, enqueue }) => {
      c.ctrl.reset();
      publish({ ...c, announced: 0, horizon: 0 }, 0, enqueue, { ...JUMPED, horizon: 0 });
    }),
    /** the world changed outside the player: show it as it is now */
    sync: enqueueActions(({ context: c, enqueue }) => {
      publish(c, Math.max(c.time, c.ctrl.now), enqueue);
    }),
    load: enqueueActions(({ context: c, event, enqueue }) => {
      if (event.type !== 'LOAD') return;
      const next = { ...c, notes: event.notes, lesson: event.lesson, announced: c.ctrl.world.eventCount, horizon: 0 };
      publish(next, c.ctrl.now, enqueue, { ...JUMPED, notes: event.notes, lesson: event.lesson, horizon: c.ctrl.now });
    }),
    setSpeed: enqueueActions(({ event, enqueue }) => {
      if (event.type === 'SET_SPEED') enqueue.assign({ speed: event.speed });
    }),
    setPace: enqueueActions(({ event, enqueue }) => {
      if (event.type === 'SET_PACE') enqueue.assign({ pace: event.pace, dwell: 0 });
    }),
    setLesson: enqueueActions(({ event, enqueue }) => {
      if (event.type === 'SET_LESSON') enqueue.assign({ lesson: event.on });
    }),
    /** a lesson starting at a note at 0 shows that note's instant (its events run) */
    openFirstNote: enqueueActions(({ context: c, enqueue }) => {
      if (!c.lesson || c.notes[0] === undefined || c.notes[0] > c.time + EPS) return;
      c.ctrl.advanceTo(c.time);
      publish(c, c.time, enqueue);
    }),
    announceStatus: enqueueActions(({ context, enqueue }, params: { status: PlayerStatus }) => enqueue.emit({ type: 'status', status: params.status, t: context.time })),
    announceNote: enqueueActions(({ context, enqueue }) => enqueue.emit({ type: 'note', index: context.noteIndex, t: context.time })),
    announceEnded: enqueueActions(({ context, enqueue }) => enqueue.emit({ type: 'ended', t: context.time })),
  },
}).createMachine({
  id: 'player',
  context: ({ input }) => ({
    ctrl: input.ctrl,
    time: input.ctrl.now,
    version: input.ctrl.version,
    speed: input.speed,
    pace: input.pace,
    lesson: input.lesson,
    notes: input.notes,
    noteIndex: noteInForce(input.notes, input.ctrl.now, pendingAt(input.ctrl, input.ctrl.now)),
    horizon: input.ctrl.now,
    dwell: 0,
    cursor: 0,
    hitStop: false,
    announced: input.ctrl.world.eventCount,
    autoplay: input.autoplay,
  }),
  initial: 'boot',
  on: {
    STEP: { target: '.settle', actions: 'step' },
    BACK: { target: '.settle', actions: 'stepBack' },
    JUMP_TIMER: { target: '.settle', actions: 'jumpToNextTimer' },
    SEEK: { target: '.settle', actions: 'seekTo' },
    SEEK_START: { target: '.seeking' },
    PREV: { target: '.settle', actions: 'seekPreviousNote' },
    RESET: { target: '.boot', actions: 'reset' },
    LOAD: { target: '.boot', actions: 'load' },
    SET_SPEED: { actions: 'setSpeed' },
    SET_PACE: { actions: 'setPace' },
    SET_LESSON: { actions: 'setLesson' },
    SYNC: { actions: 'sync' },
  },
  states: {
    /** where a fresh run starts: playing (autoplay), at its first note, part-way (a link's t=), or idle */
    boot: {
      entry: 'openFirstNote',
      always: [{ guard: 'autoplay', target: 'playing' }, { guard: 'atNoteInstant', target: 'note' }, { guard: 'started', target: 'paused' }, { target: 'idle' }],
    },
    idle: {
      entry: { type: 'announceStatus', params: { status: 'idle' } },
      on: { PLAY: 'playing', TOGGLE: 'playing', NEXT: 'playing' },
    },
    playing: {
      entry: ['clearStop', { type: 'announceStatus', params: { status: 'playing' } }],
      invoke: { src: 'ticker' },
      always: [
        { guard: 'reachedNote', target: 'note' },
        { guard: 'finished', target: 'ended' },
      ],
      on: {
        TICK: { actions: 'advanceFrame' },
        PAUSE: 'paused',
        TOGGLE: 'paused',
        NEXT: { target: 'settle', actions: 'seekNextNote' },
      },
    },
    note: {
      entry: ['announceNote', { type: 'announceStatus', params: { status: 'note' } }],
      on: { PLAY: 'playing', TOGGLE: 'playing', NEXT: 'playing' },
    },
    paused: {
      entry: { type: 'announceStatus', params: { status: 'paused' } },
      on: { PLAY: 'playing', TOGGLE: 'playing', NEXT: 'playing' },
    },
    seeking: {
      entry: { type: 'announceStatus', params: { status: 'seeking' } },
      on: { SEEK_TO: { actions: 'seekTo' }, SEEK_END: 'settle' },
    },
    ended: {
      entry: ['announceEnded', { type: 'announceStatus', params: { status: 'ended' } }],
      on: {
        PLAY: { guard: 'hasWork', target: 'playing' },
        TOGGLE: { guard: 'hasWork', target: 'playing' },
        NEXT: { guard: 'hasWork', target: 'playing' },
        SYNC: { guard: 'hasWork', target: 'paused', actions: 'sync' },
      },
    },
    /** after a jump in time: at a lesson's note, at the end, or paused */
    settle: {
      always: [{ guard: 'atNoteInstant', target: 'note' }, { guard: 'finished', target: 'ended' }, { target: 'paused' }],
    },
  },
});

export type PlayerActor = ActorRefFrom<typeof playerMachine>;
export type PlayerSnapshot = SnapshotFrom<typeof playerMachine>;

/** The status shown to the page (`data-status`): the transient states are never visible. */
export function statusOf(s: PlayerSnapshot): PlayerStatus {
  const v = s.value as string;
  return v === 'boot' ? 'idle' : v === 'settle' ? 'paused' : (v as PlayerStatus);
}
