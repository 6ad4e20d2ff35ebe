/**
 * A map from integer keys (exact doubles, |key| < 2^53, negative allowed) to
 * integer values (|value| < 2^53), kept in typed arrays: open addressing with
 * linear probing and backward-shift deletion (no tombstones). A JS Map of the
 * same keys costs ~40 bytes an entry and a hash-table walk through scattered
 * entry objects; this costs 16 bytes a slot and stays contiguous, which is what
 * a host with tens of thousands of connections looks keys up in on every event.
 * A slot's key and value sit side by side in one array (an empty slot's key is
 * NaN), so a lookup in a table far larger than the cache costs one cache miss,
 * not one per array (keys, values, a used mark).
 *
 * Values are Float64 (timer generations grow past 2^31 in long runs). `get`
 * returns `missing` (-1 unless told otherwise) for an absent key.
 */
export class NumMap {
  /** slot i: key at 2i (NaN when empty), value at 2i + 1 */
  private slots: Float64Array;
  /** slots - 1 */
  private mask: number;
  /** 32 - log2(slots): a multiplicative hash's best bits are its top ones */
  private shift: number;
  private n = 0;

  constructor(
    capacity = 64,
    private readonly missing = -1,
  ) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.slots = new Float64Array(2 * cap).fill(NaN);
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
    // runs of 4 consecutive keys (a cache line of slots) hash as one: neighbours share a line
    return ((Math.imul((lo >> 2) ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1) >>> this.shift) & ~3) | (lo & 3);
  }

  /** The slot holding `k`, or -1. (An empty slot's NaN key equals nothing, itself included.) */
  private find(k: number): number {
    const s = this.slots;
    const mask = this.mask;
    for (let i = this.home(k); ; i = (i + 1) & mask) {
      const x = s[2 * i]!;
      if (x === k) return i;
      if (x !== x) return -1;
    }
  }

  get(k: number): number {
    const i = this.find(k);
    return i < 0 ? this.missing : this.slots[2 * i + 1]!;
  }

  has(k: number): boolean {
    return this.find(k) >= 0;
  }

  set(k: number, v: number): void {
    const s = this.slots;
    let i = this.home(k);
    for (; ; i = (i + 1) & this.mask) {
      const x = s[2 * i]!;
      if (x === k) {
        s[2 * i + 1] = v;
        return;
      }
      if (x !== x) break;
    }
    s[2 * i] = k;
    s[2 * i + 1] = v;
    // at most 3/4 full: probes stay short
    if (++this.n * 4 > (this.mask + 1) * 3) this.grow();
  }

  /**
   * The value of `k`; when absent, `k` is set to `v` and `missing` is returned. One probe
   * sequence where get() then set() would walk it twice.
   */
  getOrSet(k: number, v: number): number {
    const s = this.slots;
    let i = this.home(k);
    for (; ; i = (i + 1) & this.mask) {
      const x = s[2 * i]!;
      if (x === k) return s[2 * i + 1]!;
      if (x !== x) break;
    }
    s[2 * i] = k;
    s[2 * i + 1] = v;
    if (++this.n * 4 > (this.mask + 1) * 3) this.grow();
    return this.missing;
  }

  /** Removes `k`; whether it was there. */
  delete(k: number): boolean {
    const i = this.find(k);
    if (i < 0) return false;
    const s = this.slots;
    const mask = this.mask;
    // backward shift: move later members of the probe run into the hole when their home allows it
    let hole = i;
    for (let j = (i + 1) & mask; ; j = (j + 1) & mask) {
      const kj = s[2 * j]!;
      if (kj !== kj) break;
      const h = this.home(kj);
      // j's entry may move to the hole unless its home lies cyclically in (hole, j]
      const inRange = hole <= j ? h > hole && h <= j : h > hole || h <= j;
      if (inRange) continue;
      s[2 * hole] = kj;
      s[2 * hole + 1] = s[2 * j + 1]!;
      hole = j;
    }
    s[2 * hole] = NaN;
    this.n--;
    return true;
  }

  clear(): void {
    this.slots.fill(NaN);
    this.n = 0;
  }

  /** Every (key, value), in slot order (not insertion order). */
  *entries(): Generator<[number, number]> {
    const s = this.slots;
    for (let i = 0; i <= this.mask; i++) {
      const k = s[2 * i]!;
      if (k === k) yield [k, s[2 * i + 1]!];
    }
  }

  private grow(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    this.slots = new Float64Array(2 * cap).fill(NaN);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
    this.n = 0;
    for (let i = 0; i < old.length; i += 2) {
      const k = old[i]!;
      if (k === k) this.set(k, old[i + 1]!);
    }
  }
}
