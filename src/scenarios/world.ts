import type { ScheduledStep } from '../sim/config.ts';
import { World } from '../sim/world.ts';
import type { Profile } from '../tcp/knobs.ts';
import type { Engine } from '../tcp/stack/conn.ts';
import type { Scenario } from './types.ts';

export interface Overrides {
  profile?: Profile;
  set?: Readonly<Record<string, unknown>>;
  seed?: number;
  engine?: Engine;
}

/** A world that will play `sc`; command-line or URL overrides win over the file's own settings. */
export function createWorld(sc: Scenario, o: Overrides = {}): World {
  return new World({
    scenario: sc.id,
    profile: o.profile ?? sc.profile ?? 'linux',
    set: { ...(sc.set ?? {}), ...(o.set ?? {}) },
    seed: o.seed ?? sc.seed ?? 1,
    engine: o.engine,
    link: sc.link ?? {},
    steps: sc.steps as unknown as ScheduledStep[],
  });
}

/** Events one headless run may process; a run that needs more is cut with a message saying so. */
export const MAX_RUN_EVENTS = 1_000_000;

/**
 * Runs `w` to `until` seconds, processing at most `maxEvents` events. Returns null when the run
 * got there, or the message of where and why it was cut (the world is left at that point).
 */
export function runScenario(w: World, until: number, maxEvents = MAX_RUN_EVENTS): string | null {
  for (let n = 0; ; n++) {
    const next = w.nextEventAt();
    if (next === null || next > until) break;
    if (n >= maxEvents) return `run cut at ${w.now} s: more than ${maxEvents} events, the limit per run; give a shorter "until"`;
    w.step();
  }
  w.runUntil(until);
  return null;
}
