/**
 * The fleet's lanes pop events in exactly the order of src/sim's heap (time, then insertion),
 * with their fields intact: few delays (each its own lane), more delays than lanes (the wheel
 * takes the rest), times in the past, and limits that stop short of the next event.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../sim/queue.ts';
import { LaneQueue } from './lanes.ts';

/** an operation: push at now + delay (µs), or take the next event due by now + until */
const op = (delays: fc.Arbitrary<number>) =>
  fc.oneof(fc.record({ delay: delays }), fc.record({ until: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3_000_000 }), fc.constant(1e12)) }));

/** a handful of delays (lanes), a wide spread (more than 64: the wheel too), some into the past */
const fewDelays = fc.constantFrom(0, 1_000, 50_000, 1_000_000, 2_000_000, 60_000_000);
const manyDelays = fc.oneof(fewDelays, fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 60_000_000, max: 8_000_000_000 }), fc.integer({ min: -2_000_000, max: -1 }));

function check(ops: ({ delay: number } | { until: number })[]): void {
  const heap = new EventQueue<number>();
  const lanes = new LaneQueue<{ id: number }>();
  let now = 0;
  let id = 0;
  for (const o of ops) {
    if ('delay' in o) {
      const t = Math.max(0, now + o.delay);
      heap.push(t, id);
      // every field travels with the event: the id in each column, the object with it
      lanes.push(t, now, id % 5, id % 3, id * 7, id % 8, id * 11, { id });
      id++;
    } else {
      const limit = now + o.until;
      const h = heap.peek();
      const due = h !== undefined && h.t <= limit ? heap.pop() : undefined;
      const got = lanes.next(limit);
      expect(got).toBe(due !== undefined);
      if (due) {
        const n = due.item;
        expect([lanes.t, lanes.obj?.id, lanes.k, lanes.host, lanes.sock, lanes.code, lanes.num]).toEqual([due.t, n, n % 5, n % 3, n * 7, n % 8, n * 11]);
        now = Math.max(now, due.t);
      }
    }
    expect(lanes.size).toBe(heap.size);
  }
  for (let a = heap.pop(); a; a = heap.pop()) {
    expect(lanes.next(1e15)).toBe(true);
    expect(lanes.obj?.id).toBe(a.item);
  }
  expect(lanes.next(1e15)).toBe(false);
}

describe('LaneQueue', () => {
  it('takes events in the heap’s order with every field, a lane per delay', () => {
    fc.assert(fc.property(fc.array(op(fewDelays), { maxLength: 600 }), check), { numRuns: 300 });
  });

  it('keeps the order when delays outnumber the lanes and some lie in the past (the wheel’s share)', () => {
    fc.assert(fc.property(fc.array(op(manyDelays), { maxLength: 600 }), check), { numRuns: 300 });
  });

  it('a lane grows past its first size and still gives its events back oldest first', () => {
    const q = new LaneQueue<number>();
    for (let i = 0; i < 100; i++) q.push(50 + i, i, 0, 0, i, 0, 0, i);
    for (let i = 0; i < 40; i++) expect(q.next(1e9) && q.obj).toBe(i);
    for (let i = 100; i < 200; i++) q.push(50 + i, i, 0, 0, i, 0, 0, i);
    for (let i = 40; i < 200; i++) expect(q.next(1e9) && q.obj).toBe(i);
    expect(q.size).toBe(0);
  });
});
