/**
 * The event queue of the discrete-event simulation: a binary heap ordered by
 * (time, insertion number), so equal times keep the order they were scheduled in.
 * Times are integer microseconds: sums of delays never drift.
 */
export interface Queued<T> {
  t: number;
  n: number;
  item: T;
}

export class EventQueue<T> {
  private heap: Queued<T>[] = [];
  private counter = 0;

  get size(): number {
    return this.heap.length;
  }

  push(t: number, item: T): Queued<T> {
    const q = { t, n: this.counter++, item };
    const h = this.heap;
    h.push(q);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
    return q;
  }

  peek(): Queued<T> | undefined {
    return this.heap[0];
  }

  pop(): Queued<T> | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }

  /** entries in no particular order, for snapshots and views */
  entries(): readonly Queued<T>[] {
    return this.heap;
  }

  save(): { counter: number; heap: Queued<T>[] } {
    return { counter: this.counter, heap: this.heap.map((q) => ({ ...q })) };
  }

  load(s: { counter: number; heap: Queued<T>[] }): void {
    this.counter = s.counter;
    this.heap = s.heap.map((q) => ({ ...q }));
  }
}

function before<T>(a: Queued<T>, b: Queued<T>): boolean {
  return a.t < b.t || (a.t === b.t && a.n < b.n);
}

export const US = 1_000_000;
export const toUs = (seconds: number): number => Math.round(seconds * US);
export const toSeconds = (us: number): number => us / US;
