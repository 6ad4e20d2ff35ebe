import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Slots } from './slots.ts';

describe('Slots', () => {
  it('an id keeps its slot while drawn; a new id takes a freed slot', () => {
    const s = new Slots();
    expect(s.assign([1, 2, 3])).toEqual([0, 1, 2]);
    expect(s.assign([2, 3, 4])).toEqual([1, 2, 0]);
    expect(s.assign([3, 4, 5, 6])).toEqual([2, 0, 1, 3]);
    expect(s.capacity).toBe(4);
    s.clear();
    expect(s.assign([9])).toEqual([0]);
  });

  it('a sliding window of ids never needs more slots than the most drawn at once, and slots are distinct', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 40 })), { minLength: 1, maxLength: 60 }), (frames) => {
        const s = new Slots();
        let from = 0;
        let most = 0;
        const held = new Map<number, number>();
        for (const [step, n] of frames) {
          from += step;
          const ids = Array.from({ length: n }, (_, i) => from + i);
          const slots = s.assign(ids);
          most = Math.max(most, n);
          expect(new Set(slots).size).toBe(n);
          ids.forEach((id, i) => {
            if (held.has(id)) expect(slots[i]).toBe(held.get(id));
          });
          held.clear();
          ids.forEach((id, i) => held.set(id, slots[i]!));
          expect(s.capacity).toBeLessThanOrEqual(most);
        }
      }),
    );
  });
});
