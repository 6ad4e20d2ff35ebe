/**
 * Edge labels in the reader's language. The machine names its edges in the
 * RFC diagram's notation (`rcv SYN / snd SYN,ACK`); Chinese textbooks write the
 * same with 收/发 and translate the words around the flag names.
 */
import type { Edge } from '../../tcp/machine/edges.ts';
import type { Lang } from './strings.ts';

export const ZH_ON: Readonly<Record<string, string>> = {
  'connect()': 'connect()',
  'listen()': 'listen()',
  'close()': 'close()',
  'shutdown(SHUT_WR)': 'shutdown(SHUT_WR)',
  'abort (SO_LINGER 0)': '中止（SO_LINGER 0）',
  'rcv SYN': '收 SYN',
  'rcv SYN,ACK': '收 SYN,ACK',
  'rcv SYN,ACK with FIN': '收 SYN,ACK（带 FIN）',
  'rcv RST (ACK of SYN)': '收 RST（确认了 SYN）',
  'rcv RST (passive open)': '收 RST（被动打开）',
  'rcv RST': '收 RST',
  'rcv FIN': '收 FIN',
  'rcv FIN (ACK delayed)': '收 FIN（延迟 ACK）',
  'rcv ACK of SYN': '收 SYN 的 ACK',
  'rcv ACK of FIN': '收 FIN 的 ACK',
  'rcv FIN,ACK of FIN': '收 FIN 及我方 FIN 的 ACK',
  'rcv SYN in window (RFC 793)': '收窗口内 SYN（RFC 793）',
  'rcv new SYN': '收新的 SYN',
  'rcv data after close': 'close() 后收到数据',
  'close() with unread data': 'close()（有未读数据）',
  'retries exhausted': '重传次数耗尽',
  'keepalive gives up': '保活探测无应答',
  'tcp_fin_timeout': 'tcp_fin_timeout 超时',
  'timeout = 2MSL': '超时 = 2MSL',
  'tcp_max_tw_buckets full': 'tcp_max_tw_buckets 已满',
};

/** `rcv SYN / snd SYN,ACK`, or just the event when nothing is sent; in Chinese `收 SYN / 发 SYN,ACK`. */
export function edgeText(e: Pick<Edge, 'on' | 'does'>, lang: Lang): string {
  const on = lang === 'zh-CN' ? (ZH_ON[e.on] ?? e.on) : e.on;
  const does = lang === 'zh-CN' ? e.does.replace(/^snd /, '发 ') : e.does;
  return does ? `${on} / ${does}` : on;
}
