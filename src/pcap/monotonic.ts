/**
 * Capture times that go backwards. A capture's packets are replayed in file
 * order, and the observers' clocks may only move forward: a stamp earlier than
 * a packet before it (a clock step on the capturing host, a merged file, or a
 * broken record) is replayed at the latest time seen so far, and reported.
 * Without this, one packet stamped years early sends the models' timers across
 * the whole gap when the next packet comes.
 */
import type { TcpPacket } from './decode.ts';

export interface TimeBack {
  /** the packet stamped early */
  number: number;
  stamp: number;
  /** the packet whose time it is replayed at (the latest stamp before it) */
  prev: number;
  prevStamp: number;
}

/** The packets with times clamped to never decrease, and each packet that had to be clamped. */
export function monotonic(packets: readonly TcpPacket[]): { packets: TcpPacket[]; back: TimeBack[] } {
  const out: TcpPacket[] = [];
  const back: TimeBack[] = [];
  let latest: TcpPacket | null = null;
  for (const p of packets) {
    if (latest && p.t < latest.t) {
      back.push({ number: p.number, stamp: p.t, prev: latest.number, prevStamp: latest.t });
      out.push({ ...p, t: latest.t });
      continue;
    }
    latest = p;
    out.push(p);
  }
  return { packets: out, back };
}

const secs = (x: number) => x.toFixed(6);

/** "packet 7 is stamped 1024418939.330363 s, 771751935.793590 s before packet 6 (1796170875.123953 s): replayed at packet 6's time" */
export function timeBackText(b: TimeBack): string {
  return `packet ${b.number} is stamped ${secs(b.stamp)} s, ${secs(b.prevStamp - b.stamp)} s before packet ${b.prev} (${secs(b.prevStamp)} s): replayed at packet ${b.prev}'s time`;
}
