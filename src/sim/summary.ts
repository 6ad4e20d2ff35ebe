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
const RESULTS_KEEP = 8;
/** path entries a snapshot carries, for a restore after the path was trimmed */
const SNAP_TAIL = 16;

export interface SummarySnapshot {
  pathLength: number;
  pathTail: PathEntry[];
  results: ResultEntry[];
  primary: number | null;
}

export class PeerSummary {
  /** newest entries of the path; entry i is number `pathBase + i` of the whole path */
  private path: PathEntry[] = [{ t: 0, state: 'CLOSED', cause: 'start' }];
  private pathBase = 0;
  private results: ResultEntry[] = [];
  /** the socket whose states make the path (the newest connection) */
  private primary: number | null = null;

  constructor(readonly peer: PeerName) {}

  /** Takes in one event of the trace (any peer's; others are ignored). */
  record(e: TraceEvent): void {
    if (e.peer !== this.peer) return;
    if (e.type === 'app') {
      this.results.push({ t: e.t, call: e.call, result: e.result });
      if (this.results.length > RESULTS_KEEP) this.results.shift();
    }
    if (e.type !== 'state') return;
    // The textbook path: a listener's LISTEN, then the newest connection's states.
    const isChildStart = e.from === 'LISTEN' && e.to === 'SYN_RCVD';
    if (isChildStart) this.primary = e.sock ?? null;
    if (e.cause === 'connect') this.primary = e.sock ?? null;
    if (this.primary !== null && e.sock !== this.primary && !(e.to === 'LISTEN' && e.from === 'CLOSED')) return;
    const last = this.path[this.path.length - 1]!;
    if (last.state === e.to) return;
    this.path.push({ t: e.t, state: e.to as TcpState, cause: e.cause });
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
    return { pathLength: this.pathBase + this.path.length, pathTail: this.path.slice(-SNAP_TAIL), results: this.results.slice(), primary: this.primary };
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
  }
}
