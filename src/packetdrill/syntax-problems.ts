/**
 * Why a script's text does not parse, as data: a code and the values the sentence needs. The CLI
 * prints `syntaxText` (English, byte for byte the words outside tests read); the packetdrill page
 * words the same problem in its own language (src/ui/docs/pktSyntax.ts). Values are what the
 * script wrote (tokens, names, numbers): they read the same in every language.
 */

/** A number the script writes in a packet. */
export type NumberField = 'ack number' | 'window' | 'payload length' | 'sequence number';

/** What the parser found where it expected something else. */
export type Found = { kind: 'eol' } | { kind: 'blank' } | { kind: 'token'; text: string };

/** What the parser expected there. */
export type Expected =
  /** one of these tokens, written quoted: `'('` or `',' or ')'` */
  | { kind: 'tokens'; tokens: string[] }
  | { kind: 'eol' }
  /** a system call's argument */
  | { kind: 'argument' }
  | { kind: 'number'; field: NumberField }
  /** `start:end(length)` */
  | { kind: 'seq-range' }
  /** a token inside `start:end(length)` */
  | { kind: 'in-seq-range'; token: string }
  /** `(` and the payload length after `...` */
  | { kind: 'any-seq-length' }
  | { kind: 'flags' }
  /** what may still follow in a packet line, then the end of the line */
  | { kind: 'packet-rest'; items: ('ack' | 'win' | 'options')[] }
  /** what a line starts with */
  | { kind: 'line-start' }
  /** what follows an event's time */
  | { kind: 'action' }
  | { kind: 'call-result' }
  | { kind: 'time' }
  | { kind: 'after-plus' }
  | { kind: 'end-time'; form: string };

export type SyntaxProblem =
  | { code: 'unexpected'; found: Found; expected: Expected }
  | { code: 'number-after-minus' }
  | { code: 'too-deep'; max: number }
  | { code: 'never-closed'; open: string }
  | { code: 'unterminated-string' }
  | { code: 'line-too-long'; max: number }
  | { code: 'script-too-long'; max: number }
  | { code: 'unterminated-command' }
  | { code: 'unterminated-python' }
  | { code: 'number-too-large'; raw: string }
  | { code: 'number-out-of-range'; field: NumberField; value: number; max: number }
  | { code: 'option-name' }
  | { code: 'option-value'; name: string }
  | { code: 'options-after-events' }
  | { code: 'any-seq-inbound' }
  | { code: 'any-options-inbound' }
  | { code: 'no-flags-combined' }
  | { code: 'unknown-flag'; flag: string }
  | { code: 'duplicate-flag'; flag: string }
  | { code: 'seq-length'; start: number; end: number; len: number }
  | { code: 'any-time-inbound' }
  | { code: 'window-inbound' }
  | { code: 'dots-end-not-call' }
  | { code: 'time-backwards'; range: string }
  | { code: 'unterminated-comment' }
  | { code: 'unterminated-directive'; directive: string; symbol: string }
  | { code: 'comment-after-directive' }
  | { code: 'directive-symbol'; directive: string }
  | { code: 'directive-bad-symbol'; directive: string; symbol: string }
  /** `symbol` when the directive has one */
  | { code: 'directive-extra'; directive: string; symbol?: string }
  | { code: 'directive-without-ifdef'; directive: string }
  | { code: 'second-else'; directive: string; symbol: string }
  | { code: 'unknown-directive'; directive: string }
  | { code: 'call-never-closed'; call: string }
  | { code: 'call-needs-result' }
  | { code: 'unterminated-note' }
  | { code: 'option-list-unterminated' }
  | { code: 'option-list-empty' }
  | { code: 'option-empty' }
  | { code: 'option-invalid'; text: string }
  | { code: 'option-takes-no-value'; option: string }
  | { code: 'option-needs-number'; option: string }
  | { code: 'option-out-of-range'; option: string; value: number; max: number }
  | { code: 'option-shape'; option: string; shape: string }
  | { code: 'option-field-out-of-range'; option: string; key: string; value: number; max: number };

