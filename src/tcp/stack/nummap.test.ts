import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumMap } from './nummap.ts';

// keys as the stacks and worlds use them: small ids, negative demux keys, keys past 2^32
const key = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), fc.integer({ min: 0, max: 2 ** 20 }).map((x) => x * 2 ** 26 + 7), fc.constant(-1));
const op = fc.oneof(
  fc.tuple(fc.constant('set' as const), key, fc.integer({ min: -5, max: 2 ** 40 })),
  fc.tuple(fc.constant('delete' as const), key, fc.constant(0)),
  fc.tuple(fc.constant('get' as const), key, fc.constant(0)),
  fc.tuple(fc.constant('getOrSet' as const), key, fc.integer({ min: 0, max: 2 ** 40 })),
);

describe('NumMap', () => {
  it('answers every get, has, delete and size as a Map does, through growth and backward-shift deletion', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const m = new NumMap(4);
        const ref = new Map<number, number>();
        for (const [kind, k, v] of ops) {
          if (kind === 'set') {
            m.set(k, v);
            ref.set(k, v);
          } else if (kind === 'delete') expect(m.delete(k)).toBe(ref.delete(k));
          else if (kind === 'getOrSet') {
            expect(m.getOrSet(k, v)).toBe(ref.get(k) ?? -1);
            if (!ref.has(k)) ref.set(k, v);
          }
          expect(m.get(k)).toBe(ref.get(k) ?? -1);
          expect(m.has(k)).toBe(ref.has(k));
          expect(m.size).toBe(ref.size);
        }
        expect(new Map(m.entries())).toEqual(ref);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a dense run of keys findable after deleting from the middle of a probe run', () => {
    const m = new NumMap(8);
    for (let i = 0; i < 10_000; i++) m.set(i * 16, i);
    for (let i = 0; i < 10_000; i += 3) m.delete(i * 16);
    for (let i = 0; i < 10_000; i++) expect(m.get(i * 16)).toBe(i % 3 === 0 ? -1 : i);
    expect(m.size).toBe(10_000 - 3334);
    m.clear();
    expect(m.size).toBe(0);
    expect(m.get(16)).toBe(-1);
  });

  it('keeps runs of consecutive keys (grouped by four in the table) findable through growth and deletions', () => {
    const m = new NumMap(8);
    for (let i = 0; i < 20_000; i++) {
      m.set(i, i);
      m.set(-i - 1, i);
    }
    for (let i = 0; i < 20_000; i += 2) m.delete(i);
    for (let i = 0; i < 20_000; i++) {
      expect(m.get(i)).toBe(i % 2 === 0 ? -1 : i);
      expect(m.get(-i - 1)).toBe(i);
    }
    expect(m.size).toBe(30_000);
  });
});
