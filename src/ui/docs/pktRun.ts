/**
 * A packetdrill script run in the page: the CLI's parser and runner (src/packetdrill), fed text
 * instead of a file. Pure; the result is the CLI's own (PASS, FAIL at a line with the reason, or
 * SKIP for an unsupported construct) plus the runner's ladder of what was sent and received and
 * its recorded steps (for the pictures).
 */
import { PacketdrillSyntaxError, parseScript } from '../../packetdrill/parser.ts';
import { runScript } from '../../packetdrill/runner.ts';
import type { RunStep } from '../../packetdrill/record.ts';
import type { Profile } from '../../tcp/knobs.ts';

export interface PktResult {
  status: 'pass' | 'fail' | 'skip';
  line?: number;
  column?: number;
  message?: string;
  ladder: string[];
  /** the run step by step, for drawing it (absent when the script did not parse) */
  steps?: RunStep[];
}

export function runPkt(text: string, profile: Profile, name = 'script.pkt'): PktResult {
  try {
    const script = parseScript(text, name, new Set());
    return runScript(script, { profile, record: true });
  } catch (e) {
    if (e instanceof PacketdrillSyntaxError) return { status: 'fail', line: e.line, column: e.column, message: e.reason, ladder: [] };
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { status: 'fail', line: 1, message: `internal error: ${what}`, ladder: [] };
  }
}

/** The one-line verdict, worded as the CLI prints it. */
export function verdictLine(r: PktResult, name: string): string {
  if (r.status === 'pass') return `PASS ${name}`;
  if (r.status === 'skip') return `SKIP ${name}: unsupported ${r.message ?? ''}`;
  return `FAIL ${name}:${r.line ?? 1}${r.column !== undefined ? `:${r.column}` : ''}: ${r.message ?? ''}`;
}
