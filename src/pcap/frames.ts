/**
 * The container formats: classic pcap (µs or ns timestamps, either byte order)
 * and pcapng (SHB/IDB/EPB, plus simple and obsolete packet blocks; several
 * interfaces and sections). Yields raw frames with their link type; decoding
 * the frames is `decode.ts`'s job. Every malformed structure is a CaptureError
 * naming the byte offset.
 */
import { captureError } from './capture-error.ts';

export interface RawFrame {
  /** 1-based packet number, as Wireshark counts */
  number: number;
  /** byte offset of the packet's record or block in the file */
  offset: number;
  /** byte offset of the frame's first byte in the file */
  dataOffset: number;
  /** seconds since the epoch */
  t: number;
  iface: number;
  linkType: number;
  data: Uint8Array;
  /** length on the wire (may exceed data.length when the snapshot length cut it) */
  origLen: number;
}

export interface FrameFile {
  format: 'pcap' | 'pcapng';
  frames: RawFrame[];
  interfaces: { linkType: number; name?: string }[];
}

/** The largest record we accept: bigger means a corrupt length field, not a packet. */
const MAX_RECORD = 16 << 20;

export const SUPPORTED_LINK_TYPES: Record<number, string> = {
  0: 'BSD loopback (null)',
  1: 'Ethernet',
  12: 'raw IP',
  14: 'raw IP',
  101: 'raw IP',
  108: 'OpenBSD loopback',
  113: 'Linux cooked (SLL)',
  228: 'raw IPv4',
  229: 'raw IPv6',
  276: 'Linux cooked v2 (SLL2)',
};

function checkLinkType(file: string, offset: number, lt: number): void {
  if (!(lt in SUPPORTED_LINK_TYPES)) {
    const known = Object.entries(SUPPORTED_LINK_TYPES).map(([n, s]) => `${n} ${s}`).join(', ');
    throw captureError(file, offset, { code: 'link-type', linkType: lt, supported: known });
  }
}

export function readFrames(b: Uint8Array, file: string): FrameFile {
  if (b.length < 4) throw captureError(file, 0, { code: 'file-too-short', length: b.length });
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const m = v.getUint32(0, false);
  if (m === 0x0a0d0d0a) return readPcapng(b, v, file);
  const pcapMagic: Record<number, { le: boolean; nanos: boolean }> = {
    0xa1b2c3d4: { le: false, nanos: false },
    0xd4c3b2a1: { le: true, nanos: false },
    0xa1b23c4d: { le: false, nanos: true },
    0x4d3cb2a1: { le: true, nanos: true },
  };
  const p = pcapMagic[m];
  if (!p) throw captureError(file, 0, { code: 'wrong-magic', magic: `0x${m.toString(16).padStart(8, '0')}` });
  return readPcap(b, v, file, p.le, p.nanos);
}

function readPcap(b: Uint8Array, v: DataView, file: string, le: boolean, nanos: boolean): FrameFile {
  if (b.length < 24) throw captureError(file, b.length, { code: 'pcap-header-cut', length: b.length });
  const linkType = v.getUint32(20, le) & 0x0fffffff;
  checkLinkType(file, 20, linkType);
  const frames: RawFrame[] = [];
  let at = 24;
  while (at < b.length) {
    if (at + 16 > b.length) throw captureError(file, at, { code: 'record-header-cut', packet: frames.length + 1, have: b.length - at });
    const sec = v.getUint32(at, le);
    const frac = v.getUint32(at + 4, le);
    const incl = v.getUint32(at + 8, le);
    const orig = v.getUint32(at + 12, le);
    if (incl > MAX_RECORD) throw captureError(file, at + 8, { code: 'record-too-large', packet: frames.length + 1, bytes: incl });
    if (at + 16 + incl > b.length) throw captureError(file, at, { code: 'record-cut', packet: frames.length + 1, announced: incl, present: b.length - at - 16 });
    frames.push({ number: frames.length + 1, offset: at, dataOffset: at + 16, t: sec + frac / (nanos ? 1e9 : 1e6), iface: 0, linkType, data: b.subarray(at + 16, at + 16 + incl), origLen: Math.max(orig, incl) });
    at += 16 + incl;
  }
  return { format: 'pcap', frames, interfaces: [{ linkType }] };
}

interface Iface {
  linkType: number;
  name?: string;
  /** timestamp units per second */
  perSecond: number;
  /** seconds added to every timestamp */
  offset: number;
}

