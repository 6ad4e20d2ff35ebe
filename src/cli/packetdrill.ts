/**
 * npm run packetdrill -- [--profile linux|rfc9293] [--define SYMBOL]... [--strict] [--json] [--verbose] [--engine derived|xstate] PATH...
 * Runs each .pkt (folders recursively) against the model; see DESIGN.md "Commands".
 */
import { collectPkts, resultLine, runFile } from '../packetdrill/files.ts';
import type { FileResult } from '../packetdrill/files.ts';
import type { Profile } from '../tcp/knobs.ts';
import { PROFILES, isProfile } from '../tcp/knobs.ts';
import type { Engine } from '../tcp/stack/conn.ts';
import { ENGINES, isEngine } from '../tcp/stack/conn.ts';
import { internalErrorText, quietOnClosedPipe } from './pipe.ts';

const USAGE = 'usage: npm run packetdrill -- [--profile linux|rfc9293] [--define SYMBOL]... [--strict] [--json] [--verbose] [--engine derived|xstate] PATH...';

function usage(msg: string): never {
  process.stderr.write(`packetdrill: ${msg}\n${USAGE}\n`);
  process.exit(2);
}

function main(argv: string[]): void {
  let profile: Profile = 'linux';
  const defines = new Set<string>();
  let strict = false;
  let json = false;
  let verbose = false;
  let engine: Engine = 'derived';
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (name: string): string => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) usage(`${name} needs a value`);
      return v;
    };
    if (a === '--profile' || a.startsWith('--profile=')) {
      const v = value('--profile');
      if (!isProfile(v)) usage(`unknown profile "${v}"; allowed: ${PROFILES.join(', ')}`);
      profile = v;
    } else if (a === '--engine' || a.startsWith('--engine=')) {
      const v = value('--engine');
      if (!isEngine(v)) usage(`unknown engine "${v}"; allowed: ${ENGINES.join(', ')}`);
      engine = v;
    } else if (a === '--define' || a.startsWith('--define=')) {
      const v = value('--define');
      if (!/^[A-Za-z_]\w*$/.test(v)) usage(`--define: "${v}" is not a symbol name`);
      defines.add(v);
    } else if (a === '--strict') strict = true;
    else if (a === '--json') json = true;
    else if (a === '--verbose') verbose = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a === '--') continue;
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else paths.push(a);
  }
  if (paths.length === 0) usage('no PATH given');
  let files: string[];
  try {
    files = collectPkts(paths);
  } catch (e) {
    usage(`cannot read ${(e as NodeJS.ErrnoException).path ?? ''}: ${(e as Error).message}`);
  }
  const results: FileResult[] = [];
  for (const f of files) {
    const r = runFile(f, profile, defines, strict, engine);
    results.push(r);
    if (!json) {
      process.stdout.write(`${resultLine(r)}\n`);
      if (verbose && r.status === 'fail' && r.ladder.length) process.stdout.write(r.ladder.map((l) => `    ${l}\n`).join(''));
    }
  }
  const passed = results.filter((r) => r.status === 'pass').length;
  const failed = results.filter((r) => r.status === 'fail').length;
  const skipped = results.filter((r) => r.status === 'skip').length;
  if (json) {
    const out = {
      profile,
      defines: [...defines],
      strict,
      results: results.map((r) => ({
        path: r.path,
        status: r.status,
        ...(r.line !== undefined && r.status === 'fail' ? { line: r.line } : {}),
        ...(r.column !== undefined ? { column: r.column } : {}),
        ...(r.message !== undefined ? { message: r.message } : {}),
        line_text: resultLine(r),
        ...(verbose && r.status === 'fail' ? { ladder: r.ladder } : {}),
      })),
      passed,
      failed,
      skipped,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
  process.exitCode = failed > 0 ? 1 : 0;
}

quietOnClosedPipe();
try {
  main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`packetdrill: ${internalErrorText(e)}\n`);
  process.exitCode = 70;
}
