/** Running packetdrill files: collecting `.pkt` paths, parsing, and the per-script result. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Profile } from '../tcp/knobs.ts';
import type { Engine } from '../tcp/stack/conn.ts';
import { PacketdrillSyntaxError, parseScript } from './parser.ts';
import type { RunResult } from './runner.ts';
import { runScript } from './runner.ts';

export interface FileResult extends RunResult {
  path: string;
  column?: number;
  /** seconds of real time spent on this file */
  elapsed: number;
}

/** Every `.pkt` under the given paths (folders recursively, sorted); a missing path throws. */
export function collectPkts(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string, top: boolean) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const n of readdirSync(p).sort()) walk(join(p, n), false);
    } else if (top || p.endsWith('.pkt')) out.push(p);
  };
  for (const p of paths) walk(p, true);
  return out;
}

export function runFile(path: string, profile: Profile, defines: ReadonlySet<string>, strict: boolean, engine: Engine = 'derived'): FileResult {
  const t0 = performance.now();
  const done = (r: Omit<FileResult, 'elapsed' | 'path'>): FileResult => ({ path, ...r, elapsed: (performance.now() - t0) / 1000 });
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return done({ status: 'fail', line: 1, message: `cannot read: ${(e as Error).message}`, ladder: [] });
  }
  try {
    const script = parseScript(text, path, defines);
    return done(runScript(script, { profile, strict, engine }));
  } catch (e) {
    if (e instanceof PacketdrillSyntaxError) return done({ status: 'fail', line: e.line, column: e.column, message: e.reason, ladder: [] });
    // A bug in the tool, not in the script: say so in one line (no stack trace in the report).
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return done({ status: 'fail', line: 1, message: `internal error: ${what}`, ladder: [] });
  }
}

/** The one-line report of DESIGN.md's Commands contract. */
export function resultLine(r: FileResult): string {
  if (r.status === 'pass') return `PASS ${r.path}`;
  if (r.status === 'skip') return `SKIP ${r.path}: unsupported ${r.message}`;
  return `FAIL ${r.path}:${r.line ?? 1}${r.column !== undefined ? `:${r.column}` : ''}: ${r.message}`;
}
