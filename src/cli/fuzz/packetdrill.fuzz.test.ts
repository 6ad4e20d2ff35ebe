// A seeded slice of `npm run fuzz` for CI: the packetdrill parser and runner never crash.
import { describe, it } from 'vitest';
import { loadScripts, packetdrillSurface } from './packetdrill.ts';
import { expectCleanSlice } from './slice.ts';

describe('fuzz.packetdrill (seeded slice)', () => {
  it('answers 500 mutated scripts with a result or a syntax error, never a crash', () => {
    expectCleanSlice(packetdrillSurface(loadScripts(['tests/packetdrill'])), 500);
  }, 120_000);
});
