/**
 * The server host's ephemeral ports for outbound connections (ip_local_port_range), as
 * Linux's connect() sees them for one destination: a port is free when no socket holds the
 * 4-tuple; with tcp_tw_reuse = 1 a port held by a TIME_WAIT socket may be taken over once
 * that socket has been in TIME_WAIT for more than a second (tcp_twsk_unique's timestamp
 * rule). No free port: EADDRNOTAVAIL.
 */
import type { PortRange } from './knobs.ts';

interface TwEntry {
  port: number;
  sock: number;
  since: number;
}

export class PortPool {
  private free: number[] = [];
  private head = 0;
  /** port -> socket holding it */
  private holder = new Map<number, number>();
  private tw: TwEntry[] = [];
  private twHead = 0;
  private range: PortRange;

  constructor(range: PortRange) {
    this.range = range;
    for (let p = range.lo; p <= range.hi; p++) this.free.push(p);
  }

  get inUse(): number {
    return this.holder.size;
  }

  /** A new range (sysctl at run time): ports outside it are no longer handed out. */
  setRange(r: PortRange): void {
    this.range = r;
    const taken = new Set(this.holder.keys());
    this.free = [];
    this.head = 0;
    for (let p = r.lo; p <= r.hi; p++) if (!taken.has(p)) this.free.push(p);
  }

  /**
   * A port for a new connection, or null (EADDRNOTAVAIL). `isTimeWait(sock)` says whether the
   * holder is still in TIME_WAIT; with reuse the holder found is returned to be replaced.
   */
  take(now: number, twReuse: boolean, isTimeWait: (sock: number) => boolean): { port: number; replaces: number | null } | null {
    while (this.head < this.free.length) {
      const p = this.free[this.head++]!;
      if (this.head > 4096 && this.head * 2 > this.free.length) {
        this.free = this.free.slice(this.head);
        this.head = 0;
      }
      if (!this.holder.has(p) && p >= this.range.lo && p <= this.range.hi) return { port: p, replaces: null };
    }
    if (!twReuse) return null;
    while (this.twHead < this.tw.length) {
      const e = this.tw[this.twHead]!;
      if (this.holder.get(e.port) !== e.sock || !isTimeWait(e.sock)) {
        this.twHead++;
        continue;
      }
      if (now - e.since <= 1) return null;
      this.twHead++;
      if (this.twHead > 4096 && this.twHead * 2 > this.tw.length) {
        this.tw = this.tw.slice(this.twHead);
        this.twHead = 0;
      }
      return { port: e.port, replaces: e.sock };
    }
    return null;
  }

  hold(port: number, sock: number): void {
    this.holder.set(port, sock);
  }

  enteredTimeWait(port: number, sock: number, now: number): void {
    if (this.holder.get(port) === sock) this.tw.push({ port, sock, since: now });
  }

  /** The socket no longer holds its 4-tuple. */
  release(port: number, sock: number): void {
    if (this.holder.get(port) !== sock) return;
    this.holder.delete(port);
    if (port >= this.range.lo && port <= this.range.hi) this.free.push(port);
  }
}
