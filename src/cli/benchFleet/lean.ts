/**
 * The load of `fleet.lifecycles_per_s` (issue 9's goal): a lean World, one server, 1000 new
 * connections per virtual second, mixed closes (a leaking server among them, as in preset
 * close-wait-leak). Shared by the Node bench (bench-run.ts, per CPU second) and the browser
 * worker (worker.ts, per wall second in Chromium's engine, which the fleet page runs in).
 */
import type { LoadConfig } from '../../sim/load.ts';
import { World } from '../../sim/world.ts';

export const FLEET_LOAD: LoadConfig = {
  rate: 1000,
  clients: { 'closes-first': 0.6, waits: 0.3, aborts: 0.1 },
  servers: { 'close-first': 0.3, 'wait-close': 0.5, leak: 0.2 },
};

export interface LeanRun {
  /** connections opened */
  opened: number;
  /** virtual seconds run */
  virtual: number;
  /** wall seconds they took (by `clock`) */
  wallS: number;
}

/** Runs the load for up to `virtualS` virtual seconds or `capMs` of `clock` (ms), a virtual second at a time. */
export function leanRun(clock: () => number, virtualS: number, capMs: number): LeanRun {
  const w = new World({ seed: 1, load: FLEET_LOAD, lean: true });
  const t0 = clock();
  let t = 0;
  while (t < virtualS && clock() - t0 < capMs) w.runUntil(++t);
  return { opened: w.load!.opened, virtual: t, wallS: (clock() - t0) / 1000 };
}
