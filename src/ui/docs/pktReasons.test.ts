import { describe, expect, it } from 'vitest';
import { REASON_CODES, UNSUPPORTED_KINDS, reasonText } from '../../packetdrill/reasons.ts';
import type { Reason } from '../../packetdrill/reasons.ts';
import { EXPECTED_KINDS, NUMBER_FIELDS, SYNTAX_CODES, SYNTAX_EN, syntaxText } from '../../packetdrill/syntax-problems.ts';
import type { Expected, Found, SyntaxProblem } from '../../packetdrill/syntax-problems.ts';
import { InputError, KNOB_NAMES, resolveKnobs } from '../../tcp/knobs.ts';
import type { KnobProblem } from '../../tcp/knobs.ts';
import { SYNTAX_ZH } from './pktSyntax.ts';
import { PKT_EXAMPLES } from './pktExamples.ts';
import { PKT_REASONS, pktReason } from './pktReasons.ts';
import { reasonLine, runPkt, verdictLine } from './pktRun.ts';

/** One parser problem of every code, and an `unexpected` one of every expected and found kind. */
const FOUND: Found[] = [{ kind: 'eol' }, { kind: 'blank' }, { kind: 'token', text: 'frob' }];
const EXPECTED: Expected[] = [
  { kind: 'tokens', tokens: ['('] },
  { kind: 'tokens', tokens: [',', ')'] },
  { kind: 'eol' },
  { kind: 'argument' },
  ...NUMBER_FIELDS.map((field): Expected => ({ kind: 'number', field })),
  { kind: 'seq-range' },
  { kind: 'in-seq-range', token: ':' },
  { kind: 'any-seq-length' },
  { kind: 'flags' },
  { kind: 'packet-rest', items: ['ack', 'win', 'options'] },
  { kind: 'packet-rest', items: [] },
  { kind: 'line-start' },
  { kind: 'action' },
  { kind: 'call-result' },
  { kind: 'time' },
  { kind: 'after-plus' },
  { kind: 'end-time', form: '~' },
];
const SYNTAX_SAMPLES: SyntaxProblem[] = [
  ...EXPECTED.map((expected, i): SyntaxProblem => ({ code: 'unexpected', found: FOUND[i % FOUND.length]!, expected })),
  { code: 'number-after-minus' },
  { code: 'too-deep', max: 64 },
  { code: 'never-closed', open: '[' },
  { code: 'unterminated-string' },
  { code: 'line-too-long', max: 4096 },
  { code: 'script-too-long', max: 1048576 },
  { code: 'unterminated-command' },
  { code: 'unterminated-python' },
  { code: 'number-too-large', raw: '99999999999999999999' },
  ...NUMBER_FIELDS.map((field): SyntaxProblem => ({ code: 'number-out-of-range', field, value: 70000, max: 65535 })),
  { code: 'option-name' },
  { code: 'option-value', name: 'ip_version' },
  { code: 'options-after-events' },
  { code: 'any-seq-inbound' },
  { code: 'any-options-inbound' },
  { code: 'no-flags-combined' },
  { code: 'unknown-flag', flag: 'Q' },
  { code: 'duplicate-flag', flag: 'S' },
  { code: 'seq-length', start: 1, end: 11, len: 5 },
  { code: 'any-time-inbound' },
  { code: 'window-inbound' },
  { code: 'dots-end-not-call' },
  { code: 'time-backwards', range: '0.3~0.2' },
  { code: 'unterminated-comment' },
  { code: 'unterminated-directive', directive: 'ifdef', symbol: 'LINUX' },
  { code: 'comment-after-directive' },
  { code: 'directive-symbol', directive: 'ifndef' },
  { code: 'directive-bad-symbol', directive: 'ifdef', symbol: '9x' },
  { code: 'directive-extra', directive: 'ifdef', symbol: 'LINUX' },
  { code: 'directive-extra', directive: 'endif' },
  { code: 'directive-without-ifdef', directive: 'else' },
  { code: 'second-else', directive: 'ifdef', symbol: 'LINUX' },
  { code: 'unknown-directive', directive: 'pragma' },
  { code: 'call-never-closed', call: 'connect' },
  { code: 'call-needs-result' },
  { code: 'unterminated-note' },
  { code: 'option-list-unterminated' },
  { code: 'option-list-empty' },
  { code: 'option-empty' },
  { code: 'option-invalid', text: '9nop' },
  { code: 'option-takes-no-value', option: 'nop' },
  { code: 'option-needs-number', option: 'mss' },
  { code: 'option-out-of-range', option: 'wscale', value: 300, max: 255 },
  { code: 'option-shape', option: 'TS', shape: 'val N ecr N' },
  { code: 'option-field-out-of-range', option: 'TS', key: 'val', value: 2 ** 33, max: 2 ** 32 - 1 },
];

