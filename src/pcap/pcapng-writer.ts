/**
 * pcapng writer (draft-ietf-opsawg-pcapng): one Section Header Block, one
 * Interface Description Block per capture point, one Enhanced Packet Block per
 * frame with its comment. Little-endian, microsecond timestamps.
 */
import { ByteWriter, utf8 } from './bytes.ts';
import type { CaptureFile } from './container.ts';
import { micros, SNAPLEN } from './container.ts';

const LE = true;
const SHB = 0x0a0d0d0a;
const IDB = 0x00000001;
const EPB = 0x00000006;
const OPT_END = 0;
const OPT_COMMENT = 1;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;

function option(w: ByteWriter, code: number, value: Uint8Array): void {
  w.u16(code, LE).u16(value.length, LE).bytes(value).pad4();
}

/** Writes one block: type, total length, body, total length again. */
function block(w: ByteWriter, type: number, body: (w: ByteWriter) => void): void {
  const start = w.length;
  w.u32(type, LE).u32(0, LE);
  body(w);
  w.pad4();
  const total = w.length - start + 4;
  w.u32(total, LE);
  w.patch32(start + 4, total, LE);
}

export function writePcapng(f: CaptureFile): Uint8Array {
  const w = new ByteWriter(64 * 1024);
  block(w, SHB, (b) => {
    b.u32(0x1a2b3c4d, LE).u16(1, LE).u16(0, LE);
    b.u32(0xffffffff, LE).u32(0xffffffff, LE); // section length unknown
    if (f.comment) option(b, OPT_COMMENT, utf8(f.comment));
    if (f.application) option(b, SHB_USERAPPL, utf8(f.application));
    b.u16(OPT_END, LE).u16(0, LE);
  });
  for (const i of f.interfaces) {
    block(w, IDB, (b) => {
      b.u16(i.linkType, LE).u16(0, LE).u32(SNAPLEN, LE);
      option(b, IF_NAME, utf8(i.name));
      if (i.description) option(b, IF_DESCRIPTION, utf8(i.description));
      option(b, IF_TSRESOL, Uint8Array.of(6));
      b.u16(OPT_END, LE).u16(0, LE);
    });
  }
  for (const p of f.packets) {
    block(w, EPB, (b) => {
      const ts = micros(p.t);
      b.u32(p.iface, LE).u32(ts.hi, LE).u32(ts.lo, LE).u32(p.data.length, LE).u32(p.data.length, LE);
      b.bytes(p.data).pad4();
      if (p.comment) {
        option(b, OPT_COMMENT, utf8(p.comment));
        b.u16(OPT_END, LE).u16(0, LE);
      }
    });
  }
  return w.result();
}
