/**
 * npm run conformance: runs the third-party packetdrill suites of ../shared/conformance
 * against the model and prints the state x event table of the tcp-testsuite README.
 * Fails on any failure not listed in conformance/expected-failures.txt, and on a
 * listed failure that now passes (a stale entry).
 * `--engine derived|xstate` picks how connections are stepped (default derived).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileResult } from '../packetdrill/files.ts';
import { collectPkts, resultLine, runFile } from '../packetdrill/files.ts';
import { SEGMENT_KINDS as KINDS, SUITE_STATES as STATES, cellOf } from '../packetdrill/suite.ts';
import type { Profile } from '../tcp/knobs.ts';
import type { Engine } from '../tcp/stack/conn.ts';
import { ENGINES, isEngine } from '../tcp/stack/conn.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = resolve(root, '../shared/conformance');
const expectedFile = join(root, 'conformance/expected-failures.txt');

interface Suite {
  name: string;
  dir: string;
  profile: Profile;
  define: string;
}

const SUITES: Suite[] = [
  { name: 'tcp-testsuite', dir: 'tcp-testsuite', profile: 'rfc9293', define: 'STANDARD' },
  { name: 'packetdrill-linux', dir: 'packetdrill-linux', profile: 'linux', define: 'Linux' },
];

function readExpected(): Map<string, string> {
  const m = new Map<string, string>();
  if (!existsSync(expectedFile)) return m;
  readFileSync(expectedFile, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const hash = line.indexOf('#');
      const path = (hash >= 0 ? line.slice(0, hash) : line).trim();
      const reason = hash >= 0 ? line.slice(hash + 1).trim() : '';
      if (!reason) throw new Error(`${relative(root, expectedFile)}:${i + 1}: an expected failure needs a reason: "path  # reason"`);
      m.set(path, reason);
    });
  return m;
}

function table(results: FileResult[], base: string): string {
  const cells = new Map<string, { pass: number; total: number }>();
  for (const r of results) {
    const folder = relative(base, r.path).split(/[\\/]/).slice(-2)[0] ?? '';
    const c = cellOf(folder);
    if (!c) continue;
    const key = `${c.state}|${c.kind}`;
    const v = cells.get(key) ?? { pass: 0, total: 0 };
    v.total++;
    if (r.status === 'pass') v.pass++;
    cells.set(key, v);
  }
  const header = ['state \\ segment', ...KINDS.map((k) => k.toUpperCase())];
  const rows = STATES.map((s) => [s.toUpperCase(), ...KINDS.map((k) => {
    const v = cells.get(`${s}|${k}`);
    return v ? `${v.pass}/${v.total}` : '-';
  })]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [fmt(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(fmt)].join('\n');
}

function engineArg(argv: readonly string[]): Engine {
  let engine: Engine = 'derived';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') continue;
    const v = a === '--engine' ? argv[++i] : a.startsWith('--engine=') ? a.slice('--engine='.length) : null;
    if (v === null) {
      process.stderr.write(`conformance: unknown argument ${a}\nusage: npm run conformance -- [--engine ${ENGINES.join('|')}]\n`);
      process.exit(2);
    }
    if (!isEngine(v)) {
      process.stderr.write(`conformance: unknown engine "${v ?? ''}"; allowed: ${ENGINES.join(', ')}\n`);
      process.exit(2);
    }
    engine = v;
  }
  return engine;
}

function main(): void {
  const engine = engineArg(process.argv.slice(2));
  if (!existsSync(shared)) {
    process.stdout.write(`conformance: ${shared} not found; nothing to run\n`);
    return;
  }
  const t0 = performance.now();
  let expected: Map<string, string>;
  try {
    expected = readExpected();
  } catch (e) {
    process.stderr.write(`conformance: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const s of SUITES) {
    const dir = join(shared, s.dir);
    if (!existsSync(dir)) {
      process.stdout.write(`${s.name}: ${dir} not found; skipped\n`);
      continue;
    }
    const files = collectPkts([dir]);
    const results = files.map((f) => runFile(f, s.profile, new Set([s.define]), false, engine));
    const passed = results.filter((r) => r.status === 'pass').length;
    const failed = results.filter((r) => r.status === 'fail').length;
    const skipped = results.filter((r) => r.status === 'skip').length;
    process.stdout.write(`\n== ${s.name} (--profile ${s.profile} --define ${s.define}) ==\n`);
    if (s.name === 'tcp-testsuite') process.stdout.write(`${table(results, dir)}\n`);
    for (const r of results) {
      const rel = relative(shared, r.path);
      seen.add(rel);
      const why = expected.get(rel);
      if (r.status === 'fail' && why) process.stdout.write(`XFAIL ${rel}  # ${why}\n`);
      else if (r.status === 'fail') {
        process.stdout.write(`${resultLine({ ...r, path: rel })}\n`);
        problems.push(`unexpected failure: ${rel}`);
      } else if (why) {
        process.stdout.write(`XPASS ${rel}\n`);
        problems.push(`stale expected failure (now ${r.status === 'pass' ? 'passes' : 'skipped'}): ${rel}`);
      } else if (r.status === 'skip') process.stdout.write(`${resultLine({ ...r, path: rel })}\n`);
    }
    process.stdout.write(`${s.name}: ${passed} passed, ${failed} failed (${results.filter((r) => r.status === 'fail' && expected.has(relative(shared, r.path))).length} expected), ${skipped} skipped\n`);
  }
  for (const p of expected.keys()) if (!seen.has(p)) problems.push(`expected failure names a script that does not exist: ${p}`);
  process.stdout.write(`\ntotal wall time ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
  if (problems.length) {
    process.stdout.write(`\nconformance FAILED:\n${problems.map((p) => `  ${p}\n`).join('')}`);
    process.exitCode = 1;
  } else process.stdout.write('conformance OK\n');
}

main();
