/**
 * A refused fleet knob or option in Chinese, worded from the problem the fleet code throws
 * (src/fleet/problems.ts, or src/tcp's KnobProblem for an engine knob); English is the thrown
 * message itself. Only the fleet page imports this file, so it rides in that page's chunk.
 */
import type { FleetProblem, HostIntKnob, Refusal } from '../../fleet/problems.ts';
import { refusalOf } from '../../fleet/problems.ts';
import type { Lang } from '../i18n/index.ts';
import { knobProblemZh } from '../docs/pktSyntax.ts';

const HOST_HELP_ZH: Record<HostIntKnob, string> = {
  ulimit_n: '每个进程可打开的文件数（ulimit -n）',
  tcp_max_syn_backlog: '未启用 SYN cookie 时，SYN_RCVD 超过它的 3/4 后丢弃新的 SYN；半连接队列本身止于 listen() 的 backlog，受 somaxconn 限制',
  tcp_syncookies: '1 = 半连接队列超过 listen() 的 backlog 后启用 SYN cookie，2 = 总是启用，0 = 从不',
  tcp_abort_on_overflow: '全连接队列已满时，0 = 丢弃握手的最后一个 ACK，1 = 以 RST 回应',
  tcp_tw_recycle: '已在 Linux 4.12 中移除（会让 NAT 之后的客户端出错）；接受但忽略',
};

export function fleetProblemZh(p: FleetProblem): string {
  switch (p.code) {
    case 'host-int':
      return `应为整数 ${p.min}..${p.max}（${HOST_HELP_ZH[p.knob]}），实际为 ${p.got}`;
    case 'port-range-form':
      return `应为端口范围 "lo-hi"（例如 "32768-60999"），实际为 ${p.got}`;
    case 'port-range-bounds':
      return `${p.lo}-${p.hi} 超出范围；允许：1024 <= lo <= hi <= 65535`;
    case 'unknown-knob':
      return `未知的参数 "${p.name}"；已知参数：${p.known.join('、')}`;
    case 'number':
      return `应为${p.integer ? '整数' : '数字'} ${p.min}..${p.max}，实际为 ${p.got}`;
    case 'seconds':
      return `应为秒数 ${p.min}..${p.max}，实际为 ${p.got}`;
  }
}

/** An error the what-if caught or the worker reported, in `lang`: the field it names, then the problem (English: the message as thrown). */
export function refusalIn(e: unknown, lang: Lang): string {
  const r = !(e instanceof Error) && isRefusal(e) ? e : refusalOf(e);
  if (lang === 'en' || r.where === undefined) return r.message;
  if (r.fleetProblem) return `${r.where}：${fleetProblemZh(r.fleetProblem)}`;
  if (r.problem) return `${r.where}：${knobProblemZh(r.problem)}`;
  return r.message;
}

const isRefusal = (v: unknown): v is Refusal => typeof v === 'object' && v !== null && typeof (v as { message?: unknown }).message === 'string';
