/**
 * From a link-layer frame to the TCP segment inside: Ethernet (with VLAN tags),
 * raw IP, Linux cooked (SLL, SLL2), BSD/OpenBSD loopback; IPv4 and IPv6 (with
 * extension headers). A frame that holds no TCP segment gives the reason it was
 * skipped; a TCP header cut short by the snapshot length is reported as such.
 */
import type { FlagName } from '../tcp/segment.ts';
import type { RawFrame } from './frames.ts';

export interface TcpPacket {
  number: number;
  offset: number;
  t: number;
  iface: number;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: FlagName[];
  win: number;
  /** payload bytes, from the IP lengths (the capture may hold fewer) */
  len: number;
  mss?: number;
  wscale?: number;
  sackOk?: boolean;
}

/** A header the snapshot length can cut short. */
export type CutHeader =
  | 'IP header'
  | 'Ethernet header'
  | 'VLAN tag'
  | 'loopback header'
  | 'Linux cooked header'
  | 'Linux cooked v2 header'
  | 'IPv4 header'
  | 'IPv6 header'
  | 'IPv6 extension header'
  | 'TCP header';

/** Why a frame was skipped, as data (a page words it in its own language; `skipWords` is the English). */
export type SkipWhy =
  | { code: 'cut'; header: CutHeader; need: number; have: number }
  | { code: 'ip-version'; version: number }
  /** `type` as written: 0x0806 */
  | { code: 'ethertype'; type: string }
  | { code: 'address-family'; family: number }
  | { code: 'link-type'; linkType: number }
  | { code: 'malformed-ipv4'; version: number; length: number }
  | { code: 'ip-protocol'; proto: number; ipv6: boolean }
  | { code: 'ipv4-fragment' }
  | { code: 'ipv6-fragment' }
  | { code: 'malformed-tcp'; offset: number };

export const SKIP_CODES = ['cut', 'ip-version', 'ethertype', 'address-family', 'link-type', 'malformed-ipv4', 'ip-protocol', 'ipv4-fragment', 'ipv6-fragment', 'malformed-tcp'] as const satisfies readonly SkipWhy['code'][];

/** The English of a skip: `key` is the short reason packets are counted under, `detail` says the first one. */
export function skipWords(w: SkipWhy): { key: string; detail: string } {
  switch (w.code) {
    case 'cut':
      return { key: `${w.header} cut by the snapshot length`, detail: `${w.header} needs ${w.need} bytes, the capture kept ${w.have}` };
    case 'ip-version':
      return { key: `IP version ${w.version}`, detail: `not IPv4 or IPv6 (version ${w.version})` };
    case 'ethertype':
      return { key: `EtherType ${w.type}`, detail: `not IP (EtherType ${w.type})` };
    case 'address-family':
      return { key: `address family ${w.family}`, detail: `not IP (loopback address family ${w.family})` };
    case 'link-type':
      return { key: `link type ${w.linkType}`, detail: `unsupported link type ${w.linkType}` };
    case 'malformed-ipv4':
      return { key: 'malformed IPv4 header', detail: `IPv4 header with version ${w.version} and length ${w.length}` };
    case 'ip-protocol':
      return { key: `IP protocol ${w.proto}`, detail: `not TCP (${w.ipv6 ? 'IPv6 next header' : 'IP protocol'} ${w.proto})` };
    case 'ipv4-fragment':
      return { key: 'IPv4 fragment', detail: 'a fragment of an IPv4 packet (not reassembled)' };
    case 'ipv6-fragment':
      return { key: 'IPv6 fragment', detail: 'a fragment of an IPv6 packet (not reassembled)' };
    case 'malformed-tcp':
      return { key: 'malformed TCP header', detail: `TCP data offset ${w.offset} is below 20` };
  }
}

/** Why a frame was skipped: a short reason used as a counter key, and the detail for the first one. */
export interface Skip {
  skip: string;
  /** a broken header rather than simply another protocol */
  cut?: boolean;
  detail: string;
  why: SkipWhy;
}

const skipOf = (why: SkipWhy): Skip => {
  const { key, detail } = skipWords(why);
  return why.code === 'cut' ? { skip: key, cut: true, detail, why } : { skip: key, detail, why };
};

const ETH_IPV4 = 0x0800;
const ETH_IPV6 = 0x86dd;
const VLAN = new Set([0x8100, 0x88a8, 0x9100]);

const flagsOf = (bits: number): FlagName[] => {
  const out: FlagName[] = [];
  if (bits & 0x02) out.push('SYN');
  if (bits & 0x01) out.push('FIN');
  if (bits & 0x04) out.push('RST');
  if (bits & 0x08) out.push('PSH');
  if (bits & 0x10) out.push('ACK');
  return out;
};

function ipv6Text(b: Uint8Array, at: number): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[at + i]! << 8) | b[at + i + 1]!).toString(16));
  // Compress the longest run of zero groups (RFC 5952).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

const cut = (header: CutHeader, need: number, have: number): Skip => skipOf({ code: 'cut', header, need, have });

