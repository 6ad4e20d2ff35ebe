/** Test helpers: hand-built frames and capture files of every supported shape. */
import { ByteWriter } from './bytes.ts';
import { ipv4Packet } from './packet.ts';
import type { WireSegment } from './packet.ts';
import { finishChecksum, sum16 } from './bytes.ts';

export const seg = (o: Partial<WireSegment> = {}): WireSegment => ({
  src: { addr: '10.0.0.1', port: 40000 },
  dst: { addr: '10.0.0.2', port: 80 },
  ipId: 1,
  flags: ['SYN'],
  seq: 1000,
  ack: 0,
  win: 65535,
  len: 0,
  mss: 1460,
  ...o,
});

/** An IPv6 packet carrying the same TCP segment, optionally behind a hop-by-hop options header. */
export function ipv6Packet(s: WireSegment, hopByHop = false): Uint8Array {
  const v4 = ipv4Packet(s);
  const tcp = v4.subarray(20);
  const ext = hopByHop ? 8 : 0;
  const p = new Uint8Array(40 + ext + tcp.length);
  const v = new DataView(p.buffer);
  v.setUint32(0, 0x60000000);
  v.setUint16(4, ext + tcp.length);
  p[6] = hopByHop ? 0 : 6;
  p[7] = 64;
  p.set([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 8);
  p.set([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2], 24);
  if (hopByHop) {
    p[40] = 6; // next header: TCP
    p[41] = 0; // 8 bytes in all
    p.set([1, 4, 0, 0, 0, 0], 42); // PadN
  }
  p.set(tcp, 40 + ext);
  // The TCP checksum over the IPv6 pseudo-header.
  const t = 40 + ext;
  v.setUint16(t + 16, 0);
  const sum = sum16(p, 8, 40) + 6 + tcp.length;
  v.setUint16(t + 16, finishChecksum(sum16(p, t, p.length, sum)));
  return p;
}

export function withLink(linkType: number, ip: Uint8Array, vlan = false): Uint8Array {
  const ver = ip[0]! >> 4;
  const etherType = ver === 6 ? 0x86dd : 0x0800;
  switch (linkType) {
    case 1: {
      const h = vlan ? 18 : 14;
      const f = new Uint8Array(h + ip.length);
      f.set([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1]);
      const v = new DataView(f.buffer);
      if (vlan) {
        v.setUint16(12, 0x8100);
        v.setUint16(14, 42);
      }
      v.setUint16(h - 2, etherType);
      f.set(ip, h);
      return f;
    }
    case 0: {
      const f = new Uint8Array(4 + ip.length);
      new DataView(f.buffer).setUint32(0, ver === 6 ? 30 : 2, true);
      f.set(ip, 4);
      return f;
    }
    case 108: {
      const f = new Uint8Array(4 + ip.length);
      new DataView(f.buffer).setUint32(0, ver === 6 ? 24 : 2, false);
      f.set(ip, 4);
      return f;
    }
    case 113: {
      const f = new Uint8Array(16 + ip.length);
      new DataView(f.buffer).setUint16(14, etherType);
      f.set(ip, 16);
      return f;
    }
    case 276: {
      const f = new Uint8Array(20 + ip.length);
      new DataView(f.buffer).setUint16(0, etherType);
      f.set(ip, 20);
      return f;
    }
    default:
      return ip;
  }
}

export interface Rec {
  t: number;
  data: Uint8Array;
  iface?: number;
  /** captured length, if shorter than the frame */
  cap?: number;
}

export function pcapFile(linkType: number, recs: Rec[], o: { le?: boolean; nanos?: boolean } = {}): Uint8Array {
  const le = o.le ?? true;
  const w = new ByteWriter();
  w.u32(o.nanos ? 0xa1b23c4d : 0xa1b2c3d4, le).u16(2, le).u16(4, le).u32(0, le).u32(0, le).u32(65535, le).u32(linkType, le);
  for (const r of recs) {
    const cap = r.cap ?? r.data.length;
    const sec = Math.floor(r.t);
    const frac = Math.round((r.t - sec) * (o.nanos ? 1e9 : 1e6));
    w.u32(sec, le).u32(frac, le).u32(cap, le).u32(r.data.length, le).bytes(r.data.subarray(0, cap));
  }
  return w.result();
}

/** pcapng with the given interfaces (link type, timestamp resolution exponent), in either byte order. */
export function pcapngFile(ifaces: { linkType: number; tsresol?: number }[], recs: Rec[], le = true): Uint8Array {
  const w = new ByteWriter();
  const block = (type: number, body: () => void) => {
    const start = w.length;
    w.u32(type, le).u32(0, le);
    body();
    w.pad4();
    const total = w.length - start + 4;
    w.u32(total, le);
    w.patch32(start + 4, total, le);
  };
  block(0x0a0d0d0a, () => w.u32(0x1a2b3c4d, le).u16(1, le).u16(0, le).u32(0xffffffff, le).u32(0xffffffff, le));
  for (const i of ifaces) {
    block(1, () => {
      w.u16(i.linkType, le).u16(0, le).u32(0, le);
      if (i.tsresol !== undefined) w.u16(9, le).u16(1, le).u8(i.tsresol).pad4();
      w.u16(0, le).u16(0, le);
    });
  }
  for (const r of recs) {
    const unit = 10 ** -(ifaces[r.iface ?? 0]!.tsresol ?? 6);
    const ts = Math.round(r.t / unit);
    const cap = r.cap ?? r.data.length;
    block(6, () => {
      w.u32(r.iface ?? 0, le).u32(Math.floor(ts / 2 ** 32), le).u32(ts % 2 ** 32, le).u32(cap, le).u32(r.data.length, le);
      w.bytes(r.data.subarray(0, cap)).pad4();
    });
  }
  return w.result();
}
