import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Sched } from './sched.ts';

describe('Sched', () => {
  it('pops in (time, insertion) order whatever the lanes, with pushes between peeks and pops', () => {
    // ops: push (time, lane) or pop; a peek before every op checks the kept answer stays right
    const op = fc.oneof(fc.record({ t: fc.integer({ min: 0, max: 50 }), lane: fc.integer({ min: -1, max: 2 }) }), fc.constant(null));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const q = new Sched<never>(3);
        const model: { t: number; n: number }[] = [];
        let n = 0;
        for (const o of ops) {
          const head = [...model].sort((x, y) => x.t - y.t || x.n - y.n)[0];
          const p = q.peek();
          expect(p < 0 ? undefined : q.aOf(p)).toBe(head?.n);
          if (o) {
            q.push(o.t, 0, n, 0, undefined, o.lane);
            model.push({ t: o.t, n: n++ });
          } else {
            const s = q.pop();
            expect(s < 0 ? undefined : q.aOf(s)).toBe(head?.n);
            if (head) model.splice(model.indexOf(head), 1);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives back every field of an event, in a lane or the heap, after its pop until the next push; reserved numbers order as if pushed then', () => {
    // times in a small range and a few lanes: ties, out-of-order pushes into lanes (they go to the heap), reservations
    const op = fc.oneof(
      fc.record({ t: fc.integer({ min: 0, max: 20 }), lane: fc.integer({ min: -1, max: 1 }), reserve: fc.boolean() }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const q = new Sched<{ id: number }>(2);
        const model: { t: number; n: number; id: number }[] = [];
        let id = 0;
        let n = 0;
        const reserved: { t: number; n: number; lane: number }[] = [];
        const pushOne = (t: number, lane: number, num: number) => {
          const me = id++;
          q.push(t, me % 7, me, -me, { id: me }, lane, num);
          model.push({ t, n: num, id: me });
        };
        for (const o of ops) {
          if (o && o.reserve) reserved.push({ t: o.t, n: n++, lane: o.lane });
          else if (o) pushOne(o.t, o.lane, n++);
          else {
            // reserved events are pushed before anything after them is popped
            for (const r of reserved.splice(0)) pushOne(r.t, r.lane, r.n);
            const head = [...model].sort((x, y) => x.t - y.t || x.n - y.n)[0];
            const h = q.pop();
            if (!head) {
              expect(h).toBe(-1);
              continue;
            }
            expect([q.timeOf(h), q.kindOf(h), q.aOf(h), q.bOf(h), q.takeObj(h)?.id]).toEqual([head.t, head.id % 7, head.id, -head.id, head.id]);
            expect(q.takeObj(h)).toBeUndefined();
            model.splice(model.indexOf(head), 1);
          }
        }
        expect(q.size).toBe(model.length);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a lane in order through its ring growing, with peeks kept across pushes', () => {
    const q = new Sched<never>(1);
    // an early event in the heap stays the answer of peek() while the lane grows several times
    q.push(0, 9, -1);
    const first = q.peek();
    for (let i = 0; i < 5000; i++) {
      q.push(10 + i, 1, i, 0, undefined, 0);
      expect(q.peek()).toBe(first);
    }
    expect(q.aOf(q.pop())).toBe(-1);
    for (let i = 0; i < 5000; i++) {
      const h = q.pop();
      expect([q.timeOf(h), q.aOf(h)]).toEqual([10 + i, i]);
    }
    expect(q.pop()).toBe(-1);
    expect(q.size).toBe(0);
  });

  it('keeps the answer of peek() right when a lane whose head it is grows', () => {
    const q = new Sched<never>(1);
    // the ring's head away from its start, then the ring one short of full
    for (let i = 0; i < 10; i++) q.push(i, 1, i, 0, undefined, 0);
    for (let i = 0; i < 5; i++) q.pop();
    for (let i = 10; i < 1028; i++) q.push(i, 1, i, 0, undefined, 0);
    expect(q.aOf(q.peek())).toBe(5);
    // this push grows the lane's ring: its entries move
    q.push(5000, 1, 5000, 0, undefined, 0);
    expect(q.aOf(q.peek())).toBe(5);
    expect(q.aOf(q.pop())).toBe(5);
    expect(q.aOf(q.peek())).toBe(6);
  });
});
