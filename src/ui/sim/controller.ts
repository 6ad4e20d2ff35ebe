/**
 * The simulation controller: owns one World and everything needed to move it
 * forward, take user actions, step back exactly (snapshots) and jump to a past
 * instant (checkpoints + replay). Plain TypeScript, no React, unit-tested.
 */
import type { ScheduledStep, StepAction } from '../../sim/config.ts';
import type { WorldSnapshot } from '../../sim/world.ts';
import { World } from '../../sim/world.ts';
import type { Profile } from '../../tcp/knobs.ts';
import type { Scenario } from '../../scenarios/index.ts';

export interface SimConfig {
  scenario: Scenario | null;
  profile: Profile;
  /** user overrides on top of the scenario's `set` */
  knobs: Readonly<Record<string, number>>;
}

/** A user action and the virtual time (seconds) it was taken at. */
export interface JournalEntry {
  at: number;
  action: StepAction;
}

/** A user action given to the constructor (from a link) that could not be replayed. */
export class ReplayError extends Error {
  constructor(
    readonly index: number,
    readonly entry: JournalEntry,
    readonly detail: string,
  ) {
    super(`action ${index} at ${entry.at} s: ${detail}`);
    this.name = 'ReplayError';
  }
}
interface Mark {
  snap: WorldSnapshot;
  journalLen: number;
}
interface Checkpoint extends Mark {
  time: number;
  traceLen: number;
}

const MAX_HISTORY = 2000;

