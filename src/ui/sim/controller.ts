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
import { Checkpoints } from './checkpoints.ts';

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

const MAX_HISTORY = 2000;
/**
 * The browser's world keeps only recent history (bounded memory at any length of run); what the
 * page draws is within it, and anything older is recomputed from checkpoints.
 */
export const RETAIN = { events: 1000, segments: 400 } as const;
/** Events run between two looks at whether a checkpoint is due. */
const CHECK_EVERY = 512;
export function buildWorld(c: SimConfig): World {
  const s = c.scenario;
  return new World({
    scenario: s?.id ?? 'free',
    profile: c.profile,
    set: { ...(s?.set ?? {}), ...c.knobs },
    seed: s?.seed ?? 1,
    link: s?.link ?? {},
    steps: (s?.steps ?? []) as unknown as ScheduledStep[],
    retain: RETAIN,
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
  private checkpoints = new Checkpoints();

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
    this.checkpoints.take(this.world, 0);
    // No snapshot per action: checkpoints come by the amount of history, as when playing.
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
      this.checkpoints.maybeTake(this.world, this.journal.length);
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
  /** how many checkpoints are kept (bounded, whatever the length of the run) */
  get checkpointCount(): number {
    return this.checkpoints.size;
  }
  /** Step back is possible after a step or action (exact undo) and from any instant after 0 (previous event). */
  get canStepBack(): boolean {
    return this.history.length > 0 || this.world.now > 1e-9;
  }

  /** Run every event up to `t` (never backwards). Errors in scripted steps are reported, not thrown. */
  advanceTo(t: number): void {
    const before = this.world.eventCount;
    for (let guard = 0; guard < 100; guard++) {
      try {
        this.runWithCheckpoints(t);
        break;
      } catch (e) {
        this.runError = errorText(e);
        this.version++;
      }
    }
    if (this.world.eventCount !== before) this.version++;
  }

  /** world.runUntil(t), taking checkpoints on the way (a long jump keeps seeking back cheap). */
  private runWithCheckpoints(t: number): void {
    const w = this.world;
    for (let n = 1; ; n++) {
      const next = w.nextEventAt();
      if (next === null || next > t) break;
      w.step();
      if (n % CHECK_EVERY === 0) this.checkpoints.maybeTake(w, this.journal.length);
    }
    w.runUntil(t);
    this.checkpoints.maybeTake(w, this.journal.length);
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
    this.checkpoints.maybeTake(this.world, this.journal.length);
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
    this.checkpoints.maybeTake(this.world, this.journal.length);
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
    this.checkpoints.prune(this.world, this.journal.length);
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
    const best = this.checkpoints.atOrBefore(t);
    if (!best) return;
    const journal = this.journal.slice();
    this.epoch++;
    this.world.restore(best.snap);
    this.journal.length = best.journalLen;
    this.checkpoints.prune(this.world, this.journal.length);
    // the user's actions between the checkpoint and t are replayed at their times
    for (let i = best.journalLen; i < journal.length && journal[i]!.at <= t; i++) {
      const j = journal[i]!;
      this.advanceTo(j.at);
      this.world.perform(j.action);
      this.journal.push(j);
    }
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
    this.checkpoints.clear();
    this.runError = null;
    this.checkpoints.take(this.world, 0);
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
    this.checkpoints.clear();
    this.journal = [];
    this.runError = null;
    this.checkpoints.take(this.world, 0);
    for (const j of journal) {
      if (j.at > t) break;
      this.advanceTo(j.at);
      try {
        this.world.perform(j.action);
        this.journal.push(j);
        this.checkpoints.maybeTake(this.world, this.journal.length);
      } catch (e) {
        this.runError = errorText(e);
      }
    }
    this.advanceTo(t);
    this.version++;
  }
}
