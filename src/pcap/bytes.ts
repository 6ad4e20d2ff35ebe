/** Little byte helpers shared by the capture writers: a growable little/big-endian writer and the Internet checksum. */

export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  length = 0;

  constructor(initial = 4096) {
    this.buf = new Uint8Array(initial);
    this.view = new DataView(this.buf.buffer);
  }

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): this {
    this.room(1);
    this.view.setUint8(this.length, v);
    this.length += 1;
    return this;
  }
  u16(v: number, le: boolean): this {
    this.room(2);
    this.view.setUint16(this.length, v, le);
    this.length += 2;
    return this;
  }
  u32(v: number, le: boolean): this {
    this.room(4);
    this.view.setUint32(this.length, v >>> 0, le);
    this.length += 4;
    return this;
  }
  bytes(b: Uint8Array): this {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }
  /** zero bytes up to the next multiple of four */
  pad4(): this {
    while (this.length % 4) this.u8(0);
    return this;
  }
  /** overwrite a 32-bit value already written (block lengths are known only at the end) */
  patch32(at: number, v: number, le: boolean): void {
    this.view.setUint32(at, v >>> 0, le);
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** One's-complement sum of 16-bit big-endian words (RFC 1071), not yet folded or inverted. */
export function sum16(b: Uint8Array, start = 0, end = b.length, acc = 0): number {
  let s = acc;
  let i = start;
  for (; i + 1 < end; i += 2) s += (b[i]! << 8) | b[i + 1]!;
  if (i < end) s += b[i]! << 8;
  return s;
}

/** The Internet checksum of a running sum: folded to 16 bits and inverted. */
export function finishChecksum(sum: number): number {
  let s = sum;
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return ~s & 0xffff;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
