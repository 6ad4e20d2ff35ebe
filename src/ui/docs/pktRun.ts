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
import type { Reason } from '../../packetdrill/reasons.ts';
import type { Lang } from '../i18n/index.ts';
import { VERDICT_WORDS, pktReason } from './pktReasons.ts';

export interface PktResult {
  status: 'pass' | 'fail' | 'skip';
  line?: number;
  column?: number;
  message?: string;
  /** why it failed or was skipped, as data (translated by pktReason) */
  reason?: Reason;
  ladder: string[];
  /** the run step by step, for drawing it (absent when the script did not parse) */
  steps?: RunStep[];
}

export function runPkt(text: string, profile: Profile, name = 'script.pkt'): PktResult {
  try {
    const script = parseScript(text, name, new Set());
    return runScript(script, { profile, record: true });
  } catch (e) {
    if (e instanceof PacketdrillSyntaxError) return { status: 'fail', line: e.line, column: e.column, message: e.reason, reason: { code: 'syntax', problem: e.problem }, ladder: [] };
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { status: 'fail', line: 1, message: `internal error: ${what}`, reason: { code: 'internal', text: what }, ladder: [] };
  }
}

/** Why, in `lang` (the CLI's English words when `lang` is English). */
export function reasonLine(r: PktResult, lang: Lang): string {
  return r.reason ? pktReason(lang, r.reason) : (r.message ?? '');
}

/** The one-line verdict: in English worded as the CLI prints it, in Chinese the same shape in Chinese. */
export function verdictLine(r: PktResult, name: string, lang: Lang = 'en'): string {
  const w = VERDICT_WORDS[lang];
  if (r.status === 'pass') return `${w.pass} ${name}`;
  if (r.status === 'skip') return `${w.skip} ${name}${w.colon}${w.unsupported}${reasonLine(r, lang)}`;
  return `${w.fail} ${name}:${r.line ?? 1}${r.column !== undefined ? `:${r.column}` : ''}${w.colon}${reasonLine(r, lang)}`;
}
