/**
 * The fleet's timing wheel pops events in exactly the order of src/sim's heap (time, then
 * insertion), whatever mix of near, same-bucket, same-instant and far-future events it holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../sim/queue.ts';
import { WheelQueue } from './wheel.ts';

/** an operation: pop one, or push at now + delay (µs) */
const op = fc.oneof(
  fc.constant<{ pop: true }>({ pop: true }),
  fc.record({ delay: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 60_000_000, max: 8_000_000_000 })) }),
);

describe('WheelQueue', () => {
  it('pops in the heap’s order (time, then insertion) with pushes between pops', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const heap = new EventQueue<number>();
        const wheel = new WheelQueue<{ t: number; n: number; id: number }>();
        let now = 0;
        let id = 0;
        for (const o of ops) {
          if ('pop' in o) {
            const a = heap.pop();
            const b = wheel.pop();
            expect(b?.id).toBe(a?.item);
            if (a) now = a.t;
          } else {
            heap.push(now + o.delay, id);
            wheel.push({ t: now + o.delay, n: 0, id });
            id++;
          }
          expect(wheel.size).toBe(heap.size);
          expect(wheel.peek()?.id).toBe(heap.peek()?.item);
        }
        for (let a = heap.pop(); a; a = heap.pop()) expect(wheel.pop()?.id).toBe(a.item);
        expect(wheel.pop()).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('popUntil(limit) pops what the heap pops when its head is due by the limit, and nothing otherwise', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(op, fc.record({ until: fc.integer({ min: 0, max: 70_000_000 }) })), { maxLength: 400 }), (ops) => {
        const heap = new EventQueue<number>();
        const wheel = new WheelQueue<{ t: number; n: number; id: number }>();
        let now = 0;
        let id = 0;
        for (const o of ops) {
          if ('until' in o) {
            const limit = now + o.until;
            const h = heap.peek();
            const due = h !== undefined && h.t <= limit ? heap.pop() : undefined;
            expect(wheel.popUntil(limit)?.id).toBe(due?.item);
            if (due) now = due.t;
          } else if ('pop' in o) {
            const a = heap.pop();
            expect(wheel.pop()?.id).toBe(a?.item);
            if (a) now = a.t;
          } else {
            heap.push(now + o.delay, id);
            wheel.push({ t: now + o.delay, n: 0, id: id++ });
          }
          expect(wheel.size).toBe(heap.size);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('peeking past a limit and then scheduling earlier events keeps the order', () => {
    const w = new WheelQueue<{ t: number; n: number; id: string }>();
    const at = (t: number, id: string) => w.push({ t, n: 0, id });
    at(90_000_000, 'far');
    expect(w.peek()?.id).toBe('far'); // the wheel moved to the far event's bucket
    at(5_000, 'early');
    at(5_000, 'early-2');
    at(90_000_000, 'far-2');
    expect([w.pop(), w.pop(), w.pop(), w.pop()].map((e) => e?.id)).toEqual(['early', 'early-2', 'far', 'far-2']);
    expect(w.size).toBe(0);
  });
});
