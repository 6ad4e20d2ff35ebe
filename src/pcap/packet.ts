/**
 * One TCP segment as it would appear on an Ethernet wire: Ethernet II, IPv4 (no
 * options, DF set, TTL 64) and TCP with the options the engine sends (MSS on
 * SYN segments), correct lengths and checksums. The model carries byte counts,
 * not bytes, so a payload is filled with a pattern keyed to sequence numbers
 * (a retransmission carries the same bytes as the original).
 */
import type { FlagName } from '../tcp/segment.ts';
import { finishChecksum, sum16 } from './bytes.ts';

export interface Endpoint {
  /** dotted IPv4 address */
  addr: string;
  port: number;
}

export interface WireSegment {
  src: Endpoint;
  dst: Endpoint;
  /** IPv4 identification field */
  ipId: number;
  flags: readonly FlagName[];
  seq: number;
  ack: number;
  win: number;
  len: number;
  /** MSS option, sent on SYN segments */
  mss?: number;
}

const TCP_FLAG_BITS: Record<FlagName, number> = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 };
export const ETHERTYPE_IPV4 = 0x0800;

export function ipv4Bytes(addr: string): Uint8Array {
  const parts = addr.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`not an IPv4 address: ${addr}`);
  return Uint8Array.from(parts);
}

/** A locally administered MAC address derived from the IPv4 address (02:00:a:b:c:d). */
export function macFor(addr: string): Uint8Array {
  return Uint8Array.from([0x02, 0x00, ...ipv4Bytes(addr)]);
}

/** The TCP header length in bytes for this segment (20, or 24 with the MSS option). */
export const tcpHeaderLength = (s: Pick<WireSegment, 'mss'>): number => (s.mss !== undefined ? 24 : 20);

/** The IPv4 packet (header + TCP header + payload). */
export function ipv4Packet(s: WireSegment): Uint8Array {
  const thl = tcpHeaderLength(s);
  const total = 20 + thl + s.len;
  if (total > 0xffff) throw new Error(`segment of ${s.len} bytes does not fit in one IPv4 packet`);
  const p = new Uint8Array(total);
  const v = new DataView(p.buffer);
  // IPv4 header
  v.setUint8(0, 0x45);
  v.setUint8(1, 0);
  v.setUint16(2, total);
  v.setUint16(4, s.ipId & 0xffff);
  v.setUint16(6, 0x4000); // don't fragment
  v.setUint8(8, 64);
  v.setUint8(9, 6);
  p.set(ipv4Bytes(s.src.addr), 12);
  p.set(ipv4Bytes(s.dst.addr), 16);
  v.setUint16(10, finishChecksum(sum16(p, 0, 20)));
  // TCP header
  const t = 20;
  v.setUint16(t, s.src.port);
  v.setUint16(t + 2, s.dst.port);
  v.setUint32(t + 4, s.seq >>> 0);
  v.setUint32(t + 8, s.flags.includes('ACK') ? s.ack >>> 0 : 0);
  v.setUint8(t + 12, (thl / 4) << 4);
  v.setUint8(t + 13, s.flags.reduce((bits, f) => bits | TCP_FLAG_BITS[f], 0));
  v.setUint16(t + 14, Math.min(0xffff, s.win));
  if (s.mss !== undefined) {
    v.setUint8(t + 20, 2);
    v.setUint8(t + 21, 4);
    v.setUint16(t + 22, s.mss);
  }
  const data = t + thl;
  // Payload: lower-case letters, each byte keyed to its sequence number.
  for (let i = 0; i < s.len; i++) p[data + i] = 0x61 + ((s.seq + i) >>> 0) % 26;
  // Checksum over the pseudo-header (src, dst, zero, protocol, TCP length) and the segment.
  const tcpLen = thl + s.len;
  let sum = sum16(p, 12, 20) + 6 + tcpLen;
  sum = sum16(p, t, total, sum);
  v.setUint16(t + 16, finishChecksum(sum));
  return p;
}

/** The Ethernet II frame carrying the IPv4 packet. */
export function ethernetFrame(s: WireSegment): Uint8Array {
  const ip = ipv4Packet(s);
  const f = new Uint8Array(14 + ip.length);
  f.set(macFor(s.dst.addr), 0);
  f.set(macFor(s.src.addr), 6);
  f[12] = ETHERTYPE_IPV4 >> 8;
  f[13] = ETHERTYPE_IPV4 & 0xff;
  f.set(ip, 14);
  return f;
}
