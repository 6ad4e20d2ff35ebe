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
});
