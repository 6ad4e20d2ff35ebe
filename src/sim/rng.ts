/**
 * The world's only source of randomness (DESIGN.md invariant 3): mulberry32,
 * small, fast and fully described by one 32-bit state, so snapshots carry it.
 */
export class Rng {
  constructor(public state: number) {
    this.state = state >>> 0;
  }
  /** next 32-bit unsigned integer */
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** uniform in [0, 1) */
  next(): number {
    return this.u32() / 0x1_0000_0000;
  }
}
