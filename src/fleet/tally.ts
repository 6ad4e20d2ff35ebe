/**
 * The census of the server host kept up to date as sockets change, so a sample costs the same
 * with 300,000 sockets as with 30 (a full pass per virtual second made a 10-minute run
 * quadratic). The counting rules are census()'s (sample.ts), which stays the reference: the
 * tests compare the two at every sample.
 *
 * The host calls touch() for every socket whose state, descriptor or listener link may have
 * changed: each `state` effect of the stack, and each socket call it makes itself (socket,
 * connect, accept, close).
 */
import type { Stack } from '../tcp/stack/stack.ts';
import type { TcpState } from '../tcp/states.ts';
import { TCP_STATES } from '../tcp/states.ts';
import type { Census } from './sample.ts';
import { zeroStates } from './sample.ts';
import { ehashRank, rankId } from './ehash.ts';
import { addShare, sockstatShare, zeroSockstat } from '../tcp/stack/sockstat.ts';

const INDEX = new Map<TcpState, number>(TCP_STATES.map((s, i) => [s, i]));
const CLOSE_WAIT = INDEX.get('CLOSE_WAIT')!;
/** a socket's share of the census, packed: state index + 1 (0: not counted), descriptor, sockstat.ts's bits */
const FD = 1 << 4;
const SOCKSTAT_SHIFT = 5;

export class Tally {
  private readonly share = new Map<number, number>();
  private readonly counts = new Int32Array(TCP_STATES.length);
  private fds = 0;
  private readonly sockstat = zeroSockstat();
  /**
   * CLOSE_WAIT sockets by id with their places in `ss`'s listing (ehash.ts), and a min-heap of
   * those places; a socket gone from CLOSE_WAIT stays in the heap until met or the heap is rebuilt
   */
  private readonly closeWait = new Map<number, number>();
  private closeWaitRanks: number[] = [];
  private readonly stack: Stack;

  constructor(stack: Stack) {
    this.stack = stack;
    for (const s of stack.allSocks()) this.touch(s.id);
  }

  /** Recounts socket `id` as it is now (gone from the table: counted nowhere). */
  touch(id: number): void {
    const was = this.share.get(id) ?? 0;
    const now = this.shareOf(id);
    if (was === now) return;
    if (now === 0) this.share.delete(id);
    else this.share.set(id, now);
    const a = (was & 15) - 1;
    const b = (now & 15) - 1;
    if (a !== b) {
      if (a >= 0) this.counts[a]!--;
      if (b >= 0) this.counts[b]!++;
      if (a === CLOSE_WAIT) this.closeWait.delete(id);
      if (b === CLOSE_WAIT) {
        const rank = ehashRank(this.stack.sock(id)?.remotePort ?? 0, id);
        this.closeWait.set(id, rank);
        heapPush(this.closeWaitRanks, rank);
      }
    }
    this.fds += ((now & FD) - (was & FD)) / FD;
    addShare(this.sockstat, was >> SOCKSTAT_SHIFT, -1);
    addShare(this.sockstat, now >> SOCKSTAT_SHIFT, 1);
  }

  private shareOf(id: number): number {
    const s = this.stack.sock(id);
    if (!s) return 0;
    let v = (s.fdOpen ? FD : 0) | (sockstatShare(s, this.stack.holdsTwBucket(id)) << SOCKSTAT_SHIFT);
    if (!s.conn || s.kind === 'fresh') return v;
    const st = s.conn.state;
    if (st === 'CLOSED' && !s.fdOpen) return v;
    v |= INDEX.get(st)! + 1;
    return v;
  }

  /** What census() would count now; `closeWaitLines`: how many CLOSE_WAIT sockets to list, first in `ss`'s order. */
  census(closeWaitLines: number): Census {
    const states = zeroStates();
    TCP_STATES.forEach((st, i) => (states[st] = this.counts[i]!));
    return { states, fds: this.fds, orphans: this.sockstat.orphan, sockstat: { ...this.sockstat }, closeWait: this.firstCloseWait(closeWaitLines) };
  }

  private firstCloseWait(n: number): number[] {
    // stale places are spread through the heap, not at its top: rebuilt once they outnumber the live ones
    if (this.closeWaitRanks.length > 2 * this.closeWait.size + 64) this.closeWaitRanks = [...this.closeWait.values()].sort((a, b) => a - b);
    const h = this.closeWaitRanks;
    const out: number[] = [];
    const ranks: number[] = [];
    while (out.length < n && h.length > 0) {
      const rank = heapPop(h);
      const id = rankId(rank);
      if (this.closeWait.has(id) && out.at(-1) !== id) {
        out.push(id);
        ranks.push(rank);
      }
    }
    for (const rank of ranks) heapPush(h, rank);
    return out;
  }
}

function heapPush(h: number[], x: number): void {
  let i = h.length;
  h.push(x);
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (h[p]! <= x) break;
    h[i] = h[p]!;
    i = p;
  }
  h[i] = x;
}

function heapPop(h: number[]): number {
  const top = h[0]!;
  const last = h.pop()!;
  const n = h.length;
  if (n === 0) return top;
  let i = 0;
  for (;;) {
    let m = 2 * i + 1;
    if (m >= n) break;
    if (m + 1 < n && h[m + 1]! < h[m]!) m++;
    if (last <= h[m]!) break;
    h[i] = h[m]!;
    i = m;
  }
  h[i] = last;
  return top;
}
