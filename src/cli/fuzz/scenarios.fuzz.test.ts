// A seeded slice of `npm run fuzz` for CI: the scenario validator and the World never crash,
// and every accepted scenario runs to the same trace twice.
import { describe, expect, it } from 'vitest';
import { fuzz } from './harness.ts';
import { loadScenarios, scenarioSurface } from './scenarios.ts';

describe('fuzz.scenarios (seeded slice)', () => {
  it('answers 600 generated and mutated scenarios with a run or a ScenarioError, never a crash', () => {
    const r = fuzz(scenarioSurface(loadScenarios()), { inputs: 600, seed: 20261201, limitMs: 60_000 });
    expect(r.failures).toEqual([]);
    expect(r.crashes).toBe(0);
    expect(r.clean).toBeGreaterThan(0);
    expect(r.accepted).toBeGreaterThan(0);
  }, 120_000);
});
