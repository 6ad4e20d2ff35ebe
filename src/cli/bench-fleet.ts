/**
 * The fleet's figures for `npm run bench` (DESIGN.md "Engine and bench"), run bundled by bench.ts:
 * - fleet.ten_minutes_wall_s: wall seconds for 10 virtual minutes of preset close-wait-leak at
 *   1000 new connections per virtual second (the issue's goal: ≤ 10 s), in Node;
 * - fleet.sim_ten_minutes_cpu_s: the same run's CPU seconds (the figure to compare on a shared machine);
 * - fleet.worker_ten_minutes_wall_s: the same run in a Web Worker of Chromium (the fleet page
 *   runs its simulation in one); the worker script is bundled by bench.ts (FLEET_BENCH_WORKER);
 * - fleet.worker_lifecycles_per_s: fleet.lifecycles_per_s's load (benchFleet/lean.ts) in that
 *   worker, per wall second: the engine as the browser runs it (Node's figure is bench-run.ts's);
 * - fleet.page_connections_per_s: the FleetSim of the fleet page and CLI, preset close-wait-leak at 1000 new connections per virtual second
 *   (descriptors unlimited, so every connection is accepted and lives its life), per wall second;
 * - fleet.page_ten_minutes_wall_s: the wall time 10 virtual minutes of that load take at this rate;
 * - fleet.page_bytes_per_connection: memory (heap and typed arrays, benchMemory.ts) per idle ESTABLISHED connection of a fleet (server end,
 *   client end and the fleet's bookkeeping), samples without `ss` lines.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { describeRun, tenMinutes } from './benchFleet/measure.ts';
import { describeMemory, memoryNow, perItem } from './benchMemory.ts';
import type { TenMinutes } from './benchFleet/measure.ts';
import type { LeanRun } from './benchFleet/lean.ts';
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

function bytesPerConnection(count: number): ReturnType<typeof perItem> {
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
  const before = memoryNow();
  const sim = new FleetSim(cfg, { lean: true });
  sim.run();
  const after = memoryNow();
  const n = sim.samples.at(-1)!.states.ESTABLISHED;
  if (n < count * 0.9) throw new Error(`only ${n} connections established`);
  return perItem(before, after, n);
}

/** wall time each ten-minute run may take before it is projected instead */
const CAP_MS = Number(process.env.FLEET_BENCH_CAP_MS ?? 60_000);

/** Runs in a Web Worker of Chromium (a page of its own origin, served from memory): the ten-minute run, or the lean load (`lean`: virtual seconds). */
async function inWorker(workerJs: string, lean?: number): Promise<TenMinutes | LeanRun> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    const origin = 'http://fleet-bench.invalid';
    await page.route(`${origin}/**`, (r) =>
      r.request().url().endsWith('/worker.js') ? r.fulfill({ contentType: 'text/javascript', body: workerJs }) : r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>fleet bench</title>' }),
    );
    await page.goto(`${origin}/`);
    return (await page.evaluate(
      ({ capMs, lean }) =>
        new Promise((resolve, reject) => {
          const w = new Worker('/worker.js');
          w.onmessage = (e) => resolve(e.data);
          w.onerror = (e) => reject(new Error(e.message));
          w.postMessage(lean === undefined ? { capMs } : { capMs, lean });
        }),
      { capMs: CAP_MS, lean },
    )) as TenMinutes | LeanRun;
  } finally {
    await browser.close();
  }
}

export async function fleetFigures(workerJs: string | null): Promise<string[]> {
  const c0 = process.cpuUsage();
  const node = tenMinutes(() => performance.now(), CAP_MS);
  const c = process.cpuUsage(c0);
  // CPU seconds: what the run costs, whatever else the machine is doing (wall time is not, when it is shared)
  const cpuS = (((c.user + c.system) / 1e6) * 600) / node.virtualS;
  const out = [
    `fleet.ten_minutes_wall_s: ${node.wallS.toFixed(1)} wall seconds in Node for 10 virtual minutes of close-wait-leak at 1000 new connections/s (${describeRun(node)})`,
    `fleet.sim_ten_minutes_cpu_s: ${cpuS.toFixed(1)} CPU seconds of the Node process for the same run (${node.virtualS === 600 ? 'measured' : 'projected'})`,
  ];
  if (workerJs) {
    const w = (await inWorker(workerJs)) as TenMinutes;
    out.push(`fleet.worker_ten_minutes_wall_s: ${w.wallS.toFixed(1)} wall seconds in a Chromium Web Worker, same run (${describeRun(w)})`);
    const l = (await inWorker(workerJs, 600)) as LeanRun;
    out.push(
      `fleet.worker_lifecycles_per_s: ${(l.opened / l.wallS).toFixed(0)} connection lifecycles per wall second in a Chromium Web Worker (fleet.lifecycles_per_s's lean World and load; ${l.opened} connections over ${l.virtual} virtual s${l.virtual < 600 ? `, stopped at the ${CAP_MS / 1000} s cap` : ''})`,
    );
  }
  const lc = lifecyclesPerSecond(8);
  const bytes = bytesPerConnection(10_000);
  return [
    ...out,
    `fleet.page_connections_per_s: ${lc.perSecond.toFixed(0)} new connections simulated per wall second (preset close-wait-leak at 1000/s, ${lc.virtualSeconds} virtual s)`,
    `fleet.page_ten_minutes_wall_s: ${(600_000 / lc.perSecond).toFixed(1)} wall seconds for 10 virtual minutes of that load, descriptors unlimited (projected)`,
    `fleet.page_bytes_per_connection: ${describeMemory(bytes)} per idle ESTABLISHED connection (both ends and the fleet's bookkeeping)`,
  ];
}

if (process.env.FLEET_BENCH_MAIN === '1') {
  const worker = process.env.FLEET_BENCH_WORKER;
  for (const line of await fleetFigures(worker ? readFileSync(worker, 'utf8') : null)) console.log(line);
}
