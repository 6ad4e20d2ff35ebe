/**
 * The fleet's event queue: a timing wheel with the same order as src/sim's binary heap
 * (time, then insertion number), so a run is the same event for event whichever queue holds it.
 *
 * Why not the heap: a busy fleet keeps hundreds of thousands of pending events (one delivery per
 * segment in flight, timers, application timeouts), and every push and pop of a heap that size
 * walks ~18 levels of cache-cold objects. Here an event goes into the 1 ms bucket of its time;
 * the bucket being served is sorted once and then kept as a small heap (events scheduled into it
 * while it is served join that heap). Events further ahead than the wheel's span wait in a
 * plain heap until their bucket comes round.
 */
/** what the wheel holds: the event itself carries its time and insertion number (one object per event) */
export interface Timed {
  /** virtual time, integer µs */
  t: number;
  /** insertion number, set by push */
  n: number;
}

/** bucket width, µs */
const WIDTH = 1000;
/** buckets on the wheel (a power of two): 65.5 virtual seconds ahead */
const SLOTS = 1 << 16;
const MASK = SLOTS - 1;

const bucketOf = (t: number): number => Math.floor(t / WIDTH);

export class WheelQueue<E extends Timed> {
  private readonly ring: (E[] | undefined)[] = new Array<E[] | undefined>(SLOTS);
  private onRing = 0;
  /** the bucket being served; `near` holds every pending event of this bucket or earlier */
  private cur = 0;
  private near: E[] = [];
  /** events at or beyond cur + SLOTS when pushed */
  private far: E[] = [];
  /** emptied bucket arrays, for buckets to come */
  private readonly spare: E[][] = [];
  private counter = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** `e.t`: integer microseconds, not before the last popped event's time */
  push(e: E): void {
    e.n = this.counter++;
    this.insert(e);
  }

  /** Queues `e` with the insertion number it carries (a queue that numbers events itself, see LaneQueue). */
  insert(e: E): void {
    this.count++;
    const t = e.t;
    const b = bucketOf(t);
    if (b <= this.cur) heapPush(this.near, e);
    else if (b < this.cur + SLOTS) {
      const slot = this.ring[b & MASK];
      if (slot) slot.push(e);
      else {
        // an emptied bucket's array, grown to a bucket's size already
        const a = this.spare.pop() ?? [];
        a.push(e);
        this.ring[b & MASK] = a;
      }
      this.onRing++;
    } else heapPush(this.far, e);
  }

  peek(): E | undefined {
    return this.count === 0 ? undefined : this.near.length > 0 ? this.near[0] : this.advance();
  }

  pop(): E | undefined {
    if (this.count === 0) return undefined;
    if (this.near.length === 0) this.advance();
    this.count--;
    return heapPop(this.near);
  }

  /** The next event if it is due at or before `limit` (µs): peek and pop in one. */
  popUntil(limit: number): E | undefined {
    if (this.count === 0) return undefined;
    const top = this.near.length > 0 ? this.near[0]! : this.advance();
    if (top.t > limit) return undefined;
    this.count--;
    return heapPop(this.near);
  }

  /** Moves to the next bucket holding events (there is one: count > 0 and `near` is empty). */
  private advance(): E {
    for (;;) {
      if (this.onRing === 0) this.cur = Math.max(this.cur, bucketOf(this.far[0]!.t) - 1);
      this.cur++;
      const i = this.cur & MASK;
      const slot = this.ring[i];
      if (slot) {
        this.ring[i] = undefined;
        this.onRing -= slot.length;
        // a sorted array is a heap; entries arrive in insertion order, so ties are already right
        if (slot.length > 32) slot.sort(before);
        else insertionSort(slot);
        if (this.near.length === 0 && this.spare.length < 64) this.spare.push(this.near);
        this.near = slot;
      }
      while (this.far.length > 0 && bucketOf(this.far[0]!.t) <= this.cur) heapPush(this.near, heapPop(this.far)!);
      if (this.near.length > 0) return this.near[0]!;
    }
  }
}

function before(a: Timed, b: Timed): number {
  return a.t - b.t || a.n - b.n;
}

/** small buckets: no allocation, and they are nearly sorted already (insertion order) */
function insertionSort(a: Timed[]): void {
  for (let i = 1; i < a.length; i++) {
    const e = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]!.t > e.t) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = e;
  }
}

function heapPush<E extends Timed>(h: E[], e: E): void {
  let i = h.length;
  h.push(e);
  while (i > 0) {
    const p = (i - 1) >> 1;
    const q = h[p]!;
    if (q.t < e.t || (q.t === e.t && q.n < e.n)) break;
    h[i] = q;
    i = p;
  }
  h[i] = e;
}

function heapPop<E extends Timed>(h: E[]): E | undefined {
  const top = h[0];
  const last = h.pop();
  const n = h.length;
  if (n === 0 || !last) return top;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    let m = l;
    let c = h[l]!;
    if (r < n) {
      const d = h[r]!;
      if (d.t < c.t || (d.t === c.t && d.n < c.n)) {
        m = r;
        c = d;
      }
    }
    if (last.t < c.t || (last.t === c.t && last.n < c.n)) break;
    h[i] = c;
    i = m;
  }
  h[i] = last;
  return top;
}
