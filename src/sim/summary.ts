/**
 * Compact per-peer summaries the World keeps as it records, so that reading them
 * costs the same at any point of a run (instead of a scan of the whole trace):
 * the peer's state path as textbooks draw it, and its last call results.
 *
 * Both are bounded: the path keeps its newest PATH_KEEP entries. A snapshot
 * holds the path's length and its last few entries, enough to restore it
 * exactly by truncation, or (when older entries were dropped since) to restore
 * its newest part.
 */
import type { TcpState } from '../tcp/states.ts';
import type { PeerName, PeerView, TraceEvent } from './types.ts';

export type PathEntry = PeerView['history'][number];
export type ResultEntry = PeerView['lastResults'][number];

const PATH_KEEP = 2000;
/** the cause of a path entry that returns a peer to its listener once its connection has ended */
export const LISTENER_AGAIN = 'listener';
const RESULTS_KEEP = 8;
/** path entries a snapshot carries, for a restore after the path was trimmed */
const SNAP_TAIL = 16;

export interface SummarySnapshot {
  pathLength: number;
  pathTail: PathEntry[];
  results: ResultEntry[];
  primary: number | null;
  listeners: [number, TcpState][];
  primaryDone: boolean;
  primaryFd: boolean;
  returned: boolean;
}

export class PeerSummary {
  /** newest entries of the path; entry i is number `pathBase + i` of the whole path */
  private path: PathEntry[] = [{ t: 0, state: 'CLOSED', cause: 'start' }];
  private pathBase = 0;
  private results: ResultEntry[] = [];
  /** the socket whose states make the path (the newest connection) */
  private primary: number | null = null;
  /** listening sockets (entered LISTEN from CLOSED) and their states */
  private listeners = new Map<number, TcpState>();
  /** the newest connection has ended (CLOSED) */
  private primaryDone = false;
  /** the application holds the newest connection's descriptor (connected, or accepted and not closed) */
  private primaryFd = false;
  /** the path is the listener's again: the newest connection ended and its descriptor is closed */
  private returned = false;

  constructor(readonly peer: PeerName) {}

  /** Takes in one event of the trace (any peer's; others are ignored). */
  record(e: TraceEvent): void {
    if (e.peer !== this.peer) return;
    if (e.type === 'app') {
      this.results.push({ t: e.t, call: e.call, result: e.result });
      if (this.results.length > RESULTS_KEEP) this.results.shift();
      if (e.call === 'accept' && this.primary !== null && e.result === String(this.primary)) this.primaryFd = true;
      if ((e.call === 'close' || e.call === 'abort') && e.sock === this.primary) this.primaryFd = false;
      this.backToListener(e.t);
      return;
    }
    if (e.type !== 'state') return;
    const sock = e.sock ?? null;
    if (sock !== null && e.from === 'CLOSED' && e.to === 'LISTEN') this.listeners.set(sock, 'LISTEN');
    else if (sock !== null && this.listeners.has(sock)) this.listeners.set(sock, e.to as TcpState);
    // The textbook path: a listener's LISTEN, then the newest connection's states; once that
    // connection has ended and its descriptor is closed, only the listener is left and the path
    // is the listener's again (a server whose connection is gone is listening).
    const isChildStart = e.from === 'LISTEN' && e.to === 'SYN_RCVD';
    if (isChildStart || e.cause === 'connect') {
      this.primary = sock;
      this.primaryDone = false;
      this.primaryFd = e.cause === 'connect';
      this.returned = false;
    }
    const listenerEvent = this.returned && sock !== null && this.listeners.has(sock);
    if (this.primary !== null && sock !== this.primary && !(e.to === 'LISTEN' && e.from === 'CLOSED') && !listenerEvent) return;
    this.push(e.t, e.to as TcpState, e.cause);
    if (sock === this.primary && !listenerEvent) this.primaryDone = e.to === 'CLOSED';
    this.backToListener(e.t);
  }

  private backToListener(t: number): void {
    if (this.returned || !this.primaryDone || this.primaryFd || ![...this.listeners.values()].includes('LISTEN')) return;
    this.returned = true;
    this.push(t, 'LISTEN', LISTENER_AGAIN);
  }

  private push(t: number, state: TcpState, cause: string): void {
    const last = this.path[this.path.length - 1]!;
    if (last.state === state) return;
    this.path.push({ t, state, cause });
    if (this.path.length > 2 * PATH_KEEP) {
      const cut = this.path.length - PATH_KEEP;
      this.path.splice(0, cut);
      this.pathBase += cut;
    }
  }

  /** The newest `n` entries of the state path, oldest first. */
  pathTail(n: number): PathEntry[] {
    return this.path.slice(-n);
  }

  lastResults(): ResultEntry[] {
    return this.results.slice();
  }

  save(): SummarySnapshot {
    return {
      pathLength: this.pathBase + this.path.length,
      pathTail: this.path.slice(-SNAP_TAIL),
      results: this.results.slice(),
      primary: this.primary,
      listeners: [...this.listeners],
      primaryDone: this.primaryDone,
      primaryFd: this.primaryFd,
      returned: this.returned,
    };
  }

  load(s: SummarySnapshot): void {
    const keep = s.pathLength - this.pathBase;
    if (keep >= s.pathTail.length && keep <= this.path.length) {
      this.path.length = keep;
    } else {
      this.path = s.pathTail.slice();
      this.pathBase = s.pathLength - s.pathTail.length;
    }
    this.results = s.results.slice();
    this.primary = s.primary;
    this.listeners = new Map(s.listeners);
    this.primaryDone = s.primaryDone;
    this.primaryFd = s.primaryFd;
    this.returned = s.returned;
  }
}
