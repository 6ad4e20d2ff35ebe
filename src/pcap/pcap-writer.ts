/**
 * Classic libpcap writer: microsecond timestamps, little-endian, one link type.
 * The format has no interfaces and no comments, so a capture with two capture
 * points or with comments loses them; the caller decides whether that is fine.
 */
import { ByteWriter } from './bytes.ts';
import type { CaptureFile } from './container.ts';
import { micros, SNAPLEN } from './container.ts';

const LE = true;

export function writePcap(f: CaptureFile): Uint8Array {
  const linkTypes = new Set(f.interfaces.map((i) => i.linkType));
  if (linkTypes.size !== 1) throw new Error('classic pcap holds exactly one link type');
  const w = new ByteWriter(64 * 1024);
  w.u32(0xa1b2c3d4, LE).u16(2, LE).u16(4, LE).u32(0, LE).u32(0, LE).u32(SNAPLEN, LE).u32([...linkTypes][0]!, LE);
  for (const p of f.packets) {
    const ts = micros(p.t);
    w.u32(ts.sec, LE).u32(ts.usec, LE).u32(p.data.length, LE).u32(p.data.length, LE).bytes(p.data);
  }
  return w.result();
}