/** Finds the network-layer protocol and where its header starts. */
function link(f: RawFrame): { proto: 'ipv4' | 'ipv6'; at: number } | Skip {
  const d = f.data;
  const v = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const byVersion = (at: number): { proto: 'ipv4' | 'ipv6'; at: number } | Skip => {
    if (d.length <= at) return cut('IP header', at + 1, d.length);
    const ver = d[at]! >> 4;
    if (ver === 4) return { proto: 'ipv4', at };
    if (ver === 6) return { proto: 'ipv6', at };
    return skipOf({ code: 'ip-version', version: ver });
  };
  const byEtherType = (type: number, at: number): { proto: 'ipv4' | 'ipv6'; at: number } | Skip => {
    if (type === ETH_IPV4) return { proto: 'ipv4', at };
    if (type === ETH_IPV6) return { proto: 'ipv6', at };
    return skipOf({ code: 'ethertype', type: `0x${type.toString(16).padStart(4, '0')}` });
  };
  switch (f.linkType) {
    case 1: {
      let at = 12;
      if (d.length < 14) return cut('Ethernet header', 14, d.length);
      let type = v.getUint16(at);
      while (VLAN.has(type)) {
        at += 4;
        if (d.length < at + 2) return cut('VLAN tag', at + 2, d.length);
        type = v.getUint16(at);
      }
      return byEtherType(type, at + 2);
    }
    case 12:
    case 14:
    case 101:
      return byVersion(0);
    case 228:
      return { proto: 'ipv4', at: 0 };
    case 229:
      return { proto: 'ipv6', at: 0 };
    case 0:
    case 108: {
      if (d.length < 4) return cut('loopback header', 4, d.length);
      // The address family, in the capturing host's byte order (null) or network order (OpenBSD loop).
      const fam = f.linkType === 108 ? v.getUint32(0, false) : Math.min(v.getUint32(0, true), v.getUint32(0, false));
      if (fam === 2) return { proto: 'ipv4', at: 4 };
      if (fam === 24 || fam === 28 || fam === 30) return { proto: 'ipv6', at: 4 };
      return skipOf({ code: 'address-family', family: fam });
    }
    case 113:
      if (d.length < 16) return cut('Linux cooked header', 16, d.length);
      return byEtherType(v.getUint16(14), 16);
    case 276:
      if (d.length < 20) return cut('Linux cooked v2 header', 20, d.length);
      return byEtherType(v.getUint16(0), 20);
    default:
      return skipOf({ code: 'link-type', linkType: f.linkType });
  }
}

export function decodeFrame(f: RawFrame): TcpPacket | Skip {
  const l = link(f);
  if ('skip' in l) return l;
  const d = f.data;
  const v = new DataView(d.buffer, d.byteOffset, d.byteLength);
  let at = l.at;
  let src: string;
  let dst: string;
  let proto: number;
  let ipPayload: number;
  if (l.proto === 'ipv4') {
    if (d.length < at + 20) return cut('IPv4 header', at + 20, d.length);
    const ihl = (d[at]! & 0x0f) * 4;
    if (d[at]! >> 4 !== 4 || ihl < 20) return skipOf({ code: 'malformed-ipv4', version: d[at]! >> 4, length: ihl });
    if (d.length < at + ihl) return cut('IPv4 header', at + ihl, d.length);
    const total = v.getUint16(at + 2);
    const frag = v.getUint16(at + 6);
    proto = d[at + 9]!;
    src = [...d.subarray(at + 12, at + 16)].join('.');
    dst = [...d.subarray(at + 16, at + 20)].join('.');
    if (proto !== 6) return skipOf({ code: 'ip-protocol', proto, ipv6: false });
    if ((frag & 0x1fff) !== 0 || (frag & 0x2000) !== 0) return skipOf({ code: 'ipv4-fragment' });
    // A TSO capture writes total length 0; then the frame's length is the truth.
    ipPayload = (total === 0 ? f.origLen - at : total) - ihl;
    at += ihl;
  } else {
    if (d.length < at + 40) return cut('IPv6 header', at + 40, d.length);
    ipPayload = v.getUint16(at + 4);
    let next = d[at + 6]!;
    src = ipv6Text(d, at + 8);
    dst = ipv6Text(d, at + 24);
    at += 40;
    // Extension headers: hop-by-hop, routing, destination options; a fragment is skipped.
    while (next === 0 || next === 43 || next === 60 || next === 44) {
      if (next === 44) return skipOf({ code: 'ipv6-fragment' });
      if (d.length < at + 2) return cut('IPv6 extension header', at + 2, d.length);
      const n = (d[at + 1]! + 1) * 8;
      next = d[at]!;
      ipPayload -= n;
      at += n;
    }
    proto = next;
    if (proto !== 6) return skipOf({ code: 'ip-protocol', proto, ipv6: true });
  }
  if (d.length < at + 20) return cut('TCP header', at + 20, d.length);
  const off = (d[at + 12]! >> 4) * 4;
  if (off < 20) return skipOf({ code: 'malformed-tcp', offset: off });
  if (d.length < at + off) return cut('TCP header', at + off, d.length);
  const p: TcpPacket = {
    number: f.number,
    offset: f.offset,
    t: f.t,
    iface: f.iface,
    src,
    dst,
    srcPort: v.getUint16(at),
    dstPort: v.getUint16(at + 2),
    seq: v.getUint32(at + 4),
    ack: v.getUint32(at + 8),
    flags: flagsOf(d[at + 13]!),
    win: v.getUint16(at + 14),
    len: Math.max(0, ipPayload - off),
  };
  // Options: MSS, window scale, SACK permitted.
  for (let o = at + 20; o < at + off; ) {
    const kind = d[o]!;
    if (kind === 0) break;
    if (kind === 1) {
      o++;
      continue;
    }
    const n = d[o + 1] ?? 0;
    if (n < 2 || o + n > at + off) break;
    if (kind === 2 && n === 4) p.mss = v.getUint16(o + 2);
    if (kind === 3 && n === 3) p.wscale = d[o + 2]!;
    if (kind === 4 && n === 2) p.sackOk = true;
    o += n;
  }
  return p;
}
