import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SockTable } from './socktable.ts';

describe('SockTable', () => {
  it('answers get, delete, size and the iteration order as a Map filled in id order does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(3000)), { maxLength: 3000 }), (ops) => {
        const t = new SockTable<string>();
        const ref = new Map<number, string>();
        let next = 1;
        for (const [add, pick] of ops) {
          if (add) {
            const id = next++;
            t.set(id, `s${id}`);
            ref.set(id, `s${id}`);
          } else {
            const id = 1 + (pick % next);
            expect(t.delete(id)).toBe(ref.delete(id));
          }
          expect(t.size).toBe(ref.size);
        }
        expect([...t.values()]).toEqual([...ref.values()]);
        for (let id = 0; id <= next; id++) expect(t.get(id)).toBe(ref.get(id));
      }),
      { numRuns: 100 },
    );
  });

  it('drops its empty front as the oldest sockets go, and takes an id below its base', () => {
    const t = new SockTable<number>();
    for (let id = 1; id <= 5000; id++) t.set(id, id);
    for (let id = 1; id <= 4990; id++) t.delete(id);
    expect([...t.values()]).toEqual([4991, 4992, 4993, 4994, 4995, 4996, 4997, 4998, 4999, 5000]);
    t.set(7, 7);
    expect(t.get(7)).toBe(7);
    expect(t.get(4995)).toBe(4995);
    expect([...t.values()][0]).toBe(7);
    expect(t.size).toBe(11);
  });
});
