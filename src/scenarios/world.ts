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