/** The stack's own rejection of a knob, as the runner carries it. */
function knobReason(f: () => unknown): Reason {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError && e.problem) return { code: 'knob', text: e.message, where: e.where, problem: e.problem };
  }
  throw new Error('no knob problem');
}
const KNOB_SAMPLES: Reason[] = [
  knobReason(() => resolveKnobs('linux', { tcp_fin_timout: 3 }, 'sysctl')),
  knobReason(() => resolveKnobs('linux', { rfc5961: 'maybe' }, 'sysctl')),
  knobReason(() => resolveKnobs('linux', { tcp_fin_timeout: 5000 }, 'sysctl')),
  knobReason(() => resolveKnobs('linux', { tcp_keepalive_probes: 2.5 }, 'sysctl')),
  knobReason(() => resolveKnobs('linux', { rmem: 1 }, 'sysctl')),
  knobReason(() => resolveKnobs('bsd' as never)),
  knobReason(() => resolveKnobs('linux', { rto_min: 5, rto_max: 1 }, 'sysctl')),
];

/** One reason of every code (and every mismatch field and unsupported kind), with its values. */
const SAMPLES: Reason[] = [
  { code: 'runaway-timers' },
  { code: 'stray-packet', seg: 'F. 1:1(0) ack 1', t: '0.300', line: 9 },
  { code: 'call-not-returned', call: 'accept', by: '0.200', at: '0.100', tol: 4000 },
  { code: 'nothing-sent', expected: 'F. 1:1(0) ack 1' },
  { code: 'nothing-sent', expected: 'F. 1:1(0) ack 1', by: '0.204', next: { seg: 'R. 1:1(0) ack 1', t: '0.500' } },
  { code: 'packet-timing', seg: 'S 0:0(0)', t: '0.100', at: '0.200', tol: 4000 },
  { code: 'packet-timing', seg: 'S 0:0(0)', t: '0.100', within: ['0.200', '0.300'], tol: 4000 },
  {
    code: 'packet-mismatch',
    expected: 'F 0:0(0)',
    got: 'S 0:0(0)',
    mismatches: [
      { field: 'flags', got: 'SYN', want: 'FIN' },
      { field: 'seq', got: '1', want: '0' },
      { field: 'length', got: '10', want: '0' },
      { field: 'ack', got: '(none)', want: '1' },
      { field: 'win', got: '65535', want: '29200' },
      { field: 'mss', got: '1460', want: '1000' },
      { field: 'options-not-sent', want: 'sackOK, TS val 100 ecr 0' },
      { field: 'unexpected-mss', got: '1460' },
    ],
  },
  { code: 'count', n: 1, state: 'TIME_WAIT', found: 0 },
  { code: 'sockstat', pattern: '^TCP: inuse [0-9]+ orphan [0-9]+ tw 1 ', line: 'TCP: inuse 1 orphan 1 tw 0 alloc 1 mem 0' },
  { code: 'tcpi-state', got: 'CLOSE_WAIT', want: 'LAST_ACK' },
  { code: 'inbound-any-seq' },
  { code: 'linger-shape' },
  { code: 'so-error-shape' },
  { code: 'so-error', got: '0', want: 'ECONNREFUSED' },
  { code: 'so-sndbuf', got: 4096, want: 8192 },
  { code: 'expected-number', call: 'listen', what: 'backlog' },
  { code: 'expected-number', call: 'write', what: 'byte count' },
  { code: 'expected-number', call: 'close', what: 'file descriptor' },
  { code: 'expected-number', call: 'setsockopt', what: 'option value' },
  { code: 'call-while-blocked', call: 'write', blocked: 'accept', line: 4 },
  { code: 'would-block', call: 'read' },
  { code: 'shutdown-mode', mode: 'SHUT_X' },
  { code: 'call-result', call: 'connect', got: '-1 ECONNREFUSED', want: '0' },
  { code: 'call-timing', call: 'read', t: '0.300', want: '0.200', tol: 4000 },
  { code: 'knob', text: 'knob tcp_fin_timeout: 0 is out of range; allowed: 1..86400 (integer)' },
  ...KNOB_SAMPLES,
  ...SYNTAX_SAMPLES.map((problem): Reason => ({ code: 'syntax', problem })),
  { code: 'internal', text: 'TypeError: x is undefined' },
  ...UNSUPPORTED_KINDS.map((kind, i): Reason => ({ code: 'unsupported', kind, what: `thing${i}`, ...(i % 2 ? { line: i } : {}) })),
];