export type SyntaxCode = SyntaxProblem['code'];

/** One sentence per code and one phrase per expected and found kind; a dictionary missing one does not compile. */
export type SyntaxWords = { [C in SyntaxCode]: (p: Extract<SyntaxProblem, { code: C }>) => string } & {
  expected: { [K in Expected['kind']]: (e: Extract<Expected, { kind: K }>) => string };
  found: (f: Found) => string;
};

/** Every code and kind, for walking dictionaries (pktReasons.test.ts checks them against the types). */
export const SYNTAX_CODES = [
  'unexpected',
  'number-after-minus',
  'too-deep',
  'never-closed',
  'unterminated-string',
  'line-too-long',
  'script-too-long',
  'unterminated-command',
  'unterminated-python',
  'number-too-large',
  'number-out-of-range',
  'option-name',
  'option-value',
  'options-after-events',
  'any-seq-inbound',
  'any-options-inbound',
  'no-flags-combined',
  'unknown-flag',
  'duplicate-flag',
  'seq-length',
  'any-time-inbound',
  'window-inbound',
  'dots-end-not-call',
  'time-backwards',
  'unterminated-comment',
  'unterminated-directive',
  'comment-after-directive',
  'directive-symbol',
  'directive-bad-symbol',
  'directive-extra',
  'directive-without-ifdef',
  'second-else',
  'unknown-directive',
  'call-never-closed',
  'call-needs-result',
  'unterminated-note',
  'option-list-unterminated',
  'option-list-empty',
  'option-empty',
  'option-invalid',
  'option-takes-no-value',
  'option-needs-number',
  'option-out-of-range',
  'option-shape',
  'option-field-out-of-range',
] as const satisfies readonly SyntaxCode[];

export const EXPECTED_KINDS = [
  'tokens',
  'eol',
  'argument',
  'number',
  'seq-range',
  'in-seq-range',
  'any-seq-length',
  'flags',
  'packet-rest',
  'line-start',
  'action',
  'call-result',
  'time',
  'after-plus',
  'end-time',
] as const satisfies readonly Expected['kind'][];

export const NUMBER_FIELDS = ['ack number', 'window', 'payload length', 'sequence number'] as const satisfies readonly NumberField[];

const quoted = (tokens: string[]): string => tokens.map((t) => `'${t}'`).join(' or ');

