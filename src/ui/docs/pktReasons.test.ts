import { describe, expect, it } from 'vitest';
import { REASON_CODES, UNSUPPORTED_KINDS, reasonText } from '../../packetdrill/reasons.ts';
import type { Reason } from '../../packetdrill/reasons.ts';
import { PKT_EXAMPLES } from './pktExamples.ts';
import { PKT_REASONS, pktReason } from './pktReasons.ts';
import { reasonLine, runPkt, verdictLine } from './pktRun.ts';

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
  { code: 'syntax', text: "unknown TCP flag 'Q' (allowed: S F R P . -)" },
  { code: 'internal', text: 'TypeError: x is undefined' },
  ...UNSUPPORTED_KINDS.map((kind, i): Reason => ({ code: 'unsupported', kind, what: `thing${i}`, ...(i % 2 ? { line: i } : {}) })),
];

/** The values a reason carries (they read the same in every language). */
function values(r: Reason): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string' || typeof v === 'number') out.push(String(v));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'code' && k !== 'kind' && k !== 'field') walk(x);
  };
  // the argument an expected-number reason names is a word to translate, not a value
  walk(r.code === 'expected-number' ? { ...r, what: undefined } : r);
  return out.sort((a, b) => b.length - a.length);
}

// the names of calls, options and tools a Chinese sentence keeps as they are written
const KEPT = /\b(tcpi_state|getsockopt|setsockopt|SO_ERROR|SO_SNDBUF|SO_LINGER|onoff|linger|shutdown|sysctl|sockstat|tcpdrop|python|fcntl|mss|MSS|backlog)\b/g;

describe('packetdrill reasons in both languages', () => {
  it('every reason code and unsupported kind has words in both dictionaries, and every code has a sample here', () => {
    expect(new Set(SAMPLES.map((s) => s.code))).toEqual(new Set(REASON_CODES));
    for (const lang of ['en', 'zh-CN'] as const) {
      const d = PKT_REASONS[lang];
      for (const code of REASON_CODES) expect(typeof d[code], `${lang} ${code}`).toBe('function');
      expect(Object.keys(d.kinds).sort()).toEqual([...UNSUPPORTED_KINDS].sort());
      for (const k of UNSUPPORTED_KINDS) expect(d.kinds[k], `${lang} ${k}`).toContain('{what}');
    }
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
