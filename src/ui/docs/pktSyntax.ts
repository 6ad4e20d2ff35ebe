/**
 * The packetdrill parser's syntax problems and the stack's knob problems in Chinese. English is
 * the CLI's own words (src/packetdrill/syntax-problems.ts, src/tcp/knobs.ts). Like pktReasons.ts
 * this lives in the packetdrill view's lazily loaded chunk, so the embed does not carry it.
 * A missing code does not compile; pktReasons.test.ts walks every code.
 */
import { KNOB_NAMES, KNOB_SPECS, PROFILES } from '../../tcp/knobs.ts';
import type { KnobName, KnobProblem, KnobSpec } from '../../tcp/knobs.ts';
import type { Found, NumberField, SyntaxWords } from '../../packetdrill/syntax-problems.ts';

const FIELD_ZH: Record<NumberField, string> = {
  'ack number': '确认号',
  window: '窗口',
  'payload length': '载荷长度',
  'sequence number': '序号',
};

const quoted = (tokens: string[]): string => tokens.map((t) => `'${t}'`).join(' 或 ');
const SEQ_RANGE = '序号范围“起始:结束(长度)”';

const foundZh = (f: Found): string => (f.kind === 'eol' ? '行尾' : f.kind === 'blank' ? '空格' : `记号 '${f.text}'`);

export const SYNTAX_ZH: SyntaxWords = {
  unexpected: (p) => `此处不应出现${foundZh(p.found)}；应为${SYNTAX_ZH.expected[p.expected.kind](p.expected as never)}`,
  'number-after-minus': () => "'-' 之后应为数字",
  'too-deep': (p) => `[ ]、{ } 和 ( ) 的嵌套超过 ${p.max} 层的上限`,
  'never-closed': (p) => `'${p.open}' 没有闭合`,
  'unterminated-string': () => '字符串没有结束（缺少右引号）',
  'line-too-long': (p) => `该行超过 ${p.max} 个字符的上限`,
  'script-too-long': (p) => `脚本超过 ${p.max} 个字符（1 MiB）的上限`,
  'unterminated-command': () => '`命令` 没有结束（缺少右反引号）',
  'unterminated-python': () => "%{ python 代码块没有结束（缺少 '}%'）",
  'number-too-large': (p) => `数字 ${p.raw} 太大`,
  'number-out-of-range': (p) => `${FIELD_ZH[p.field]} ${p.value} 超出范围（0..${p.max}）`,
  'option-name': () => "'--' 之后应为选项名",
  'option-value': (p) => `'--${p.name}=' 之后应有取值`,
  'options-after-events': () => '选项必须写在第一个事件之前',
  'any-seq-inbound': () => "'...'（任意序号）只能用于发出的报文",
  'any-options-inbound': () => "'<...>'（任意 TCP 选项）只能用于发出的报文",
  'no-flags-combined': () => "'-'（无标志）不能与其他标志同时使用",
  'unknown-flag': (p) => `未知的 TCP 标志 '${p.flag}'（可用：S F R P . -）`,
  'duplicate-flag': (p) => `TCP 标志 '${p.flag}' 重复`,
  'seq-length': (p) => `序号范围 ${p.start}:${p.end} 与长度（${p.len}）不符`,
  'any-time-inbound': () => "时间 '*' 只能用于发出的报文（'>'）",
  'window-inbound': () => "'~' 时间窗口只能用于发出的报文（'>'）",
  'dots-end-not-call': () => "'...' 结束时间只能用于（会阻塞的）系统调用",
  'time-backwards': (p) => `时间范围 ${p.range} 前后颠倒`,
  'unterminated-comment': () => '/* 注释没有结束',
  'unterminated-directive': (p) => `#${p.directive} ${p.symbol} 没有结束（从此处开始）`,
  'comment-after-directive': () => '预处理指令之后的 /* 注释必须在同一行内结束',
  'directive-symbol': (p) => `#${p.directive} 需要一个符号`,
  'directive-bad-symbol': (p) => `#${p.directive} 之后的符号 '${p.symbol}' 无效`,
  'directive-extra': (p) => `#${p.directive}${p.symbol !== undefined ? ` ${p.symbol}` : ''} 之后有多余的文字`,
  'directive-without-ifdef': (p) => `#${p.directive} 之前没有对应的 #ifdef`,
  'second-else': (p) => `#${p.directive} ${p.symbol} 出现了第二个 #else`,
  'unknown-directive': (p) => `未知的预处理指令 '#${p.directive}'`,
  'call-never-closed': (p) => `${p.call}() 的 '(' 没有闭合`,
  'call-needs-result': () => "系统调用之后应为 '= 结果'",
  'unterminated-note': () => "附注没有结束：'(' 没有闭合",
  'option-list-unterminated': () => "TCP 选项列表没有结束（缺少 '>'）",
  'option-list-empty': () => "TCP 选项列表 '<>' 为空",
  'option-empty': () => 'TCP 选项为空',
  'option-invalid': (p) => `无效的 TCP 选项 '${p.text}'`,
  'option-takes-no-value': (p) => `TCP 选项 '${p.option}' 不带取值`,
  'option-needs-number': (p) => `TCP 选项 '${p.option}' 需要一个数字，如 '${p.option} N'`,
  'option-out-of-range': (p) => `TCP 选项 '${p.option}' 的取值 ${p.value} 超出范围（0..${p.max}）`,
  'option-shape': (p) => `TCP 选项 '${p.option}' 必须写成 '${p.option} ${p.shape}'`,
  'option-field-out-of-range': (p) => `TCP 选项 '${p.option}' 的 ${p.key} ${p.value} 超出范围（0..${p.max}）`,
  found: foundZh,
  expected: {
    tokens: (e) => quoted(e.tokens),
    eol: () => '行尾',
    argument: () => "参数（数字、名称、'...'、\"字符串\"、[数组] 或 {结构}）",
    number: (e) => FIELD_ZH[e.field],
    'seq-range': () => SEQ_RANGE,
    'in-seq-range': (e) => `${SEQ_RANGE}中的 '${e.token}'`,
    'any-seq-length': () => "'...' 之后的 '(' 和载荷长度",
    flags: () => 'TCP 标志（S F R P . 或 -）',
    'packet-rest': (e) =>
      e.items.length > 0 ? `${e.items.map((i) => (i === 'options' ? "TCP 选项 '<...>'" : `'${i}'`)).join('、')} 或行尾` : '行尾',
    'line-start': () => '时间（如 0、+0.1 或 *）、--选项 或 `命令`',
    action: () => "'<'、'>'、系统调用、`命令` 或 %{ python }%",
    'call-result': () => '一个数字作为系统调用的结果',
    time: () => '时间',
    'after-plus': () => "'+' 之后的数字",
    'end-time': (e) => `'${e.form}' 之后的结束时间`,
  },
};

