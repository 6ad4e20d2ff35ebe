// A seeded slice of `npm run fuzz` for CI: the packetdrill parser and runner never crash.
import { describe, expect, it } from 'vitest';
import { fuzz } from './harness.ts';
import { loadScripts, packetdrillSurface } from './packetdrill.ts';

describe('fuzz.packetdrill (seeded slice)', () => {
  it('answers 500 mutated scripts with a result or a syntax error, never a crash', () => {
    const r = fuzz(packetdrillSurface(loadScripts(['tests/packetdrill'])), { inputs: 500, seed: 20261201, limitMs: 60_000 });
    expect(r.failures).toEqual([]);
    expect(r.crashes).toBe(0);
    expect(r.clean).toBeGreaterThan(0);
    expect(r.accepted).toBeGreaterThan(0);
  }, 120_000);
});
