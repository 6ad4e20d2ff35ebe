/**
 * The capture reader's notes on skipped packets in the page's language. English is the reader's
 * own words (src/pcap/capture.ts skipNotes, what `npm run replay` prints); Chinese is worded here
 * from the structured reason each skip carries. Only the capture dialog imports this file, and
 * the dialog is loaded on demand, so the app's and the embed's first load do not carry it.
 */
import type { Capture } from '../../pcap/capture.ts';
import type { CutHeader, SkipWhy } from '../../pcap/decode.ts';
import type { Lang } from '../i18n/index.ts';

const HEADER_ZH: Record<CutHeader, string> = {
  'IP header': 'IP 首部',
  'Ethernet header': '以太网首部',
  'VLAN tag': 'VLAN 标签',
  'loopback header': '环回接口首部',
  'Linux cooked header': 'Linux 抓包伪首部（SLL）',
  'Linux cooked v2 header': 'Linux 抓包伪首部（SLL2）',
  'IPv4 header': 'IPv4 首部',
  'IPv6 header': 'IPv6 首部',
  'IPv6 extension header': 'IPv6 扩展首部',
  'TCP header': 'TCP 首部',
};

/** A skip in Chinese: `key` the short reason packets are counted under, `detail` the first one's. */
export function skipWordsZh(w: SkipWhy): { key: string; detail: string } {
  switch (w.code) {
    case 'cut':
      return { key: `${HEADER_ZH[w.header]}被快照长度截断`, detail: `${HEADER_ZH[w.header]}需要 ${w.need} 字节，抓包只保留了 ${w.have} 字节` };
    case 'ip-version':
      return { key: `IP 版本 ${w.version}`, detail: `不是 IPv4 或 IPv6（版本 ${w.version}）` };
    case 'ethertype':
      return { key: `以太网类型 ${w.type}`, detail: `不是 IP（以太网类型 ${w.type}）` };
    case 'address-family':
      return { key: `地址族 ${w.family}`, detail: `不是 IP（环回接口地址族 ${w.family}）` };
    case 'link-type':
      return { key: `链路类型 ${w.linkType}`, detail: `不支持的链路类型 ${w.linkType}` };
    case 'malformed-ipv4':
      return { key: '损坏的 IPv4 首部', detail: `IPv4 首部的版本为 ${w.version}，长度为 ${w.length}` };
    case 'ip-protocol':
      return { key: `IP 协议 ${w.proto}`, detail: `不是 TCP（${w.ipv6 ? 'IPv6 下一首部' : 'IP 协议'} ${w.proto}）` };
    case 'ipv4-fragment':
      return { key: 'IPv4 分片', detail: 'IPv4 报文的一个分片（不做重组）' };
    case 'ipv6-fragment':
      return { key: 'IPv6 分片', detail: 'IPv6 报文的一个分片（不做重组）' };
    case 'malformed-tcp':
      return { key: '损坏的 TCP 首部', detail: `TCP 数据偏移 ${w.offset} 小于 20` };
  }
}

/** One line per kind of skipped packet, in `lang` (in English the reader's own lines). */
export function skipNoteLines(c: Capture, lang: Lang, english: readonly string[]): string[] {
  if (lang === 'en') return [...english];
  return c.skipped.map((s) => {
    const { key, detail } = skipWordsZh(s.first.why);
    return `${c.file}：跳过 ${s.count} 个包：${key}（第一个：第 ${s.first.number} 个包，位于第 ${s.first.offset} 字节：${detail}）`;
  });
}