/** The values a reason carries (they read the same in every language). */
function values(r: Reason): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string' || typeof v === 'number') out.push(String(v));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) if (k !== 'code' && k !== 'kind' && k !== 'field' && k !== 'items' && k !== 'knob') walk(x);
  };
  // the argument an expected-number reason names is a word to translate, not a value; so is a
  // knob's English text once its problem is data, and the word `profile`
  if (r.code === 'expected-number') walk({ ...r, what: undefined });
  else if (r.code === 'knob' && r.problem) walk({ ...r, text: undefined, where: r.where === 'profile' ? undefined : r.where });
  else walk(r);
  return out.sort((a, b) => b.length - a.length);
}

// the names of calls, options and tools a Chinese sentence keeps as they are written
const KEPT = new RegExp(
  `\\b(tcpi_state|proc|net|getsockopt|setsockopt|SO_ERROR|SO_SNDBUF|SO_LINGER|onoff|linger|shutdown|sysctl|sockstat|tcpdrop|python|fcntl|mss|MSS|backlog|TCP|MiB|ack|win|ifdef|else|rto_min|rto_max|linux|rfc9293|${KNOB_NAMES.join('|')})\\b`,
  'g',
);

describe('packetdrill reasons in both languages', () => {
  it('every reason code and unsupported kind has words in both dictionaries, and every code has a sample here', () => {
    expect(new Set(SAMPLES.map((s) => s.code))).toEqual(new Set(REASON_CODES));
    for (const lang of ['en', 'zh-CN'] as const) {
      const d = PKT_REASONS[lang];
      for (const code of REASON_CODES) expect(typeof d[code], `${lang} ${code}`).toBe('function');
      expect(Object.keys(d.kinds).sort()).toEqual([...UNSUPPORTED_KINDS].sort());
      for (const k of UNSUPPORTED_KINDS) expect(d.kinds[k], `${lang} ${k}`).toContain('{what}');
    }
    // the parser's and the stack's problems: every code and kind has words and a sample
    expect(new Set(SYNTAX_SAMPLES.map((p) => p.code))).toEqual(new Set(SYNTAX_CODES));
    expect(new Set(EXPECTED.map((e) => e.kind))).toEqual(new Set(EXPECTED_KINDS));
    const knobCodes: Record<KnobProblem['code'], true> = { 'unknown-knob': true, 'not-a-number': true, 'out-of-range': true, 'unknown-profile': true, 'rto-order': true };
    expect(new Set(KNOB_SAMPLES.map((r) => (r.code === 'knob' ? r.problem?.code : undefined)))).toEqual(new Set(Object.keys(knobCodes)));
    for (const d of [SYNTAX_EN, SYNTAX_ZH]) {
      for (const code of SYNTAX_CODES) expect(typeof d[code], code).toBe('function');
      for (const kind of EXPECTED_KINDS) expect(typeof d.expected[kind], kind).toBe('function');
    }
  });

  it("a parser problem reads as the parser's English message, byte for byte", () => {
    for (const p of SYNTAX_SAMPLES) expect(pktReason('en', { code: 'syntax', problem: p })).toBe(syntaxText(p));
    for (const r of KNOB_SAMPLES) if (r.code === 'knob') expect(pktReason('en', r)).toBe(r.text);
  });

  it('says every sample in both languages, with its values; the Chinese has no English words left', () => {
    for (const r of SAMPLES) {
      const en = pktReason('en', r);
      const zh = pktReason('zh-CN', r);
      expect(en).toBe(reasonText(r));
      for (const v of values(r)) {
        expect(en, `${r.code} en`).toContain(v === '(none)' ? '(none)' : v);
        if (v !== '(none)') expect(zh, `${r.code} zh`).toContain(v);
      }
      expect(zh).not.toBe(en);
      expect(zh, r.code).toMatch(/[\u4e00-\u9fff]/);
      // what the reason itself says (not its values) is Chinese, apart from call and tool names
      let rest = zh;
      for (const v of values(r)) rest = rest.split(v).join(' ');
      // a syntax error's and a knob's detail are the parser's and the stack's own words, carried as a value
      expect(rest.replace(KEPT, ' '), `${r.code}: ${zh}`).not.toMatch(/[A-Za-z]{2,}/);
    }
  });

  it('a failing run carries its reason, and the page words it in both languages', () => {
    const lines = PKT_EXAMPLES[0]!.text.split('\n');
    const i = lines.findIndex((l) => l.includes('> S 0:0(0)'));
    lines[i] = lines[i]!.replace('> S 0:0(0)', '> F 0:0(0)');
    const r = runPkt(lines.join('\n'), 'linux', 'broken.pkt');
    expect(r.reason?.code).toBe('packet-mismatch');
    // the CLI's English is the reason's English
    expect(r.message).toBe(reasonText(r.reason!));
    expect(verdictLine(r, 'broken.pkt')).toBe(`FAIL broken.pkt:${i + 1}: ${r.message}`);
    expect(verdictLine(r, 'broken.pkt', 'zh-CN')).toMatch(new RegExp(`^失败 broken\\.pkt:${i + 1}：期望 F 0:0\\(0\\)，实际 SYN 0:0\\(0\\)[^：]*：标志为 SYN，应为 FIN`));
    expect(reasonLine(r, 'zh-CN')).not.toMatch(/expected|instead|got/);
  });

  it('an unsupported construct is a SKIP worded in both languages', () => {
    const r = runPkt('0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 frobnicate(3) = 0\n', 'linux', 'odd.pkt');
    expect(r.status).toBe('skip');
    expect(r.reason).toEqual({ code: 'unsupported', kind: 'syscall', what: 'frobnicate', line: 2 });
    expect(verdictLine(r, 'odd.pkt')).toBe('SKIP odd.pkt: unsupported system call frobnicate() (line 2)');
    expect(verdictLine(r, 'odd.pkt', 'zh-CN')).toBe('跳过 odd.pkt：不支持系统调用 frobnicate()（第 2 行）');
  });
});

