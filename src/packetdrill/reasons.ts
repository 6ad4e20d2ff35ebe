/**
 * Why a run failed or was skipped, as data: a code and the values the sentence needs. The CLI
 * prints `reasonText` (English, the words outside tests read); the page translates the same
 * reason with its own dictionary (src/ui/docs/pktReasons.ts), so no sentence is parsed back.
 * Values are what the script or the stack wrote (segments in packetdrill notation, call names,
 * errno names, state names, times formatted as the CLI prints them): they read the same in
 * every language.
 */

import type { KnobProblem } from '../tcp/knobs.ts';
import { syntaxText } from './syntax-problems.ts';
import type { SyntaxProblem } from './syntax-problems.ts';

/** One field of a `>` line that the segment sent did not match. */
export type Mismatch =
  | { field: 'flags' | 'seq' | 'length' | 'ack' | 'win' | 'mss'; got: string; want: string }
  | { field: 'options-not-sent'; want: string }
  | { field: 'unexpected-mss'; got: string };

/** A construct the runner does not model (the run is a SKIP); `line` when the construct is a line. */
export type UnsupportedKind =
  | 'option'
  | 'syscall'
  | 'command'
  | 'sockstat-state'
  | 'tcpdrop-state'
  | 'sysctl'
  | 'python'
  | 'tcpdrop'
  | 'socket-type'
  | 'fcntl'
  | 'setsockopt'
  | 'getsockopt'
  | 'linger';

export type Reason =
  | { code: 'runaway-timers' }
  | { code: 'stray-packet'; seg: string; t: string; line: number }
  | { code: 'call-not-returned'; call: string; by: string; at: string; tol: number }
  | { code: 'nothing-sent'; expected: string; by?: string; next?: { seg: string; t: string } }
  | { code: 'packet-timing'; seg: string; t: string; at?: string; within?: [string, string]; tol: number }
  | { code: 'packet-mismatch'; expected: string; got: string; mismatches: Mismatch[] }
  | { code: 'count'; n: number; state: string; found: number }
  | { code: 'sockstat'; pattern: string; line: string }
  | { code: 'tcpi-state'; got: string; want: string }
  | { code: 'inbound-any-seq' }
  | { code: 'linger-shape' }
  | { code: 'so-error-shape' }
  | { code: 'so-error'; got: string; want: string }
  | { code: 'so-sndbuf'; got: number; want: number }
  | { code: 'expected-number'; call: string; what: 'backlog' | 'byte count' | 'file descriptor' | 'option value' }
  | { code: 'call-while-blocked'; call: string; blocked: string; line: number }
  | { code: 'would-block'; call: string }
  | { code: 'shutdown-mode'; mode: string }
  | { code: 'call-result'; call: string; got: string; want: string }
  | { code: 'call-timing'; call: string; t: string; want: string; tol: number }
  /** a knob value the stack rejects: the stack's own words in `text`, its problem as data (where and what) */
  | { code: 'knob'; text: string; where?: string; problem?: KnobProblem }
  /** the script's text does not parse (src/packetdrill/syntax-problems.ts) */
  | { code: 'syntax'; problem: SyntaxProblem }
  | { code: 'internal'; text: string }
  | { code: 'unsupported'; kind: UnsupportedKind; what: string; line?: number };

export type ReasonCode = Reason['code'];

/** One sentence per code; a dictionary missing a code does not compile. */
export type ReasonWords = { [C in ReasonCode]: (r: Extract<Reason, { code: C }>) => string } & {
  mismatch: (m: Mismatch) => string;
  kinds: Record<UnsupportedKind, string>;
};

/** Every code, for walking dictionaries (reasons.test.ts checks it against the type). */
export const REASON_CODES = [
  'runaway-timers',
  'stray-packet',
  'call-not-returned',
  'nothing-sent',
  'packet-timing',
  'packet-mismatch',
  'count',
  'sockstat',
  'tcpi-state',
  'inbound-any-seq',
  'linger-shape',
  'so-error-shape',
  'so-error',
  'so-sndbuf',
  'expected-number',
  'call-while-blocked',
  'would-block',
  'shutdown-mode',
  'call-result',
  'call-timing',
  'knob',
  'syntax',
  'internal',
  'unsupported',
] as const satisfies readonly ReasonCode[];

export const UNSUPPORTED_KINDS = ['option', 'syscall', 'command', 'sockstat-state', 'tcpdrop-state', 'sysctl', 'python', 'tcpdrop', 'socket-type', 'fcntl', 'setsockopt', 'getsockopt', 'linger'] as const satisfies readonly UnsupportedKind[];

