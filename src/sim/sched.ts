/**
 * The lean World's event queue (world.ts, `lean: true`): the same order as
 * EventQueue (time, then insertion number) without an object per event.
 *
 * - Events live in slots of parallel typed arrays (time, insertion number, kind,
 *   two numeric arguments) plus one object slot (a segment); freed slots are reused.
 * - A binary heap of slot numbers (an Int32Array) orders them.
 * - FIFO lanes: an event pushed to a lane goes at the lane's tail when it is due no
 *   earlier than the lane's last one, else into the heap. With a constant link delay,
 *   deliveries are pushed in due order, so they never touch the heap; so are timers of
 *   a constant length (TIME_WAIT). Popping takes the earliest of the heap's and the
 *   lanes' heads, so the merged order is exactly (time, insertion number).
 * Times are integer microseconds held in doubles (exact up to 2^53).
 */
const UNKNOWN = -2;

export class Sched<O> {
  /**
   * Slot s's time, insertion number and two arguments side by side at ev[4s .. 4s + 3]: an
   * event is read whole on pop, and a queue of timers set long ago is far larger than the
   * cache, so one line per event (not one per field) is what a pop or comparison costs.
   */
  private ev = new Float64Array(4 * 1024);
  private kind = new Int32Array(1024);
  private o: (O | undefined)[] = [];
  private free: number[] = [];
  private slots = 0;
  private counter = 0;

  /** peek()'s answer while the queue is unchanged (UNKNOWN after a push or pop), and its lane (-1: the heap) */
  private peeked = UNKNOWN;
  private peekedLane = -1;

  private heap = new Int32Array(1024);
  private heapLen = 0;
  private readonly lanes: Lane[];
  /** each non-empty lane's head event's time and insertion number */
  private readonly headT: Float64Array;
  private readonly headN: Float64Array;

  /** `lanes`: how many FIFO lanes callers may push to (numbered from 0). */
  constructor(lanes = 1) {
    this.lanes = Array.from({ length: lanes }, () => new Lane());
    this.headT = new Float64Array(lanes);
    this.headN = new Float64Array(lanes);
  }

  get size(): number {
    let n = this.heapLen;
    for (const l of this.lanes) n += l.len;
    return n;
  }

  /**
   * Schedules an event of `kind` with numeric arguments `a`, `b` and an optional object at
   * `t` µs, through FIFO lane `lane` (or straight into the heap with -1), with insertion number
   * `n` if given (from reserve()), else the next one.
   */
  push(t: number, kind: number, a = 0, b = 0, o?: O, lane = -1, n = -1): void {
    const s = this.alloc();
    const ev = this.ev;
    ev[4 * s] = t;
    ev[4 * s + 1] = n >= 0 ? n : this.counter++;
    ev[4 * s + 2] = a;
    ev[4 * s + 3] = b;
    this.kind[s] = kind;
    if (o !== undefined) this.o[s] = o;
    const l = lane >= 0 ? this.lanes[lane]! : null;
    // The earliest event only changes if this one comes before it: then it is this one, at the
    // head of an empty lane or the top of the heap (anywhere else, something earlier precedes it).
    const first = this.peeked;
    const keep = first >= 0 && !this.before(s, first);
    // in order after the lane's last event: (time, number), for an event with a number reserved earlier
    if (l !== null && (l.len === 0 || this.before(l.last(), s))) {
      if (l.len === 0) {
        this.headT[lane] = t;
        this.headN[lane] = ev[4 * s + 1]!;
      }
      l.enqueue(s);
      if (first >= 0 && !keep) this.peekedLane = lane;
    } else {
      this.heapPush(s);
      if (first >= 0 && !keep) this.peekedLane = -1;
    }
    if (first >= 0 && !keep) this.peeked = s;
    else if (first < 0) this.peeked = UNKNOWN;
  }

  /**
   * An insertion number taken now for an event pushed later (push's `n`): it is ordered as if
   * pushed now. Such an event must be pushed before anything after it in that order is popped.
   */
  reserve(): number {
    return this.counter++;
  }

