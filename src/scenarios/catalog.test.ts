import { describe, expect, it } from 'vitest';
import { CATALOG, CATALOG_IDS, cachedScenario, loadScenario } from './catalog.ts';
import { SCENARIOS } from './index.ts';

describe('the browser catalog of the scenario library', () => {
  it('lists every library scenario with its title, in the library order', () => {
    expect(CATALOG_IDS).toEqual(SCENARIOS.map((s) => s.id));
    expect(CATALOG.map((e) => e.title)).toEqual(SCENARIOS.map((s) => s.title));
  });
  it('loads a body on demand, validated, once', async () => {
    expect(cachedScenario('lost-fin')).toBeUndefined();
    const [a, b] = await Promise.all([loadScenario('lost-fin'), loadScenario('lost-fin')]);
    expect(a).toBe(b);
    expect(a).toEqual(SCENARIOS.find((s) => s.id === 'lost-fin'));
    expect(cachedScenario('lost-fin')).toBe(a);
  });
  it('refuses an unknown id, naming the ids that exist', async () => {
    await expect(loadScenario('nope')).rejects.toThrow(/unknown scenario "nope"; allowed: handshake, teardown/);
  });
});