/** What a knob allows, in Chinese (knobs.ts's describeKnob in English). */
export function knobRangeZh(name: KnobName): string {
  const s: KnobSpec = KNOB_SPECS[name];
  const range = s.unit === 'bool' ? '0 或 1' : `${s.min}..${s.max}${s.integer ? '（整数）' : ''}`;
  return `${range}${s.unit === 's' ? ' 秒' : s.unit === 'bytes' ? ' 字节' : ''}`;
}

export function knobProblemZh(p: KnobProblem): string {
  switch (p.code) {
    case 'unknown-knob':
      return `未知的参数 ${p.name}；已知参数：${KNOB_NAMES.join('、')}`;
    case 'not-a-number':
      return `应为数字（${knobRangeZh(p.knob)}），实际为 ${p.got}`;
    case 'out-of-range':
      return `${p.value} 超出范围；允许：${knobRangeZh(p.knob)}`;
    case 'unknown-profile':
      return `未知的配置 "${p.profile}"；可用：${PROFILES.join('、')}`;
    case 'rto-order':
      return `rto_min（${p.min}）大于 rto_max（${p.max}）`;
  }
}

/** `where` as the stack names it (`sysctl.tcp_fin_timeout`, `set.rto_min`, `profile`). */
export const knobWhereZh = (where: string): string => (where === 'profile' ? '配置' : where);
