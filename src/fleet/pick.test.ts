/** WeightedPick draws what a walk over every name by weight draws, from the same random numbers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../sim/rng.ts';
import { WeightedPick } from './pick.ts';

const NAMES = ['a', 'b', 'c', 'd', 'e'] as const;
type Name = (typeof NAMES)[number];

/** the plain rule: weights by name, zero or missing ones skipped, the last named one if x runs past */
function walk(rng: Rng, weights: Partial<Record<Name, number>>): Name {
  let sum = 0;
  for (const n of NAMES) sum += weights[n] ?? 0;
  let x = rng.next() * sum;
  let last: Name = NAMES[0];
  for (const n of NAMES) {
    const w = weights[n] ?? 0;
    if (w <= 0) continue;
    last = n;
    if (x < w) return n;
    x -= w;
  }
  return last;
}

describe('WeightedPick', () => {
  it('draws the same names as the walk by name, for any weights and seed', () => {
    const weight = fc.option(fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 1000, noNaN: true })), { nil: undefined });
    fc.assert(
      fc.property(fc.tuple(weight, weight, weight, weight, weight), fc.integer({ min: 0, max: 2 ** 31 }), (ws, seed) => {
        const weights: Partial<Record<Name, number>> = {};
        NAMES.forEach((n, i) => {
          if (ws[i] !== undefined) weights[n] = ws[i];
        });
        const p = new WeightedPick(weights, NAMES);
        const r1 = new Rng(seed);
        const r2 = new Rng(seed);
        for (let i = 0; i < 50; i++) expect(p.draw(r1)).toBe(walk(r2, weights));
      }),
      { numRuns: 300 },
    );
  });

  it('follows the weights: 3:1 gives about three quarters', () => {
    const p = new WeightedPick<Name>({ a: 3, c: 1 }, NAMES);
    const rng = new Rng(7);
    let a = 0;
    for (let i = 0; i < 4000; i++) if (p.draw(rng) === 'a') a++;
    expect(a / 4000).toBeGreaterThan(0.72);
    expect(a / 4000).toBeLessThan(0.78);
  });
});