export function buildWorld(c: SimConfig): World {
  const s = c.scenario;
  return new World({
    scenario: s?.id ?? 'free',
    profile: c.profile,
    set: { ...(s?.set ?? {}), ...c.knobs },
    seed: s?.seed ?? 1,
    link: s?.link ?? {},
    steps: (s?.steps ?? []) as unknown as ScheduledStep[],
  });
}

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class SimController {
  world: World;
  /** bumps on every change of the world (not on mere clock advance without events) */
  version = 0;
  /** bumps whenever history is rewritten (step back, seek back, reset, new configuration): drawings kept across frames start afresh */
  epoch = 0;
  /** the last problem the world reported while running (e.g. a scenario step that was not valid) */
  runError: string | null = null;
  private journal: JournalEntry[] = [];
  private history: Mark[] = [];
  private checkpoints: Checkpoint[] = [];

  /**
   * A world for `config`, with the user's `actions` replayed at their times (as taken by hand:
   * the clock is run up to each action's time, then the action is performed), then run to `t`.
   * An action the world refuses, or one later than `t` or earlier than the one before it,
   * throws ReplayError; nothing is kept of the attempt (the caller builds again without them).
   */
  constructor(
    private config: SimConfig,
    t = 0,
    actions: readonly JournalEntry[] = [],
  ) {
    this.world = buildWorld(config);
    this.checkpoint();
    actions.forEach((j, i) => {
      if (!(j.at >= this.world.now)) throw new ReplayError(i, j, `earlier than the action before it (${this.world.now} s)`);
      if (j.at > t) throw new ReplayError(i, j, `later than the time t = ${t} s`);
      this.advanceTo(j.at);
      try {
        this.world.perform(j.action);
      } catch (e) {
        throw new ReplayError(i, j, errorText(e));
      }
      this.journal.push({ at: this.world.now, action: j.action });
      this.checkpoint();
    });
    if (t > 0) this.advanceTo(t);
  }

  /** The user's actions so far (what a link must carry to reproduce the world), oldest first. */
  get actions(): readonly JournalEntry[] {
    return this.journal;
  }

  get now(): number {
    return this.world.now;
  }
  /** Step back is possible after a step or action (exact undo) and from any instant after 0 (previous event). */
  get canStepBack(): boolean {
    return this.history.length > 0 || this.world.now > 1e-9;
  }

  /** Run every event up to `t` (never backwards). Errors in scripted steps are reported, not thrown. */
  advanceTo(t: number): void {
    const before = this.world.trace.length;
    for (let guard = 0; guard < 100; guard++) {
      try {
        this.world.runUntil(t);
        break;
      } catch (e) {
        this.runError = errorText(e);
        this.version++;
      }
    }
    if (this.world.trace.length !== before) this.version++;
  }

  /**
   * Playback: process the next event if it is due by `limit`, without remembering the
   * present (playback is undone by seeking, not by the undo history). Returns whether one ran.
   */
  runNext(limit: number): boolean {
    const at = this.world.nextEventAt();
    if (at === null || at > limit) return false;
    this.forgetMarks();
    try {
      this.world.step();
    } catch (e) {
      this.runError = errorText(e);
    }
    this.version++;
    return true;
  }

  /** Playback moved on: the undo marks belong to a past it left behind (back() then seeks instead). */
  forgetMarks(): void {
    this.history = [];
  }

  /** Remember the present so `back()` can return to it. */
  mark(): void {
    this.history.push({ snap: this.world.snapshot(), journalLen: this.journal.length });
    if (this.history.length > MAX_HISTORY) this.history.shift();
  }

  /** A user action now; throws the world's InputError unchanged (the world is left as it was). */
  perform(action: StepAction): void {
    this.mark();
    try {
      this.world.perform(action);
    } catch (e) {
      this.history.pop();
      throw e;
    }
    this.journal.push({ at: this.world.now, action });
    this.checkpoint();
    this.version++;
  }

  /** Process the next event; returns false when nothing is scheduled. */
  step(): boolean {
    if (this.world.nextEventAt() === null) return false;
    this.mark();
    try {
      this.world.step();
    } catch (e) {
      this.runError = errorText(e);
    }
    this.version++;
    return true;
  }

  jumpToNextTimer(): boolean {
    const t = this.world.nextTimerAt();
    if (t === null) return false;
    this.mark();
    this.advanceTo(t);
    this.version++;
    return true;
  }

  /**
   * Restore the state before the last action/step/jump; with no such mark (after playback, after
   * opening a link with `t=`), move to the previous event: the latest instant before `now` at
   * which the trace records something (0 if none). False if already at the start.
   */
  back(now = this.world.now): boolean {
    const m = this.history.pop();
    if (!m) {
      const t = this.previousEventTime(now);
      if (t === null) return false;
      this.seek(t);
      this.history.pop(); // seek's own mark would undo this step back
      return true;
    }
    this.world.restore(m.snap);
    this.journal.length = m.journalLen;
    this.pruneCheckpoints();
    this.version++;
    this.epoch++;
    return true;
  }

  /** The latest trace time strictly before `now`, 0 when nothing happened before it, null at the start. */
  previousEventTime(now: number): number | null {
    const tr = this.world.trace;
    for (let i = tr.length - 1; i >= 0; i--) if (tr[i]!.t < now - 1e-9) return tr[i]!.t;
    return now > 1e-9 ? 0 : null;
  }

  /** Move the clock to a past instant `t` (≤ now): the latest checkpoint before it, then replay. */
  seek(t: number): void {
    if (t >= this.world.now) {
      this.mark();
      this.advanceTo(t);
      return;
    }
    this.mark();
    let best: Checkpoint | undefined;
    for (const c of this.checkpoints) if (c.time <= t && (!best || c.time >= best.time)) best = c;
    if (!best) return;
    this.epoch++;
    this.world.restore(best.snap);
    this.journal.length = best.journalLen;
    this.pruneCheckpoints();
    this.advanceTo(t);
    this.version++;
  }

  clearError(): void {
    this.runError = null;
    this.version++;
  }

  /** Start over with the same configuration. */
  reset(): void {
    this.world = buildWorld(this.config);
    this.journal = [];
    this.history = [];
    this.checkpoints = [];
    this.runError = null;
    this.checkpoint();
    this.version++;
    this.epoch++;
  }

  /**
   * New profile or knobs: validate by building first (a bad config throws and changes nothing),
   * then replay the user's actions up to the current time.
   */
  reconfigure(config: SimConfig, keepTime: boolean): void {
    const w = buildWorld(config);
    const t = keepTime ? this.world.now : 0;
    const journal = keepTime ? this.journal : [];
    this.epoch++;
    this.config = config;
    this.world = w;
    this.history = [];
    this.checkpoints = [];
    this.journal = [];
    this.runError = null;
    this.checkpoint();
    for (const j of journal) {
      if (j.at > t) break;
      this.advanceTo(j.at);
      try {
        this.world.perform(j.action);
        this.journal.push(j);
        this.checkpoint();
      } catch (e) {
        this.runError = errorText(e);
      }
    }
    this.advanceTo(t);
    this.version++;
  }

  private checkpoint(): void {
    this.checkpoints.push({ snap: this.world.snapshot(), journalLen: this.journal.length, time: this.world.now, traceLen: this.world.trace.length });
  }

  private pruneCheckpoints(): void {
    const n = this.world.trace.length;
    const t = this.world.now;
    this.checkpoints = this.checkpoints.filter((c) => c.traceLen <= n && c.time <= t && c.journalLen <= this.journal.length);
    if (this.checkpoints.length === 0) this.checkpoint();
  }
}
