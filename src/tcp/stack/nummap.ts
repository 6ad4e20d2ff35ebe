/**
 * A map from integer keys (exact doubles, |key| < 2^53, negative allowed) to
 * integer values (|value| < 2^53), kept in typed arrays: open addressing with
 * linear probing and backward-shift deletion (no tombstones). A JS Map of the
 * same keys costs ~40 bytes an entry and a hash-table walk through scattered
 * entry objects; this costs 16 bytes a slot and stays contiguous, which is what
 * a host with tens of thousands of connections looks keys up in on every event.
 *
 * Values are Float64 (timer generations grow past 2^31 in long runs). `get`
 * returns `missing` (-1 unless told otherwise) for an absent key.
 */
export class NumMap {
  private keys: Float64Array;
  private vals: Float64Array;
  /** 1 where a slot holds a key */
  private used: Uint8Array;
  private mask: number;
  /** 32 - log2(capacity): a multiplicative hash's best bits are its top ones */
  private shift: number;
  private n = 0;

  constructor(
    capacity = 64,
    private readonly missing = -1,
  ) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.keys = new Float64Array(cap);
    this.vals = new Float64Array(cap);
    this.used = new Uint8Array(cap);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
  }

  get size(): number {
    return this.n;
  }

  /** The slot a key hashes to: both 32-bit halves mixed (keys up to 2^53 differ in the high half too). */
  private home(k: number): number {
    const lo = k | 0;
    const hi = (k / 4294967296) | 0;
    return Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1) >>> this.shift;
  }

  get(k: number): number {
    const used = this.used;
    const keys = this.keys;
    for (let i = this.home(k); used[i] === 1; i = (i + 1) & this.mask) if (keys[i] === k) return this.vals[i]!;
    return this.missing;
  }

  has(k: number): boolean {
    const used = this.used;
    const keys = this.keys;
    for (let i = this.home(k); used[i] === 1; i = (i + 1) & this.mask) if (keys[i] === k) return true;
    return false;
  }

  set(k: number, v: number): void {
    let i = this.home(k);
    for (; this.used[i] === 1; i = (i + 1) & this.mask) {
      if (this.keys[i] === k) {
        this.vals[i] = v;
        return;
      }
    }
    this.used[i] = 1;
    this.keys[i] = k;
    this.vals[i] = v;
    // at most 3/4 full: probes stay short
    if (++this.n * 4 > this.keys.length * 3) this.grow();
  }

  /** Removes `k`; whether it was there. */
  delete(k: number): boolean {
    const used = this.used;
    const keys = this.keys;
    const mask = this.mask;
    let i = this.home(k);
    for (; used[i] === 1; i = (i + 1) & mask) if (keys[i] === k) break;
    if (used[i] !== 1) return false;
    // backward shift: move later members of the probe run into the hole when their home allows it
    let hole = i;
    for (let j = (i + 1) & mask; used[j] === 1; j = (j + 1) & mask) {
      const h = this.home(keys[j]!);
      // j's entry may move to the hole unless its home lies cyclically in (hole, j]
      const inRange = hole <= j ? h > hole && h <= j : h > hole || h <= j;
      if (inRange) continue;
      keys[hole] = keys[j]!;
      this.vals[hole] = this.vals[j]!;
      hole = j;
    }
    used[hole] = 0;
    this.n--;
    return true;
  }

  clear(): void {
    this.used.fill(0);
    this.n = 0;
  }

  /** Every (key, value), in slot order (not insertion order). */
  *entries(): Generator<[number, number]> {
    for (let i = 0; i < this.used.length; i++) if (this.used[i] === 1) yield [this.keys[i]!, this.vals[i]!];
  }

  private grow(): void {
    const { keys, vals, used } = this;
    const cap = keys.length * 2;
    this.keys = new Float64Array(cap);
    this.vals = new Float64Array(cap);
    this.used = new Uint8Array(cap);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
    this.n = 0;
    for (let i = 0; i < used.length; i++) if (used[i] === 1) this.set(keys[i]!, vals[i]!);
  }
}
