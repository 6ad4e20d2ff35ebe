// A seeded slice of `npm run fuzz` for CI: the scenario validator and the World never crash,
// and every accepted scenario runs to the same trace twice.
import { describe, it } from 'vitest';
import { loadScenarios, scenarioSurface } from './scenarios.ts';
import { expectCleanSlice } from './slice.ts';

describe('fuzz.scenarios (seeded slice)', () => {
  it('answers 600 generated and mutated scenarios with a run or a ScenarioError, never a crash', () => {
    expectCleanSlice(scenarioSurface(loadScenarios()), 600);
  }, 120_000);
});