  /** The slot of the next event (no removal), or -1. Read it with timeOf/kindOf/aOf/bOf/takeObj. */
  peek(): number {
    // a world peeks several times per event (next time, stale timers, then pop): the answer is kept until the queue changes
    if (this.peeked !== UNKNOWN) return this.peeked;
    let best = this.heapLen > 0 ? this.heap[0]! : -1;
    let bestLane = -1;
    // the lanes' heads are compared by their copies in headT/headN (a few contiguous numbers),
    // not through their slots: a lane's head was often pushed long ago and is out of the cache
    let bt = best >= 0 ? this.ev[4 * best]! : Infinity;
    let bn = best >= 0 ? this.ev[4 * best + 1]! : Infinity;
    const lanes = this.lanes;
    const ht = this.headT;
    const hn = this.headN;
    for (let i = 0; i < lanes.length; i++) {
      const l = lanes[i]!;
      if (l.len === 0) continue;
      const t = ht[i]!;
      if (t < bt || (t === bt && hn[i]! < bn)) {
        bt = t;
        bn = hn[i]!;
        bestLane = i;
      }
    }
    if (bestLane >= 0) best = lanes[bestLane]!.ring[lanes[bestLane]!.head]!;
    this.peeked = best;
    this.peekedLane = bestLane;
    return best;
  }

  /** Removes the event `peek()` returned; its slot stays readable until the next push. */
  pop(): number {
    const s = this.peek();
    if (s < 0) return s;
    const lane = this.peekedLane;
    if (lane >= 0) {
      const l = this.lanes[lane]!;
      l.shift();
      if (l.len > 0) {
        const h = l.ring[l.head]!;
        this.headT[lane] = this.ev[4 * h]!;
        this.headN[lane] = this.ev[4 * h + 1]!;
      }
    } else this.heapPop();
    this.peeked = UNKNOWN;
    this.free.push(s);
    return s;
  }

  timeOf(s: number): number {
    return this.ev[4 * s]!;
  }
  kindOf(s: number): number {
    return this.kind[s]!;
  }
  aOf(s: number): number {
    return this.ev[4 * s + 2]!;
  }
  bOf(s: number): number {
    return this.ev[4 * s + 3]!;
  }
  /** The object of slot `s`, released (the slot does not keep it alive). */
  takeObj(s: number): O | undefined {
    const x = this.o[s];
    this.o[s] = undefined;
    return x;
  }

  /** Every queued event's slot, in no particular order. */
  *slotsQueued(): Generator<number> {
    for (let i = 0; i < this.heapLen; i++) yield this.heap[i]!;
    for (const l of this.lanes) for (let i = 0; i < l.len; i++) yield l.ring[(l.head + i) & (l.ring.length - 1)]!;
  }

  private before(x: number, y: number): boolean {
    const ev = this.ev;
    const tx = ev[4 * x]!;
    const ty = ev[4 * y]!;
    return tx < ty || (tx === ty && ev[4 * x + 1]! < ev[4 * y + 1]!);
  }

  private alloc(): number {
    const f = this.free.pop();
    if (f !== undefined) return f;
    const s = this.slots++;
    if (s >= this.kind.length) {
      const ev = new Float64Array(this.ev.length * 2);
      ev.set(this.ev);
      this.ev = ev;
      const kind = new Int32Array(this.kind.length * 2);
      kind.set(this.kind);
      this.kind = kind;
    }
    return s;
  }

  private heapPush(s: number): void {
    if (this.heapLen === this.heap.length) {
      const h = new Int32Array(this.heap.length * 2);
      h.set(this.heap);
      this.heap = h;
    }
    const h = this.heap;
    let i = this.heapLen++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const ps = h[p]!;
      if (!this.before(s, ps)) break;
      h[i] = ps;
      i = p;
    }
    h[i] = s;
  }

  private heapPop(): void {
    const h = this.heap;
    const last = h[--this.heapLen]!;
    const n = this.heapLen;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && this.before(h[r]!, h[l]!) ? r : l;
      if (!this.before(h[m]!, last)) break;
      h[i] = h[m]!;
      i = m;
    }
    h[i] = last;
  }
}

/** A FIFO of slots: a ring buffer whose size is a power of two. */
class Lane {
  ring = new Int32Array(1024);
  head = 0;
  len = 0;

  last(): number {
    return this.ring[(this.head + this.len - 1) & (this.ring.length - 1)]!;
  }

  enqueue(s: number): void {
    if (this.len === this.ring.length) {
      // grow the ring, unrolled from head
      const r = new Int32Array(this.ring.length * 2);
      for (let i = 0; i < this.len; i++) r[i] = this.ring[(this.head + i) & (this.ring.length - 1)]!;
      this.ring = r;
      this.head = 0;
    }
    this.ring[(this.head + this.len) & (this.ring.length - 1)] = s;
    this.len++;
  }

  shift(): void {
    this.head = (this.head + 1) & (this.ring.length - 1);
    this.len--;
  }
}
