/**
 * IdTable behaves as a Map of integer keys (values in increasing key order), whatever the
 * order of sets and deletes, across page boundaries and with pages emptied and refilled.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdTable } from './idtable.ts';

const key = fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 50_000_000, max: 50_002_000 }));
const op = fc.oneof(fc.record({ set: key, v: fc.integer() }), fc.record({ del: key }));

describe('IdTable', () => {
  it('answers get, has, size and values() as a Map sorted by key does', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const t = new IdTable<number>();
        const m = new Map<number, number>();
        for (const o of ops) {
          if ('set' in o) {
            t.set(o.set, o.v);
            m.set(o.set, o.v);
          } else {
            t.delete(o.del);
            m.delete(o.del);
          }
          expect(t.size).toBe(m.size);
        }
        for (const k of m.keys()) expect(t.get(k)).toBe(m.get(k));
        expect(t.has(3001)).toBe(false);
        expect([...t.values()]).toEqual([...m.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]));
      }),
    );
  });

  it('forgets a page once it is empty and makes it afresh', () => {
    const t = new IdTable<string>();
    t.set(5, 'a');
    t.set(1030, 'b');
    t.delete(5);
    expect(t.get(5)).toBeUndefined();
    t.set(6, 'c');
    expect([...t.values()]).toEqual(['c', 'b']);
    expect(t.size).toBe(2);
  });

  it('reuses an emptied page for another page number with nothing of the old keys in it', () => {
    const t = new IdTable<number>();
    for (let k = 0; k < 1024; k++) t.set(k, k + 1);
    for (let k = 0; k < 1024; k++) t.delete(k);
    expect(t.size).toBe(0);
    t.set(7 * 1024 + 3, 42);
    for (let k = 7 * 1024; k < 8 * 1024; k++) expect(t.get(k)).toBe(k === 7 * 1024 + 3 ? 42 : undefined);
    for (let k = 0; k < 1024; k++) expect(t.has(k)).toBe(false);
    expect([...t.values()]).toEqual([42]);
    expect(t.size).toBe(1);
  });
});
