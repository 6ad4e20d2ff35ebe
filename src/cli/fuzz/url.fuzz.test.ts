// A seeded slice of `npm run fuzz` for CI: any URL is parsed, and any accepted link is built, without a crash.
import { describe, it } from 'vitest';
import { urlSurface } from './url.ts';
import { expectCleanSlice } from './slice.ts';

describe('fuzz.url (seeded slice)', () => {
  it('answers 800 generated links with a view or a reported problem, never a crash', () => {
    expectCleanSlice(urlSurface(), 800);
  }, 120_000);
});
