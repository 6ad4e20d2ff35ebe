import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzz, reportLine } from './harness.ts';
import type { Surface } from './harness.ts';

/** A toy surface: refuses negative numbers, crashes on any number over 100. */
const toy: Surface<number[]> = {
  name: 'toy',
  inputs: fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 20 }),
  run(xs) {
    if (xs.some((x) => x > 100)) throw new RangeError(`too big: ${xs.find((x) => x > 100)}`);
    return xs.some((x) => x < 0) ? 'clean' : 'accepted';
  },
  size: () => 1,
  show: (xs) => JSON.stringify(xs),
};

describe('fuzz harness', () => {
  it('counts every input once, by outcome, and prints DESIGN.md line', () => {
    const r = fuzz(toy, { inputs: 500, seed: 42, limitMs: 60_000 });
    expect(r.inputs).toBe(500);
    expect(r.clean + r.accepted + r.crashes).toBe(500);
    expect(r.crashes).toBeGreaterThan(0);
    expect(reportLine(r)).toBe(`fuzz.toy: 500 inputs, ${r.clean} clean errors, ${r.accepted} accepted, ${r.crashes} crashes, 0 over time`);
  });

  it('shrinks a crash to its smallest counterexample', () => {
    const r = fuzz(toy, { inputs: 500, seed: 42, limitMs: 60_000, maxReported: 1 });
    expect(r.failures).toEqual([{ kind: 'crash', detail: 'RangeError: too big: 101', input: '[101]' }]);
  });
});
