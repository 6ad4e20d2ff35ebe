/**
 * `npm run fuzz [-- --inputs N --seed S] [--surface NAME]... [--corpus DIR]... [--limit-ms MS]`
 * Feeds N generated inputs (default 100000) to each input surface and prints, per surface,
 * DESIGN.md's line `fuzz.<surface>: <N> inputs, <n> clean errors, <n> accepted, <n> crashes,
 * <n> over time`, then the shrunk counterexample of each crash or slow input.
 * Exit status 1 if anything crashed or ran over time.
 */
import { parseArgs, UsageError } from './args.ts';
import { fuzz, reportLine } from './fuzz/harness.ts';
import type { FuzzOptions, FuzzReport, Surface } from './fuzz/harness.ts';
import { surfaces } from './fuzz/surfaces.ts';
import { runCli } from './run.ts';

const USAGE = 'usage: npm run fuzz -- [--inputs N] [--seed S] [--surface NAME]... [--corpus DIR]... [--limit-ms MS]';

function int(name: string, v: string | undefined, dflt: number, min: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name}: expected an integer >= ${min}, got ${JSON.stringify(v)}`);
  return n;
}

function main(argv: string[]): number {
  const a = parseArgs(argv, { values: ['inputs', 'seed', 'limit-ms'], repeat: ['surface', 'corpus'], flags: ['help'] });
  if (a.flags.has('help')) {
    console.log(USAGE);
    return 0;
  }
  if (a.positional.length) throw new UsageError(`unexpected argument ${JSON.stringify(a.positional[0])}`);
  const o: FuzzOptions = {
    inputs: int('inputs', a.values.inputs, 100_000, 1),
    seed: int('seed', a.values.seed, 1, 0),
    limitMs: int('limit-ms', a.values['limit-ms'], 2000, 1),
  };
  const all = surfaces(['tests/packetdrill', ...(a.lists.corpus ?? [])]);
  const wanted = a.lists.surface ?? [];
  for (const w of wanted) if (!all.some((s) => s.name === w)) throw new UsageError(`--surface: unknown surface ${JSON.stringify(w)}; allowed: ${all.map((s) => s.name).join(', ')}`);
  const chosen = wanted.length ? all.filter((s) => wanted.includes(s.name)) : all;

  const reports: FuzzReport[] = [];
  for (const s of chosen) {
    const r = fuzz(s.make() as Surface<unknown>, o);
    reports.push(r);
    console.log(reportLine(r));
  }
  for (const r of reports) {
    for (const f of r.failures) console.log(`\n${r.surface} ${f.kind}: ${f.detail}\n  input (shrunk, seed ${o.seed}): ${f.input}`);
  }
  return reports.some((r) => r.crashes > 0 || r.overTime > 0) ? 1 : 0;
}

runCli('fuzz', USAGE, main);
