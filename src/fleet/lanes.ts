/**
 * The fleet's event queue: one first-in-first-out lane per delay, merged by each lane's head, in
 * the same order as src/sim's binary heap (time, then insertion number).
 *
 * Why lanes: nearly every event of a fleet is scheduled a fixed delay after now (a segment one
 * link delay, a retransmission one of a handful of backoff values, an arrival one interval), and
 * now only moves forward, so the events of one delay come due in the order they were scheduled.
 * A lane is a ring buffer of columns (time, insertion number, kind, host, socket, code, number,
 * object): a push writes the next row and a pop reads the oldest, in order, so the memory a pop
 * reads is sequential and already on its way to the cache. An event object per event, written
 * into a timing wheel's bucket seconds ahead, was a cache miss at the push and another at the pop
 * (a busy run keeps tens of thousands of retransmission timers pending).
 *
 * A busy run uses a few dozen delays; past `MAX_LANES` of them (or for a time in the past) an
 * event goes to a timing wheel as an object of its own, and the wheel's head joins the merge.
 *
 * Reading: `next(limit)` takes the next event due by `limit` and leaves its fields in the
 * queue's own fields (`t`, `k`, `host`, `sock`, `code`, `num`, `obj`) until the next call.
 */
import type { Timed } from './wheel.ts';
import { WheelQueue } from './wheel.ts';

/** lanes kept at most; further delays share the wheel */
const MAX_LANES = 64;

class Lane<O> {
  t: Float64Array = new Float64Array(16);
  n: Float64Array = new Float64Array(16);
  k: Uint8Array = new Uint8Array(16);
  host: Uint8Array = new Uint8Array(16);
  code: Uint8Array = new Uint8Array(16);
  sock: Float64Array = new Float64Array(16);
  num: Float64Array = new Float64Array(16);
  obj: (O | null)[] = new Array<O | null>(16).fill(null);
  mask = 15;
  head = 0;
  size = 0;
  /** the first event's time and number, copied out for the merge's comparisons */
  ht = 0;
  hn = 0;

  /** the row the next event goes to */
  slot(): number {
    if (this.size > this.mask) this.grow();
    return (this.head + this.size++) & this.mask;
  }

  private grow(): void {
    const cap = this.mask + 1;
    const f64 = (a: Float64Array): Float64Array => this.unroll(a, new Float64Array(cap * 2));
    const u8 = (a: Uint8Array): Uint8Array => this.unroll(a, new Uint8Array(cap * 2));
    this.t = f64(this.t);
    this.n = f64(this.n);
    this.k = u8(this.k);
    this.host = u8(this.host);
    this.code = u8(this.code);
    this.sock = f64(this.sock);
    this.num = f64(this.num);
    this.obj = this.unroll(this.obj, new Array<O | null>(cap * 2).fill(null));
    this.mask = cap * 2 - 1;
    this.head = 0;
  }

  /** `to` with this lane's rows of `from`, oldest first */
  private unroll<A extends { [i: number]: unknown }>(from: A, to: A): A {
    for (let i = 0; i < this.size; i++) to[i] = from[(this.head + i) & this.mask];
    return to;
  }
}

/** an event of the wheel (rare: a delay without a lane) */
class Loose<O> implements Timed {
  n = 0;
  constructor(
    public t: number,
    public k: number,
    public host: number,
    public sock: number,
    public code: number,
    public num: number,
    public obj: O | null,
  ) {}
}

const first = (at: number, an: number, bt: number, bn: number): boolean => at < bt || (at === bt && an < bn);

export class LaneQueue<O> {
  /** the event `next()` took */
  t = 0;
  k = 0;
  host = 0;
  sock = 0;
  code = 0;
  num = 0;
  obj: O | null = null;

  private readonly lanes = new Map<number, Lane<O>>();
  /** the non-empty lanes, a binary heap by their first event */
  private readonly heap: Lane<O>[] = [];
  private readonly wheel = new WheelQueue<Loose<O>>();
  private counter = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /**
   * Queues an event due at `t` (integer µs), pushed at virtual time `now` (µs). `now` must never
   * go back between pushes: that is what keeps each lane in order.
   */
  push(t: number, now: number, k: number, host: number, sock: number, code: number, num: number, obj: O | null): void {
    const n = this.counter++;
    this.count++;
    const d = t - now;
    let lane = this.lanes.get(d);
    if (!lane) {
      if (d < 0 || !this.room()) {
        const e = new Loose<O>(t, k, host, sock, code, num, obj);
        e.n = n;
        this.wheel.insert(e);
        return;
      }
      lane = new Lane<O>();
      this.lanes.set(d, lane);
    }
    const i = lane.slot();
    lane.t[i] = t;
    lane.n[i] = n;
    lane.k[i] = k;
    lane.host[i] = host;
    lane.code[i] = code;
    lane.sock[i] = sock;
    lane.num[i] = num;
    lane.obj[i] = obj;
    if (lane.size === 1) {
      lane.ht = t;
      lane.hn = n;
      this.enter(lane);
    }
  }

  /** Takes the next event if it is due at or before `limit` (µs); false when there is none. */
  next(limit: number): boolean {
    if (this.count === 0) return false;
    const lane = this.heap.length > 0 ? this.heap[0]! : undefined;
    if (this.wheel.size > 0) {
      const w = this.wheel.peek()!;
      if (!lane || first(w.t, w.n, lane.ht, lane.hn)) {
        if (w.t > limit) return false;
        this.wheel.pop();
        this.count--;
        this.t = w.t;
        this.k = w.k;
        this.host = w.host;
        this.sock = w.sock;
        this.code = w.code;
        this.num = w.num;
        this.obj = w.obj;
        return true;
      }
    }
    if (lane!.ht > limit) return false;
    const l = lane!;
    const i = l.head;
    this.count--;
    this.t = l.t[i]!;
    this.k = l.k[i]!;
    this.host = l.host[i]!;
    this.sock = l.sock[i]!;
    this.code = l.code[i]!;
    this.num = l.num[i]!;
    this.obj = l.obj[i]!;
    l.obj[i] = null;
    l.head = (i + 1) & l.mask;
    if (--l.size === 0) this.leave();
    else {
      l.ht = l.t[l.head]!;
      l.hn = l.n[l.head]!;
      this.down(l);
    }
    return true;
  }

  /** Room for one more lane: drops the empty ones when the table is full. */
  private room(): boolean {
    if (this.lanes.size < MAX_LANES) return true;
    for (const [d, l] of this.lanes) if (l.size === 0) this.lanes.delete(d);
    return this.lanes.size < MAX_LANES;
  }

  private enter(lane: Lane<O>): void {
    const h = this.heap;
    let i = h.length;
    h.push(lane);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const q = h[p]!;
      if (!first(lane.ht, lane.hn, q.ht, q.hn)) break;
      h[i] = q;
      i = p;
    }
    h[i] = lane;
  }

  /** the top lane ran empty */
  private leave(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      this.down(last);
    }
  }

  /** the top lane's first event changed: moves it down to its place */
  private down(lane: Lane<O>): void {
    const h = this.heap;
    const n = h.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let m = l;
      let c = h[l]!;
      if (l + 1 < n) {
        const d = h[l + 1]!;
        if (first(d.ht, d.hn, c.ht, c.hn)) {
          m = l + 1;
          c = d;
        }
      }
      if (!first(c.ht, c.hn, lane.ht, lane.hn)) break;
      h[i] = c;
      i = m;
    }
    h[i] = lane;
  }
}
