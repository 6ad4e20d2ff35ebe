/**
 * The issue's speed goal, measured the same way in Node and in a browser worker: 10 virtual
 * minutes of preset close-wait-leak at 1000 new connections per virtual second (its ulimit -n
 * of 1024 and all), lean samples (no `ss` lines). The run stops early after `capMs` of wall time
 * and then projects the 10 minutes from the virtual seconds it did (and says so).
 */
import { applyOverrides } from '../../fleet/overrides.ts';
import { preset } from '../../fleet/presets/index.ts';
import { FleetSim } from '../../fleet/sim.ts';

export interface TenMinutes {
  /** wall seconds for the 10 virtual minutes (projected when `virtualS` < 600) */
  wallS: number;
  virtualS: number;
  arrivals: number;
  closeWait: number;
}

export function tenMinutes(clock: () => number, capMs: number): TenMinutes {
  const cfg = applyOverrides(preset('close-wait-leak'), { rate: 1000, minutes: 10 });
  const sim = new FleetSim(cfg, { lean: true });
  const t0 = clock();
  let t = 0;
  while (t < 600 && clock() - t0 < capMs) sim.runUntil(++t);
  const dt = (clock() - t0) / 1000;
  return { wallS: (dt * 600) / t, virtualS: t, arrivals: sim.counters.Arrivals, closeWait: sim.samples.at(-1)!.states.CLOSE_WAIT };
}

export const describeRun = (r: TenMinutes): string =>
  `${r.virtualS === 600 ? 'measured' : `projected from ${r.virtualS} virtual s`}; ${r.arrivals} connections, CLOSE_WAIT ${r.closeWait} at the end`;
