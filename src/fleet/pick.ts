/**
 * A weighted random choice (the names' order fixes the draw), with the weights read once per
 * mix instead of by name on every draw: a busy fleet draws a client behaviour per arrival and
 * an application mode per accept, and looking weights up by a string key each time showed in
 * the profile. The arithmetic is the same as a walk over every name (adding a zero weight
 * leaves a float sum unchanged), so a seed gives the same draws.
 */
import type { Rng } from '../sim/rng.ts';

export class WeightedPick<K extends string> {
  private readonly names: K[] = [];
  private readonly weights: number[] = [];
  private readonly sum: number;
  private readonly first: K;

  constructor(weights: Partial<Record<K, number>>, names: readonly K[]) {
    let sum = 0;
    for (const n of names) {
      const w = weights[n] ?? 0;
      sum += w;
      if (w > 0) {
        this.names.push(n);
        this.weights.push(w);
      }
    }
    this.sum = sum;
    this.first = names[0]!;
  }

  /** One draw from `rng` (exactly one number taken). */
  draw(rng: Rng): K {
    let x = rng.next() * this.sum;
    const n = this.names.length;
    for (let i = 0; i < n; i++) {
      const w = this.weights[i]!;
      if (x < w) return this.names[i]!;
      x -= w;
    }
    return n > 0 ? this.names[n - 1]! : this.first;
  }
}
