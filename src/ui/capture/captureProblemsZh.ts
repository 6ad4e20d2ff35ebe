/**
 * A capture file's problem in Chinese, worded from the structured problem the reader throws
 * (src/pcap/capture-problems.ts; English is the reader's own message). The capture panel loads
 * this file on demand together with the reader, so the app's and the embed's first load do not
 * carry it.
 */
import type { BlockKind, CaptureProblem } from '../../pcap/capture-problems.ts';
import { skipWordsZh } from './skipNotes.ts';

const BLOCK_ZH: Record<BlockKind, string> = {
  'section header': '节头块（SHB）',
  'interface description': '接口描述块（IDB）',
  packet: '数据包块',
  'simple packet': '简单数据包块（SPB）',
};

/** Link types as SUPPORTED_LINK_TYPES names them, in Chinese. */
const LINK_ZH: Record<string, string> = {
  'BSD loopback (null)': 'BSD 环回接口（null）',
  Ethernet: '以太网',
  'raw IP': '原始 IP',
  'OpenBSD loopback': 'OpenBSD 环回接口',
  'Linux cooked (SLL)': 'Linux 抓包伪首部（SLL）',
  'raw IPv4': '原始 IPv4',
  'raw IPv6': '原始 IPv6',
  'Linux cooked v2 (SLL2)': 'Linux 抓包伪首部 v2（SLL2）',
};

/** "0 BSD loopback (null), 1 Ethernet, …" in Chinese. */
const supportedZh = (list: string): string =>
  list
    .split(', ')
    .map((item) => {
      const m = /^(\d+) (.*)$/.exec(item);
      return m ? `${m[1]} ${LINK_ZH[m[2]!] ?? m[2]}` : item;
    })
    .join('、');

/** The problem in Chinese (the part of the message after the file and byte). */
export function captureProblemZh(p: CaptureProblem): string {
  switch (p.code) {
    case 'file-too-short':
      return `文件被截断：${p.length} 字节，不足以构成抓包文件`;
    case 'wrong-magic':
      return `魔数 ${p.magic} 不对：不是 pcap 或 pcapng 文件`;
    case 'pcap-header-cut':
      return `pcap 文件头被截断：只有 ${p.length} 字节，应为 24 字节`;
    case 'link-type':
      return `不支持的链路类型 ${p.linkType}；支持的类型：${supportedZh(p.supported)}`;
    case 'record-header-cut':
      return `第 ${p.packet} 个包的记录头被截断：只有 ${p.have} 字节，应为 16 字节`;
    case 'record-too-large':
      return `第 ${p.packet} 个包声称抓取了 ${p.bytes} 字节：记录已损坏`;
    case 'record-cut':
      return `第 ${p.packet} 个包被截断：声明 ${p.announced} 字节，实有 ${p.present} 字节`;
    case 'block-header-cut':
      return `块头被截断：只剩 ${p.left} 字节，一个块至少需要 12 字节`;
    case 'byte-order-magic':
      return `节头块的字节序魔数 ${p.magic} 不对`;
    case 'block-length':
      return `块长度 ${p.length} 无效（至少 12，且为 4 的倍数）`;
    case 'block-cut':
      return `块被截断：声明 ${p.announced} 字节，实有 ${p.present} 字节`;
    case 'trailing-length':
      return `块尾的长度 ${p.trailing} 与块首的长度 ${p.leading} 不一致`;
    case 'block-too-short':
      return `${BLOCK_ZH[p.block]}只有 ${p.length} 字节，太短${p.min === undefined ? '' : `（至少 ${p.min} 字节）`}`;
    case 'pcapng-version':
      return `不支持的 pcapng 版本 ${p.major}`;
    case 'timestamp-resolution':
      return `时间戳精度 ${p.exp} 超出范围`;
    case 'interface-id':
      return `数据包块指向接口 ${p.id}，但该节只声明了 ${p.declared} 个接口`;
    case 'packet-overflows-block':
      return `抓取的 ${p.captured} 字节数据放不进它所在的 ${p.block} 字节的块`;
    case 'simple-before-interface':
      return '简单数据包块（SPB）出现在任何接口描述块（IDB）之前';
    case 'option-overflows':
      return `选项 ${p.option}（${p.length} 字节）超出了所在块的末尾`;
    case 'no-tcp-stream': {
      const why = p.skipped.map((s) => `跳过 ${s.count} 个：${skipWordsZh(s.why).key}（第一个位于第 ${s.offset} 字节）`).join('；');
      return `${p.frames} 个包中没有 TCP 流${why ? `；${why}` : ''}`;
    }
    case 'unknown-stream':
      return `没有 TCP 流 ${p.id}；抓包中有 ${p.streams.length} 条：${p.streams.map((l) => `${l.id}：${l.client} → ${l.server}，${l.packets} 个包`).join('；')}`;
    case 'unreadable':
      return `无法读取（${p.reason}）`;
  }
}

/** A file that did not open, in Chinese: the file, the byte when there is one, the problem. */
export function openErrorZh(file: string, offset: number | null, p: CaptureProblem): string {
  return `${file}${offset === null ? '' : `：第 ${offset} 字节`}：${captureProblemZh(p)}`;
}
