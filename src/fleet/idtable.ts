/**
 * Values by non-negative integer key, for keys a run hands out in increasing order and frees in
 * roughly the same order: client ports (one per arrival), socket ids, timer slots of a socket.
 *
 * Why not a Map: a busy fleet looks one of these up several times per event, with tens of
 * thousands of live keys, and a Map of that size is a hash walk through cache-cold entries (a
 * fifth of a 1000-connections-per-second run went there). Here a key's page (1024 consecutive
 * keys) is one load from an array of pages indexed by page number (a 10-minute run at 1000
 * connections per second has a few thousand page numbers; a Map of pages cost a hash lookup per
 * call), and the value is one more. A page is dropped as soon as it holds nothing, so memory
 * follows the live keys.
 *
 * An emptied page is kept for the next page number that needs one (up to `SPARE` of them): keys
 * move forward through the table all run long, a page lives as long as its keys (half a minute
 * to minutes), so a fresh page per 1024 keys was copied into the old generation only to die
 * there (40 of the 136 MB a 10-minute fleet run promoted were the timer table's pages).
 */
const BITS = 10;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;
/** emptied pages kept for reuse, per table */
const SPARE = 8;

interface Page<T> {
  v: (T | undefined)[];
  /** keys of this page holding a value */
  n: number;
}

export class IdTable<T> {
  /** by page number; undefined: no key of that page holds a value */
  private readonly pages: (Page<T> | undefined)[] = [];
  /** emptied pages (every slot undefined), reused before a new one is made */
  private readonly spare: Page<T>[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  private page(no: number): Page<T> | undefined {
    return no < this.pages.length ? this.pages[no] : undefined;
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
      p = this.spare.pop() ?? { v: new Array<T | undefined>(SIZE).fill(undefined), n: 0 };
      // no holes: the array stays a packed list of pages or undefined
      while (this.pages.length <= no) this.pages.push(undefined);
      this.pages[no] = p;
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
      this.pages[no] = undefined;
      if (this.spare.length < SPARE) this.spare.push(p);
    }
  }

  /** The values in increasing key order. */
  *values(): IterableIterator<T> {
    for (let no = 0; no < this.pages.length; no++) {
      const p = this.pages[no];
      if (!p) continue;
      for (const v of p.v) if (v !== undefined) yield v;
    }
  }
}
