/**
 * Command-line (and page) overrides on top of a preset: knobs, mix, rate, minutes, seed.
 * All of them are checked before the result is returned; an error names the option and field.
 */
import { InputError } from '../tcp/knobs.ts';
import type { FleetConfig } from './config.ts';
import { mergeMix } from './config.ts';
import { resolveFleetKnobs } from './knobs.ts';
import { FleetInputError } from './problems.ts';
import { checkMix, MAX_MINUTES, MAX_RATE } from './validate.ts';

export interface Overrides {
  set?: Record<string, string | number>;
  /** JSON text or a parsed value: { "clients": {...}, "app": {...} } */
  mix?: unknown;
  rate?: string | number;
  minutes?: string | number;
  seed?: string | number;
}

function number(v: string | number, where: string, min: number, max: number, integer = false): number {
  const n = typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new FleetInputError(where, { code: 'number', integer, min, max, got: JSON.stringify(v) });
  }
  return n;
}

export function applyOverrides(cfg: FleetConfig, o: Overrides, names = { set: '--set', mix: '--mix', rate: '--rate', minutes: '--minutes', seed: '--seed' }): FleetConfig {
  const out: FleetConfig = { ...cfg, set: { ...cfg.set } };
  if (o.set) {
    resolveFleetKnobs({ ...cfg.set, ...o.set }, names.set);
    Object.assign(out.set, o.set);
  }
  if (o.mix !== undefined) {
    let v = o.mix;
    if (typeof v === 'string') {
      try {
        v = JSON.parse(v);
      } catch (e) {
        throw new InputError(names.mix, `not JSON: ${e instanceof Error ? e.message : String(e)}; expected {"clients": {...}, "app": {...}}`);
      }
    }
    out.mix = mergeMix(cfg.mix, checkMix(v, names.mix));
  }
  if (o.rate !== undefined) out.rate = number(o.rate, names.rate, 0, MAX_RATE);
  if (o.minutes !== undefined) out.minutes = number(o.minutes, names.minutes, 1 / 60, MAX_MINUTES);
  if (o.seed !== undefined) out.seed = number(o.seed, names.seed, 0, 2 ** 32 - 1, true);
  return out;
}
