/**
 * Reading a capture file: frames → TCP packets, grouped into streams (one per
 * 4-tuple, numbered from 0 in order of first appearance, as Wireshark's
 * tcp.stream). Total: any input either reads or gives a CaptureError naming the
 * file and the byte offset; nothing else is thrown.
 */
import { CaptureError, captureError } from './capture-error.ts';
import type { StreamLine } from './capture-problems.ts';
import { streamLineText } from './capture-problems.ts';
import type { SkipWhy, TcpPacket } from './decode.ts';
import { decodeFrame } from './decode.ts';
import { readFrames } from './frames.ts';

export interface SkipCount {
  reason: string;
  count: number;
  /** the first skipped packet: where and why */
  first: { number: number; offset: number; detail: string; why: SkipWhy };
  /** a header cut short by the snapshot length, rather than another protocol */
  cut: boolean;
}

export interface Capture {
  file: string;
  format: 'pcap' | 'pcapng';
  /** every packet in the file */
  frames: number;
  tcp: TcpPacket[];
  skipped: SkipCount[];
}

export interface StreamInfo {
  id: number;
  /** the side that opened the connection (sent the first SYN), else the first sender */
  client: { addr: string; port: number };
  server: { addr: string; port: number };
  packets: number;
  first: number;
  last: number;
  /** packet numbers in the file */
  numbers: number[];
}

export function readCapture(bytes: Uint8Array, file: string): Capture {
  try {
    const ff = readFrames(bytes, file);
    const tcp: TcpPacket[] = [];
    const skipped = new Map<string, SkipCount>();
    for (const f of ff.frames) {
      const p = decodeFrame(f);
      if ('skip' in p) {
        const s = skipped.get(p.skip);
        if (s) s.count++;
        else skipped.set(p.skip, { reason: p.skip, count: 1, first: { number: f.number, offset: f.offset, detail: p.detail, why: p.why }, cut: !!p.cut });
      } else tcp.push(p);
    }
    return { file, format: ff.format, frames: ff.frames.length, tcp, skipped: [...skipped.values()] };
  } catch (e) {
    if (e instanceof CaptureError) throw e;
    // A bug of ours must still answer as a clear error, never as a crash.
    throw captureError(file, null, { code: 'unreadable', reason: e instanceof Error ? e.message : String(e) }, e);
  }
}

/** One line per kind of skipped packet: "3 packets skipped: IP protocol 17 (first: packet 4 at byte 312: not TCP (IP protocol 17))". */
export function skipNotes(c: Capture): string[] {
  return c.skipped.map((s) => `${c.file}: ${s.count} packet${s.count === 1 ? '' : 's'} skipped: ${s.reason} (first: packet ${s.first.number} at byte ${s.first.offset}: ${s.first.detail})`);
}

/** An endpoint as captures print it (an IPv6 address in brackets). */
export const endpointKey = (addr: string, port: number) => `${addr.includes(':') ? `[${addr}]` : addr}:${port}`;
const streamKey = (p: TcpPacket) => {
  const a = endpointKey(p.src, p.srcPort);
  const b = endpointKey(p.dst, p.dstPort);
  return a < b ? `${a} ${b}` : `${b} ${a}`;
};

export function listStreams(c: Capture): StreamInfo[] {
  const byKey = new Map<string, StreamInfo & { opened: boolean }>();
  for (const p of c.tcp) {
    const k = streamKey(p);
    let s = byKey.get(k);
    if (!s) {
      s = { id: byKey.size, client: { addr: p.src, port: p.srcPort }, server: { addr: p.dst, port: p.dstPort }, packets: 0, first: p.t, last: p.t, numbers: [], opened: false };
      byKey.set(k, s);
    }
    if (!s.opened && p.flags.includes('SYN') && !p.flags.includes('ACK')) {
      s.opened = true;
      s.client = { addr: p.src, port: p.srcPort };
      s.server = { addr: p.dst, port: p.dstPort };
    }
    s.packets++;
    s.first = Math.min(s.first, p.t);
    s.last = Math.max(s.last, p.t);
    s.numbers.push(p.number);
  }
  return [...byKey.values()].map(({ opened: _o, ...s }) => s);
}

export function describeStream(s: StreamInfo): string {
  return streamLineText(streamLine(s));
}

/** A stream as problems and pages word it: its id, both endpoints, its packet count. */
export const streamLine = (s: StreamInfo): StreamLine => ({ id: s.id, client: endpointKey(s.client.addr, s.client.port), server: endpointKey(s.server.addr, s.server.port), packets: s.packets });

/** The packets of stream `id`; an id the capture does not hold is a CaptureError listing the streams. */
export function streamPackets(c: Capture, id: number): { info: StreamInfo; packets: TcpPacket[] } {
  const all = listStreams(c);
  if (all.length === 0) {
    const skipped = c.skipped.map((s) => ({ count: s.count, reason: s.reason, why: s.first.why, offset: s.first.offset }));
    throw captureError(c.file, null, { code: 'no-tcp-stream', frames: c.frames, skipped });
  }
  const info = all.find((s) => s.id === id);
  if (!info) throw captureError(c.file, null, { code: 'unknown-stream', id, streams: all.map(streamLine) });
  const set = new Set(info.numbers);
  return { info, packets: c.tcp.filter((p) => set.has(p.number)) };
}
