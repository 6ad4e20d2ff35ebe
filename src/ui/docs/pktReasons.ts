/**
 * The packetdrill runner's reasons in the page's languages. English is the CLI's own words
 * (src/packetdrill/reasons.ts); Chinese is here rather than in the i18n dictionaries because only
 * the packetdrill view needs it, and this file is in that view's lazily loaded chunk (the embed's
 * first load stays as small as it is). A language missing a code does not compile, and
 * pktReasons.test.ts walks every code in both.
 */
import { REASONS_EN, fillWhat, reasonIn } from '../../packetdrill/reasons.ts';
import type { Mismatch, Reason, ReasonWords } from '../../packetdrill/reasons.ts';
import type { Lang } from '../i18n/index.ts';
import { syntaxIn } from '../../packetdrill/syntax-problems.ts';
import { SYNTAX_ZH, knobProblemZh, knobWhereZh } from './pktSyntax.ts';

const FIELD_ZH: Record<Exclude<Mismatch['field'], 'options-not-sent' | 'unexpected-mss'>, string> = {
  flags: '标志',
  seq: '序号',
  length: '长度',
  ack: '确认号',
  win: '窗口',
  mss: 'MSS',
};

const NUMBER_ARG_ZH = { backlog: 'backlog（队列长度）', 'byte count': '字节数', 'file descriptor': '文件描述符', 'option value': '选项值' } as const;

const none = (v: string) => (v === '(none)' ? '（无）' : v);

function mismatchZh(m: Mismatch): string {
  if (m.field === 'options-not-sent') return `选项 ${m.want} 未发送（未建模）`;
  if (m.field === 'unexpected-mss') return `多出选项 mss ${m.got}`;
  return `${FIELD_ZH[m.field]}为 ${none(m.got)}，应为 ${m.want}`;
}

const REASONS_ZH: ReasonWords = {
  'runaway-timers': () => '定时器失控：超时超过 100000 次',
  'stray-packet': (r) => `意外的报文 ${r.seg}，发送于 ${r.t} 秒（脚本在第 ${r.line} 行之前不期望任何报文）`,
  'call-not-returned': (r) => `时间错误：${r.call}() 到 ${r.by} 秒仍未返回（应在 ${r.at} 秒返回，容差 ${r.tol} 微秒）`,
  'nothing-sent': (r) =>
    `期望 ${r.expected}，但${r.by !== undefined ? `到 ${r.by} 秒` : ''}什么也没有发送${r.next ? `（下一个报文 ${r.next.seg} 发送于 ${r.next.t} 秒）` : ''}`,
  'packet-timing': (r) =>
    `时间错误：${r.seg} 发送于 ${r.t} 秒，应${r.within ? `在 [${r.within[0]}, ${r.within[1]}] 秒之内` : `在 ${r.at} 秒`}（容差 ${r.tol} 微秒）`,
  'packet-mismatch': (r) => `期望 ${r.expected}，实际 ${r.got}：${r.mismatches.map(mismatchZh).join('；')}`,
  count: (r) => `期望 ${r.n} 个连接处于 ${r.state}，实际 ${r.found} 个`,
  sockstat: (r) => `/proc/net/sockstat 中没有与 ${r.pattern} 匹配的行：${r.line}`,
  'tcpi-state': (r) => `tcpi_state 为 ${r.got}，应为 ${r.want}`,
  'inbound-any-seq': () => '注入的报文（<）必须写出序号',
  'linger-shape': () => 'SO_LINGER 需要 {onoff=..., linger=...}',
  'so-error-shape': () => 'getsockopt SO_ERROR：应写 [0] 或 [错误码]',
  'so-error': (r) => `getsockopt SO_ERROR 得到 ${r.got}，应为 ${r.want}`,
  'so-sndbuf': (r) => `getsockopt SO_SNDBUF 得到 ${r.got}，应为 ${r.want}`,
  'expected-number': (r) => `${r.call}：${NUMBER_ARG_ZH[r.what]}应为数字`,
  'call-while-blocked': (r) => `调用 ${r.call}() 时，第 ${r.line} 行阻塞中的 ${r.blocked}() 尚未返回`,
  'would-block': (r) => `${r.call}() 会阻塞`,
  'shutdown-mode': (r) => `shutdown：未知方式 ${r.mode}`,
  'call-result': (r) => `${r.call}() 返回 ${r.got}，应为 ${r.want}`,
  'call-timing': (r) => `时间错误：${r.call}() 在 ${r.t} 秒返回，应在 ${r.want} 秒（容差 ${r.tol} 微秒）`,
  knob: (r) => (r.problem ? `${knobWhereZh(r.where ?? '')}：${knobProblemZh(r.problem)}` : `内核参数取值不被接受：${r.text}`),
  syntax: (r) => syntaxIn(SYNTAX_ZH, r.problem),
  internal: (r) => `内部错误：${r.text}`,
  unsupported: (r) => `${fillWhat(REASONS_ZH.kinds[r.kind], r.what)}${r.line !== undefined ? `（第 ${r.line} 行）` : ''}`,
  mismatch: mismatchZh,
  kinds: {
    option: '选项 --{what}',
    syscall: '系统调用 {what}()',
    command: '命令 `{what}`',
    'sockstat-state': 'sockstat 状态 {what}',
    'tcpdrop-state': 'tcpdrop 状态 {what}',
    sysctl: 'sysctl 参数 {what}',
    python: 'python 代码块 %{ {what} }%',
    tcpdrop: 'tcpdrop -s 状态 {what}',
    'socket-type': '套接字类型 {what}',
    fcntl: 'fcntl 命令 {what}',
    setsockopt: 'setsockopt 选项 {what}',
    getsockopt: 'getsockopt 选项 {what}',
    linger: 'linger={what} 的 SO_LINGER',
  },
};

export const PKT_REASONS: Record<Lang, ReasonWords> = { en: REASONS_EN, 'zh-CN': REASONS_ZH };

/** A reason in `lang`. */
export const pktReason = (lang: Lang, r: Reason): string => reasonIn(PKT_REASONS[lang], r);

/** The verdict's words around the reason: the CLI's in English. */
export const VERDICT_WORDS: Record<Lang, { pass: string; fail: string; skip: string; colon: string; unsupported: string }> = {
  en: { pass: 'PASS', fail: 'FAIL', skip: 'SKIP', colon: ': ', unsupported: 'unsupported ' },
  'zh-CN': { pass: '通过', fail: '失败', skip: '跳过', colon: '：', unsupported: '不支持' },
};
