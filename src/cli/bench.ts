/**
 * `npm run bench`: bundles the benchmark (bench-run.ts) with esbuild and runs
 * the bundle in a fresh Node, so the figures are those of built code (tsx
 * wraps every closure in `__name()`, which costs ~16 %). No pass/fail.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'node_modules/.cache/tcp-state-sim-bench');
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, 'bench.mjs');
await build({ entryPoints: [join(root, 'src/cli/bench-run.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', minify: true, outfile, logLevel: 'warning' });
const r = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = r.status ?? 1;

// ---- the fleet (src/fleet): bundled too, with the browser worker's script ----
const fleetOut = join(outDir, 'bench-fleet.mjs');
const workerOut = join(outDir, 'bench-fleet-worker.js');
await build({ entryPoints: [join(root, 'src/cli/bench-fleet.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', minify: true, external: ['playwright-core'], outfile: fleetOut, logLevel: 'warning' });
await build({ entryPoints: [join(root, 'src/cli/benchFleet/worker.ts')], bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, outfile: workerOut, logLevel: 'warning' });
const fleet = spawnSync(process.execPath, ['--expose-gc', fleetOut], { stdio: 'inherit', env: { ...process.env, FLEET_BENCH_MAIN: '1', FLEET_BENCH_WORKER: workerOut } });
if (fleet.status !== 0) process.exitCode = fleet.status ?? 1;