describe('packetdrill parser and knob problems in the page', () => {
  it('a script that does not parse fails at its line and column, worded in both languages', () => {
    const r = runPkt('0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 < Q 0:0(0) win 100\n', 'linux', 'bad.pkt');
    expect(r.reason).toEqual({ code: 'syntax', problem: { code: 'unknown-flag', flag: 'Q' } });
    expect(verdictLine(r, 'bad.pkt')).toBe("FAIL bad.pkt:2:6: unknown TCP flag 'Q' (allowed: S F R P . -)");
    expect(verdictLine(r, 'bad.pkt', 'zh-CN')).toBe("失败 bad.pkt:2:6：未知的 TCP 标志 'Q'（可用：S F R P . -）");
    const u = runPkt('0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 < S 0:0(0) win\n', 'linux', 'bad.pkt');
    expect(verdictLine(u, 'bad.pkt', 'zh-CN')).toBe('失败 bad.pkt:2:18：此处不应出现行尾；应为窗口');
  });

  it('a sysctl value the stack rejects fails its line, worded in both languages', () => {
    const r = runPkt('0 `sysctl -q net.ipv4.tcp_fin_timeout=99999`\n+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n', 'linux', 'knob.pkt');
    expect(r.reason).toMatchObject({ code: 'knob', problem: { code: 'out-of-range', knob: 'tcp_fin_timeout', value: 99999 } });
    expect(verdictLine(r, 'knob.pkt')).toMatch(/^FAIL knob\.pkt:\d+: sysctl\.tcp_fin_timeout: 99999 is out of range; allowed: 0\.\.3600 seconds$/);
    expect(verdictLine(r, 'knob.pkt', 'zh-CN')).toMatch(/^失败 knob\.pkt:\d+：sysctl\.tcp_fin_timeout：99999 超出范围；允许：0\.\.3600 秒$/);
  });
});
