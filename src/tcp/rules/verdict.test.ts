/**
 * analyze() hands out shared verdicts and, given a scratch record, writes an acceptable
 * segment's verdict into it instead of making one: the answer must be the same either way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveKnobs } from '../knobs.ts';
import type { Segment } from '../segment.ts';
import { seqAdd } from '../seq.ts';
import { TCP_STATES } from '../states.ts';
import { createTcb, setFlag, TF } from '../tcb.ts';
import { analyze } from './analyze.ts';
import { ackVerdict, dropVerdict, newSegmentVerdict } from './verdict.ts';

describe('verdict records', () => {
  it('with a scratch record, analyze() gives the same verdict as without (and writes acceptable segments into it)', () => {
    const scratch = newSegmentVerdict();
    let intoScratch = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('linux' as const, 'rfc9293' as const),
        fc.constantFrom(...TCP_STATES),
        // mostly plain ACKs (the acceptable ones), the rest of the flag sets too
        fc.record({ SYN: fc.constantFrom(false, false, false, true), FIN: fc.boolean(), RST: fc.constantFrom(false, false, false, true), PSH: fc.boolean(), ACK: fc.constantFrom(true, true, true, false) }, { requiredKeys: [] }),
        fc.constantFrom(0, 0, 0, 1, -1, 100, 70000),
        fc.integer({ min: -200, max: 200 }),
        fc.constantFrom(0, 1, 100, 1460),
        fc.boolean(),
        (profile, state, flags, dSeq, dAck, len, orphan) => {
          const t = createTcb({ k: resolveKnobs(profile), localPort: 80, remotePort: 40000, iss: 1000 });
          t.irs = 5000;
          t.rcvNxt = 5001;
          t.sndUna = 1001;
          t.sndNxt = 1101;
          setFlag(t, TF.orphan, orphan);
          const seg: Segment = { srcPort: 40000, dstPort: 80, seq: seqAdd(t.rcvNxt, dSeq), ack: seqAdd(t.sndUna, dAck), flags, len, win: 65535 };
          const fresh = analyze(state, t, seg);
          const reused = analyze(state, t, seg, scratch);
          expect(reused).toEqual(fresh);
          if (fresh.kind === 'segment') {
            expect(reused).toBe(scratch);
            intoScratch++;
          } else expect(reused).not.toBe(scratch);
        },
      ),
      // seeded: about one case in twenty is acceptable, and the count below must not depend on luck
      { numRuns: 2000, seed: 20261202 },
    );
    expect(intoScratch).toBeGreaterThan(50);
  });

  it('verdicts without numbers are shared and frozen: nobody can change one for everyone', () => {
    expect(dropVerdict('no-ack')).toBe(dropVerdict('no-ack'));
    expect(dropVerdict('no-ack')).toEqual({ kind: 'drop', why: 'no-ack' });
    expect(ackVerdict('challenge')).toEqual({ kind: 'ack', why: 'challenge' });
    expect(Object.isFrozen(ackVerdict('challenge'))).toBe(true);
    const t = createTcb({ k: resolveKnobs('linux'), localPort: 80, remotePort: 40000, iss: 1 });
    const rst = analyze('LISTEN', t, { srcPort: 1, dstPort: 80, seq: 0, ack: 5, flags: { ACK: true }, len: 0, win: 0 });
    expect(rst).toEqual({ kind: 'rst-reply' });
    expect(Object.isFrozen(rst)).toBe(true);
  });
});
