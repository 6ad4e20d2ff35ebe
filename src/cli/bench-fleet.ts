/**
 * The fleet's figures for `npm run bench` (DESIGN.md "Engine and bench"):
 * - fleet.page_connections_per_s: the FleetSim of the fleet page and CLI, preset close-wait-leak at 1000 new connections per virtual second
 *   (descriptors unlimited, so every connection is accepted and lives its life), per wall second;
 * - fleet.page_ten_minutes_wall_s: the wall time 10 virtual minutes of that load take at this rate;
 * - fleet.page_bytes_per_connection: heap per idle ESTABLISHED connection of a fleet (server end,
 *   client end and the fleet's bookkeeping), samples without `ss` lines.
 */
import { performance } from 'node:perf_hooks';
import { applyOverrides } from '../fleet/overrides.ts';
import { preset } from '../fleet/presets/index.ts';
import { FleetSim } from '../fleet/sim.ts';
import { parsePreset } from '../fleet/validate.ts';

function lifecyclesPerSecond(wallSeconds: number): { perSecond: number; virtualSeconds: number } {
  const cfg = applyOverrides(preset('close-wait-leak'), { rate: 1000, minutes: 10, set: { ulimit_n: 1_048_576 } });
  const sim = new FleetSim(cfg, { lean: true });
  const t0 = performance.now();
  let t = 0;
  while (performance.now() - t0 < wallSeconds * 1000 && t < 600) sim.runUntil(++t);
  const dt = (performance.now() - t0) / 1000;
  return { perSecond: sim.counters.Arrivals / dt, virtualSeconds: t };
}

function bytesPerConnection(count: number): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  const measure = () => {
    gc?.();
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const cfg = parsePreset({
    id: 'idle',
    title: { en: 'idle', 'zh-CN': '空闲' },
    rate: count,
    minutes: 2 / 60,
    mix: { clients: { 'well-behaved': 1 }, app: { 'wait-close': 1 } },
    set: { ulimit_n: 1_048_576 },
    server: { request_bytes: 1, response_bytes: 1 },
    clients: { hold: 86400, give_up: 86400 },
  });
  const before = measure();
  const sim = new FleetSim(cfg, { lean: true });
  sim.run();
  const after = measure();
  const n = sim.samples.at(-1)!.states.ESTABLISHED;
  if (n < count * 0.9) throw new Error(`only ${n} connections established`);
  return (after - before) / n;
}

export function fleetFigures(): string[] {
  const lc = lifecyclesPerSecond(8);
  const bytes = bytesPerConnection(10_000);
  return [
    `fleet.page_connections_per_s: ${lc.perSecond.toFixed(0)} new connections simulated per wall second (preset close-wait-leak at 1000/s, ${lc.virtualSeconds} virtual s)`,
    `fleet.page_ten_minutes_wall_s: ${(600_000 / lc.perSecond).toFixed(1)} wall seconds for 10 virtual minutes of that load (projected)`,
    `fleet.page_bytes_per_connection: ${bytes.toFixed(0)} bytes of heap per idle ESTABLISHED connection (both ends and the fleet's bookkeeping)`,
  ];
}
