/**
 * Checkpoints for seeking back: world snapshots taken as the clock runs, from which any past
 * instant is recomputed exactly (determinism) by replaying forward.
 *
 * Their number is bounded (a memory budget): one is taken every `spacing` events; when there
 * are more than MAX, every other one is dropped (the first, at t = 0, always stays) and the
 * spacing doubles. So a run of any length keeps at most MAX snapshots, spread over all of it,
 * and a seek replays at most about 2 × spacing events from the nearest one.
 */
import type { World, WorldSnapshot } from '../../sim/world.ts';

export interface Checkpoint {
  snap: WorldSnapshot;
  /** the user's actions taken before it */
  journalLen: number;
  time: number;
  /** events recorded before it */
  events: number;
}

const MAX = 64;
const FIRST_SPACING = 4000;

export class Checkpoints {
  private list: Checkpoint[] = [];
  private spacing = FIRST_SPACING;

  get size(): number {
    return this.list.length;
  }

  /** Always takes one (a start, or a point the caller must be able to return to). */
  take(w: World, journalLen: number): void {
    this.list.push({ snap: w.snapshot(), journalLen, time: w.now, events: w.eventCount });
    if (this.list.length > MAX) this.thin();
  }

  /** Takes one if enough has happened since the last. */
  maybeTake(w: World, journalLen: number): void {
    const last = this.list[this.list.length - 1];
    if (!last || w.eventCount - last.events >= this.spacing) this.take(w, journalLen);
  }

  /** The latest checkpoint at or before `t` seconds. */
  atOrBefore(t: number): Checkpoint | undefined {
    let best: Checkpoint | undefined;
    for (const c of this.list) if (c.time <= t && (!best || c.time >= best.time)) best = c;
    return best;
  }

  /** After going back in time: forget checkpoints of a future that no longer is. */
  prune(w: World, journalLen: number): void {
    const events = w.eventCount;
    const t = w.now;
    this.list = this.list.filter((c) => c.events <= events && c.time <= t && c.journalLen <= journalLen);
    if (this.list.length === 0) this.take(w, journalLen);
  }

  clear(): void {
    this.list = [];
    this.spacing = FIRST_SPACING;
  }

  private thin(): void {
    this.list = this.list.filter((_, i) => i === 0 || i % 2 === 1 || i === this.list.length - 1);
    this.spacing *= 2;
  }
}
