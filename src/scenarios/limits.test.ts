import { describe, expect, it } from 'vitest';
import { MAX_NOTES, MAX_SCENARIO_CHARS, MAX_STEPS, ScenarioError, parseScenario, parseScenarioText } from './validate.ts';

const base = { id: 'x', title: { en: 'X', 'zh-CN': 'X' }, summary: { en: 'X', 'zh-CN': 'X' }, steps: [], notes: [] };

function error(f: () => unknown): ScenarioError {
  try {
    f();
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

describe('scenario validator: any value, bounded', () => {
  it('describes values JSON cannot serialize (BigInt, symbol, function) instead of throwing', () => {
    expect(error(() => parseScenario({ ...base, seed: 10n })).message).toBe('scenario: seed: expected a number (0..4294967295 (integer)), got a BigInt (10n)');
    expect(error(() => parseScenario({ ...base, id: Symbol('s') })).detail).toContain('got a symbol');
    expect(error(() => parseScenario({ ...base, until: () => 1 })).detail).toContain('got a function');
  });

  it('shortens echoed strings and field names', () => {
    const long = 'y'.repeat(12_000);
    const e = error(() => parseScenario({ ...base, steps: [{ at: 0, peer: 'client', do: long }] }));
    expect(e.message.length).toBeLessThan(300);
    expect(e.detail).toContain(`"${'y'.repeat(40)}…"`);
    const f = error(() => parseScenario({ ...base, [long]: 1 }));
    expect(f.message.length).toBeLessThan(300);
  });

  it(`refuses more than ${MAX_STEPS} steps and ${MAX_NOTES} notes, naming the field and the limit`, () => {
    const step = { at: 0, peer: 'server', do: 'listen' };
    expect(error(() => parseScenario({ ...base, steps: Array(MAX_STEPS + 1).fill(step) })).message).toBe(`scenario: steps: ${MAX_STEPS + 1} steps; the limit is ${MAX_STEPS} per scenario`);
    const note = { at: 0, text: { en: 'n', 'zh-CN': 'n' } };
    expect(error(() => parseScenario({ ...base, notes: Array(MAX_NOTES + 1).fill(note) })).path).toBe('notes');
    expect(parseScenario({ ...base, steps: Array(MAX_STEPS).fill(step) }).steps).toHaveLength(MAX_STEPS);
  });

  it('refuses scenario text over the size limit with the line and column where it crosses it', () => {
    const text = `{\n"id": "x",\n"pad": "${'z'.repeat(MAX_SCENARIO_CHARS)}"}`;
    const e = error(() => parseScenarioText(text, 'big.json'));
    expect([e.line, e.column]).toEqual([3, MAX_SCENARIO_CHARS - 13 + 1]);
    expect(e.message).toContain('big.json:3:');
    expect(e.detail).toContain('longer than the limit');
  });
});
