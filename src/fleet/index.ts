/** The fleet layer's public face: presets, overrides, the simulation and its readouts. */
export type { FleetConfig, Mix, Change, ClientBehaviour, AppMode } from './config.ts';
export { APP_MODES, CLIENT_BEHAVIOURS } from './config.ts';
export { FleetSim } from './sim.ts';
export type { FleetOptions } from './sim.ts';
export type { Sample } from './sample.ts';
export { PRESET_IDS, isPresetId, preset } from './presets/index.ts';
export type { PresetId } from './presets/index.ts';
export { parsePreset } from './validate.ts';
export { applyOverrides } from './overrides.ts';
export { knobsJson, resolveFleetKnobs, TW_RECYCLE_NOTE } from './knobs.ts';
export { fillNote } from './narrate.ts';
export { AWK_ONE_LINER, awkOutput, ssSummary, ssCloseWait, exporterLines } from './readouts.ts';

import type { FleetSim } from './sim.ts';
import { knobsJson } from './knobs.ts';
import type { Sample } from './sample.ts';
import { TCP_STATES } from '../tcp/states.ts';

/** DESIGN.md "Fleet" JSON: exactly the contract's fields, every state in every sample. */
export function fleetJson(sim: FleetSim): { preset: string; seed: number; knobs: Record<string, number | string>; samples: Pick<Sample, 't' | 'states' | 'fds' | 'errors'>[] } {
  return {
    preset: sim.cfg.id,
    seed: sim.cfg.seed,
    knobs: knobsJson(sim.knobs),
    samples: sim.samples.map((s) => ({
      t: s.t,
      states: Object.fromEntries(TCP_STATES.map((st) => [st, s.states[st]])) as Sample['states'],
      fds: s.fds,
      errors: { EMFILE: s.errors.EMFILE, EADDRNOTAVAIL: s.errors.EADDRNOTAVAIL, ListenOverflows: s.errors.ListenOverflows },
    })),
  };
}