function readPcapng(b: Uint8Array, v: DataView, file: string): FrameFile {
  const frames: RawFrame[] = [];
  const all: { linkType: number; name?: string }[] = [];
  let ifaces: Iface[] = [];
  let ifaceBase = 0;
  let le = true;
  let at = 0;
  while (at < b.length) {
    if (at + 12 > b.length) throw captureError(file, at, { code: 'block-header-cut', left: b.length - at });
    let type = v.getUint32(at, le);
    if (v.getUint32(at, false) === 0x0a0d0d0a) {
      // A section header: its byte-order magic sets the endianness of everything up to the next one.
      type = 0x0a0d0d0a;
      const bom = v.getUint32(at + 8, true);
      if (bom === 0x1a2b3c4d) le = true;
      else if (bom === 0x4d3c2b1a) le = false;
      else throw captureError(file, at + 8, { code: 'byte-order-magic', magic: `0x${v.getUint32(at + 8, false).toString(16)}` });
    }
    const len = v.getUint32(at + 4, le);
    if (len < 12 || len % 4 !== 0) throw captureError(file, at + 4, { code: 'block-length', length: len });
    if (at + len > b.length) throw captureError(file, at, { code: 'block-cut', announced: len, present: b.length - at });
    if (v.getUint32(at + len - 4, le) !== len) throw captureError(file, at + len - 4, { code: 'trailing-length', trailing: v.getUint32(at + len - 4, le), leading: len });
    const end = at + len - 4;
    switch (type) {
      case 0x0a0d0d0a: {
        if (len < 28) throw captureError(file, at, { code: 'block-too-short', block: 'section header', length: len, min: 28 });
        const major = v.getUint16(at + 12, le);
        if (major !== 1) throw captureError(file, at + 12, { code: 'pcapng-version', major });
        ifaceBase = all.length;
        ifaces = [];
        break;
      }
      case 1: {
        if (len < 20) throw captureError(file, at, { code: 'block-too-short', block: 'interface description', length: len, min: 20 });
        const linkType = v.getUint16(at + 8, le);
        checkLinkType(file, at + 8, linkType);
        const i: Iface = { linkType, perSecond: 1e6, offset: 0 };
        for (const o of options(b, v, file, at + 16, end, le)) {
          if (o.code === 2) i.name = new TextDecoder().decode(o.value);
          if (o.code === 9 && o.value.length >= 1) {
            const r = o.value[0]!;
            const exp = r & 0x7f;
            if (exp > 63) throw captureError(file, o.offset, { code: 'timestamp-resolution', exp });
            i.perSecond = r & 0x80 ? 2 ** exp : 10 ** exp;
          }
          if (o.code === 14 && o.value.length >= 8) {
            const ov = new DataView(o.value.buffer, o.value.byteOffset, 8);
            i.offset = Number(ov.getBigInt64(0, le));
          }
        }
        ifaces.push(i);
        all.push({ linkType, ...(i.name !== undefined ? { name: i.name } : {}) });
        break;
      }
      case 6:
      case 2: {
        // Enhanced packet block (6), or the obsolete packet block (2) with a 16-bit interface id.
        if (len < 32) throw captureError(file, at, { code: 'block-too-short', block: 'packet', length: len, min: 32 });
        const id = type === 6 ? v.getUint32(at + 8, le) : v.getUint16(at + 8, le);
        const i = ifaces[id];
        if (!i) throw captureError(file, at + 8, { code: 'interface-id', id, declared: ifaces.length });
        const ts = v.getUint32(at + 12, le) * 2 ** 32 + v.getUint32(at + 16, le);
        const cap = v.getUint32(at + 20, le);
        const orig = v.getUint32(at + 24, le);
        if (28 + cap > len - 4) throw captureError(file, at + 20, { code: 'packet-overflows-block', captured: cap, block: len });
        frames.push({ number: frames.length + 1, offset: at, dataOffset: at + 28, t: i.offset + ts / i.perSecond, iface: ifaceBase + id, linkType: i.linkType, data: b.subarray(at + 28, at + 28 + cap), origLen: Math.max(orig, cap) });
        break;
      }
      case 3: {
        // Simple packet block: interface 0, no timestamp, captured length implied by the block.
        if (len < 16) throw captureError(file, at, { code: 'block-too-short', block: 'simple packet', length: len });
        const i = ifaces[0];
        if (!i) throw captureError(file, at, { code: 'simple-before-interface' });
        const orig = v.getUint32(at + 8, le);
        const cap = Math.min(orig, len - 16);
        frames.push({ number: frames.length + 1, offset: at, dataOffset: at + 12, t: frames.at(-1)?.t ?? 0, iface: ifaceBase, linkType: i.linkType, data: b.subarray(at + 12, at + 12 + cap), origLen: orig });
        break;
      }
      default:
        break; // name resolution, statistics, custom and other blocks carry no packets
    }
    at += len;
  }
  return { format: 'pcapng', frames, interfaces: all };
}

function* options(b: Uint8Array, v: DataView, file: string, start: number, end: number, le: boolean): Generator<{ code: number; value: Uint8Array; offset: number }> {
  let at = start;
  while (at + 4 <= end) {
    const code = v.getUint16(at, le);
    const n = v.getUint16(at + 2, le);
    if (code === 0) return;
    if (at + 4 + n > end) throw captureError(file, at, { code: 'option-overflows', option: code, length: n });
    yield { code, value: b.subarray(at + 4, at + 4 + n), offset: at };
    at += 4 + n + ((4 - (n % 4)) % 4);
  }
}
