/**
 * Values by non-negative integer key, for keys a run hands out in increasing order and frees in
 * roughly the same order: client ports (one per arrival), socket ids, timer slots of a socket.
 *
 * Why not a Map: a busy fleet looks one of these up several times per event, with tens of
 * thousands of live keys, and a Map of that size is a hash walk through cache-cold entries (a
 * fifth of a 1000-connections-per-second run went there). Here a key's page (1024 consecutive
 * keys) is found in a small Map, usually the page of the previous lookup, and the value is one
 * array load. A page is dropped as soon as it holds nothing, so memory follows the live keys.
 */
const BITS = 10;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;

interface Page<T> {
  v: (T | undefined)[];
  /** keys of this page holding a value */
  n: number;
}

export class IdTable<T> {
  private readonly pages = new Map<number, Page<T>>();
  private lastNo = -1;
  private last: Page<T> | undefined = undefined;
  private count = 0;

  get size(): number {
    return this.count;
  }

  private page(no: number): Page<T> | undefined {
    if (no === this.lastNo) return this.last;
    const p = this.pages.get(no);
    this.lastNo = no;
    this.last = p;
    return p;
  }

  get(key: number): T | undefined {
    return this.page(key >>> BITS)?.v[key & MASK];
  }

  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  set(key: number, value: T): void {
    const no = key >>> BITS;
    let p = this.page(no);
    if (!p) {
      p = { v: new Array<T | undefined>(SIZE).fill(undefined), n: 0 };
      this.pages.set(no, p);
      this.lastNo = no;
      this.last = p;
    }
    const i = key & MASK;
    if (p.v[i] === undefined) {
      p.n++;
      this.count++;
    }
    p.v[i] = value;
  }

  delete(key: number): void {
    const no = key >>> BITS;
    const p = this.page(no);
    const i = key & MASK;
    if (!p || p.v[i] === undefined) return;
    p.v[i] = undefined;
    this.count--;
    if (--p.n === 0) {
      this.pages.delete(no);
      this.lastNo = -1;
      this.last = undefined;
    }
  }

  /** The values in increasing key order. */
  *values(): IterableIterator<T> {
    const nos = [...this.pages.keys()].sort((a, b) => a - b);
    for (const no of nos) {
      const p = this.pages.get(no);
      if (!p) continue;
      for (const v of p.v) if (v !== undefined) yield v;
    }
  }
}
