// A seeded slice of `npm run fuzz` for CI: any URL is parsed, and any accepted link is built, without a crash.
import { describe, expect, it } from 'vitest';
import { fuzz } from './harness.ts';
import { urlSurface } from './url.ts';

describe('fuzz.url (seeded slice)', () => {
  it('answers 800 generated links with a view or a reported problem, never a crash', () => {
    const r = fuzz(urlSurface(), { inputs: 800, seed: 20261201, limitMs: 60_000 });
    expect(r.failures).toEqual([]);
    expect(r.crashes).toBe(0);
    expect(r.clean).toBeGreaterThan(0);
    expect(r.accepted).toBeGreaterThan(0);
  }, 120_000);
});