const withinText = (r: { at?: string; within?: [string, string] }) => (r.within ? `within [${r.within[0]}, ${r.within[1]}] s` : `at ${r.at} s`);

/** The CLI's words: `FAIL path:LINE: <this>` and `SKIP path: unsupported <this>`. */
export const REASONS_EN: ReasonWords = {
  'runaway-timers': () => 'runaway timers: more than 100000 expiries',
  'stray-packet': (r) => `unexpected packet ${r.seg} sent at ${r.t} s (the script expects none before line ${r.line})`,
  'call-not-returned': (r) => `timing error: ${r.call}() had not returned by ${r.by} s (expected at ${r.at} s, tolerance ${r.tol} us)`,
  'nothing-sent': (r) =>
    `expected ${r.expected} but nothing was sent${r.by !== undefined ? ` by ${r.by} s` : ''}${r.next ? ` (the next segment, ${r.next.seg}, was sent at ${r.next.t} s)` : ''}`,
  'packet-timing': (r) => `timing error: ${r.seg} sent at ${r.t} s, expected ${withinText(r)} (tolerance ${r.tol} us)`,
  'packet-mismatch': (r) => `expected ${r.expected}, got ${r.got}: ${r.mismatches.map(REASONS_EN_MISMATCH).join('; ')}`,
  count: (r) => `expected ${r.n} connection(s) in ${r.state}, found ${r.found}`,
  sockstat: (r) => `no line of /proc/net/sockstat matches ${r.pattern}: ${r.line}`,
  'tcpi-state': (r) => `tcpi_state is ${r.got}, expected ${r.want}`,
  'inbound-any-seq': () => 'an inbound packet needs a sequence number',
  'linger-shape': () => 'SO_LINGER needs {onoff=..., linger=...}',
  'so-error-shape': () => 'getsockopt SO_ERROR: expected [0] or [ERRNO]',
  'so-error': (r) => `getsockopt SO_ERROR gave ${r.got}, expected ${r.want}`,
  'so-sndbuf': (r) => `getsockopt SO_SNDBUF gave ${r.got}, expected ${r.want}`,
  'expected-number': (r) => `${r.call}: expected a number for the ${r.what}`,
  'call-while-blocked': (r) => `${r.call}() called while the blocking ${r.blocked}() of line ${r.line} has not returned`,
  'would-block': (r) => `${r.call}() would block`,
  'shutdown-mode': (r) => `shutdown: unknown mode ${r.mode}`,
  'call-result': (r) => `${r.call}() returned ${r.got}, expected ${r.want}`,
  'call-timing': (r) => `timing error: ${r.call}() returned at ${r.t} s, expected at ${r.want} s (tolerance ${r.tol} us)`,
  knob: (r) => r.text,
  syntax: (r) => syntaxText(r.problem),
  internal: (r) => `internal error: ${r.text}`,
  unsupported: (r) => `${fillWhat(REASONS_EN.kinds[r.kind], r.what)}${r.line !== undefined ? ` (line ${r.line})` : ''}`,
  mismatch: (m) => REASONS_EN_MISMATCH(m),
  kinds: {
    option: 'option --{what}',
    syscall: 'system call {what}()',
    command: 'command `{what}`',
    'sockstat-state': 'sockstat state {what}',
    'tcpdrop-state': 'tcpdrop state {what}',
    sysctl: 'sysctl {what}',
    python: 'python block %{ {what} }%',
    tcpdrop: 'tcpdrop -s {what}',
    'socket-type': 'socket type {what}',
    fcntl: 'fcntl {what}',
    setsockopt: 'setsockopt {what}',
    getsockopt: 'getsockopt {what}',
    linger: 'SO_LINGER with linger={what}',
  },
};

function REASONS_EN_MISMATCH(m: Mismatch): string {
  if (m.field === 'options-not-sent') return `options ${m.want} not sent (not modelled)`;
  if (m.field === 'unexpected-mss') return `unexpected option mss ${m.got}`;
  return `${m.field} ${m.got} instead of ${m.want}`;
}

/** An unsupported kind's words with the construct put in. */
export const fillWhat = (words: string, what: string): string => words.replace('{what}', () => what);

/** A reason in a language's words. */
export function reasonIn(words: ReasonWords, r: Reason): string {
  return (words[r.code] as (r: Reason) => string)(r);
}

/** The CLI's English sentence for a reason. */
export const reasonText = (r: Reason): string => reasonIn(REASONS_EN, r);