/** The parser's English: the text after `file:line:column: `. */
export const SYNTAX_EN: SyntaxWords = {
  unexpected: (p) => `${p.found.kind === 'token' ? `unexpected token '${p.found.text}'` : `unexpected ${SYNTAX_EN.found(p.found)}`}; expected ${SYNTAX_EN.expected[p.expected.kind](p.expected as never)}`,
  'number-after-minus': () => "expected a number after '-'",
  'too-deep': (p) => `nesting deeper than the limit of ${p.max} levels of [ ], { } and ( )`,
  'never-closed': (p) => `'${p.open}' is never closed`,
  'unterminated-string': () => 'unterminated string',
  'line-too-long': (p) => `line longer than the limit of ${p.max} characters`,
  'script-too-long': (p) => `script longer than the limit of ${p.max} characters (1 MiB)`,
  'unterminated-command': () => 'unterminated `command` (no closing backtick)',
  'unterminated-python': () => "unterminated %{ python block (no closing '}%')",
  'number-too-large': (p) => `number ${p.raw} is too large`,
  'number-out-of-range': (p) => `${p.field} ${p.value} out of range (0..${p.max})`,
  'option-name': () => "expected an option name after '--'",
  'option-value': (p) => `expected a value after '--${p.name}='`,
  'options-after-events': () => 'options must come before the first event',
  'any-seq-inbound': () => "'...' (any sequence number) is only allowed in outbound packets",
  'any-options-inbound': () => "'<...>' (any TCP options) is only allowed in outbound packets",
  'no-flags-combined': () => "'-' (no flags) cannot be combined with other flags",
  'unknown-flag': (p) => `unknown TCP flag '${p.flag}' (allowed: S F R P . -)`,
  'duplicate-flag': (p) => `duplicate TCP flag '${p.flag}'`,
  'seq-length': (p) => `sequence range ${p.start}:${p.end} does not match length (${p.len})`,
  'any-time-inbound': () => "time '*' is only allowed for outbound packets ('>')",
  'window-inbound': () => "a '~' time window is only allowed for outbound packets ('>')",
  'dots-end-not-call': () => "a '...' end time is only allowed for (blocking) system calls",
  'time-backwards': (p) => `time range ${p.range} is backwards`,
  'unterminated-comment': () => 'unterminated /* comment',
  'unterminated-directive': (p) => `unterminated #${p.directive} ${p.symbol} (opened here)`,
  'comment-after-directive': () => 'a /* comment after a directive must end on the same line',
  'directive-symbol': (p) => `#${p.directive} needs a symbol`,
  'directive-bad-symbol': (p) => `invalid symbol '${p.symbol}' after #${p.directive}`,
  'directive-extra': (p) => `unexpected text after #${p.directive}${p.symbol !== undefined ? ` ${p.symbol}` : ''}`,
  'directive-without-ifdef': (p) => `#${p.directive} without #ifdef`,
  'second-else': (p) => `second #else for #${p.directive} ${p.symbol}`,
  'unknown-directive': (p) => `unknown preprocessor directive '#${p.directive}'`,
  'call-never-closed': (p) => `'(' of ${p.call}() is never closed`,
  'call-needs-result': () => "expected '= result' after system call",
  'unterminated-note': () => "unterminated note: '(' is never closed",
  'option-list-unterminated': () => "unterminated TCP option list (no closing '>')",
  'option-list-empty': () => "empty TCP option list '<>'",
  'option-empty': () => 'empty TCP option',
  'option-invalid': (p) => `invalid TCP option '${p.text}'`,
  'option-takes-no-value': (p) => `TCP option '${p.option}' takes no value`,
  'option-needs-number': (p) => `TCP option '${p.option}' needs a number, as in '${p.option} N'`,
  'option-out-of-range': (p) => `TCP option '${p.option}' value ${p.value} out of range (0..${p.max})`,
  'option-shape': (p) => `TCP option '${p.option}' must be written '${p.option} ${p.shape}'`,
  'option-field-out-of-range': (p) => `TCP option '${p.option}' ${p.key} ${p.value} out of range (0..${p.max})`,
  found: (f) => (f.kind === 'eol' ? 'end of line' : f.kind === 'blank' ? 'a blank' : `'${f.text}'`),
  expected: {
    tokens: (e) => quoted(e.tokens),
    eol: () => 'end of line',
    argument: () => "an argument (number, NAME, '...', \"string\", [array] or {struct})",
    number: (e) => e.field,
    'seq-range': () => "a sequence range 'start:end(length)'",
    'in-seq-range': (e) => `'${e.token}' in a sequence range 'start:end(length)'`,
    'any-seq-length': () => "'(' and the payload length after '...'",
    flags: () => 'TCP flags (S F R P . or -)',
    'packet-rest': (e) =>
      e.items.length > 0 ? `${e.items.map((i) => (i === 'options' ? "TCP options '<...>'" : `'${i}'`)).join(', ')} or end of line` : 'end of line',
    'line-start': () => 'a time (such as 0, +0.1 or *), an --option or a `command`',
    action: () => "'<', '>', a system call, a `command` or %{ python }%",
    'call-result': () => 'a number as the system call result',
    time: () => 'a time',
    'after-plus': () => "a number after '+'",
    'end-time': (e) => `an end time after '${e.form}'`,
  },
};

/** A problem in a dictionary's words. */
export const syntaxIn = (words: SyntaxWords, p: SyntaxProblem): string => (words[p.code] as (x: SyntaxProblem) => string)(p);

/** The CLI's English for a problem. */
export const syntaxText = (p: SyntaxProblem): string => syntaxIn(SYNTAX_EN, p);
