/**
 * The seeded slice of `npm run fuzz` that each surface's unit test runs in CI: a few hundred
 * to a few thousand inputs from one fixed seed, with a generous per-input limit (CI machines
 * are shared; speed is `npm run fuzz`'s business, not the unit tests').
 */
import { expect } from 'vitest';
import type { FuzzReport, Surface } from './harness.ts';
import { fuzz } from './harness.ts';

export const SLICE_SEED = 20261201;

/** Runs `inputs` inputs of the surface and expects no failure, no crash, and both outcomes seen. */
export function expectCleanSlice<T>(surface: Surface<T>, inputs: number): FuzzReport {
  const r = fuzz(surface, { inputs, seed: SLICE_SEED, limitMs: 60_000 });
  expect(r.failures).toEqual([]);
  expect(r.crashes).toBe(0);
  expect(r.clean).toBeGreaterThan(0);
  expect(r.accepted).toBeGreaterThan(0);
  return r;
}
