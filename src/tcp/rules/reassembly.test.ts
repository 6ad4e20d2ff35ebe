import { UNSET } from '../tcb.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveKnobs } from '../knobs.ts';
import { seqAdd } from '../seq.ts';
import { Stack } from '../stack/stack.ts';
import { addRange, dropBelow, joinQueued, queuedBytes } from './reassembly.ts';

describe('out-of-order ranges', () => {
  it('adds ranges in order, merging what overlaps or touches', () => {
    let q = addRange([], 3000, 4000);
    q = addRange(q, 1000, 2000);
    expect(q).toEqual([1000, 2000, 3000, 4000]);
    expect(addRange(q, 2000, 3000)).toEqual([1000, 4000]);
    expect(addRange(q, 1500, 3500)).toEqual([1000, 4000]);
    expect(addRange(q, 5000, 6000)).toEqual([1000, 2000, 3000, 4000, 5000, 6000]);
    expect(addRange(q, 1200, 1300)).toEqual(q);
    expect(addRange(q, 10, 10)).toBe(q);
    expect(queuedBytes(q)).toBe(2000);
  });
  it('joins queued ranges to the in-order stream, and reaches a queued FIN', () => {
    const t = { ofo: [1000, 2000, 2500, 3000], ofoFin: 3000 };
    expect(joinQueued(t, 900)).toEqual({ end: 900, fin: false });
    expect(joinQueued(t, 1000)).toEqual({ end: 2000, fin: false });
    expect(joinQueued(t, 2500)).toEqual({ end: 3000, fin: true });
    expect(joinQueued({ ofo: [], ofoFin: 700 }, 700)).toEqual({ end: 700, fin: true });
  });
  it('drops what RCV.NXT has passed, trimming a range it is inside', () => {
    expect(dropBelow([1000, 2000, 3000, 4000], 2000)).toEqual([3000, 4000]);
    expect(dropBelow([1000, 2000, 3000, 4000], 3500)).toEqual([3500, 4000]);
    expect(dropBelow([1000, 2000], 5000)).toEqual([]);
  });
  it('works across the wrap of sequence space', () => {
    const top = 0xffff_ff00;
    const q = addRange(addRange([], seqAdd(top, 0x200), seqAdd(top, 0x300)), top, seqAdd(top, 0x100));
    expect(q).toEqual([top, seqAdd(top, 0x100), seqAdd(top, 0x200), seqAdd(top, 0x300)]);
    expect(joinQueued({ ofo: q, ofoFin: UNSET }, seqAdd(top, 0x100))).toEqual({ end: seqAdd(top, 0x100), fin: false });
    expect(dropBelow(q, seqAdd(top, 0x250))).toEqual([seqAdd(top, 0x250), seqAdd(top, 0x300)]);
  });
});

// ---- through a stack: segments of a stream delivered in any order ----------------

const PEER_ISN = 0xffff_f000; // the stream crosses the wrap of sequence space

function established(set: Record<string, number>) {
  const st = new Stack({ knobs: resolveKnobs('linux', set), rand32: () => 7 });
  const l = st.socket();
  st.bind(l, 80);
  st.listen(l, 8, 0);
  st.deliver({ srcPort: 1001, dstPort: 80, seq: PEER_ISN, ack: 0, flags: { SYN: true }, len: 0, win: 65535, mss: 1460 }, 0.1);
  const synAck = st.drain().find((e) => e.kind === 'send')!;
  if (synAck.kind !== 'send') throw new Error('no SYN,ACK');
  const iss = synAck.seg.seq;
  st.deliver({ srcPort: 1001, dstPort: 80, seq: seqAdd(PEER_ISN, 1), ack: iss + 1, flags: { ACK: true }, len: 0, win: 65535 }, 0.2);
  st.drain();
  const id = st.allSocks().find((s) => s.kind === 'conn')!.id;
  return { st, id, iss };
}

/** The stream cut into pieces of the given sizes (and a FIN on the last when `fin`). */
function pieces(sizes: number[], fin: boolean) {
  let off = 0;
  return sizes.map((n, i) => {
    const p = { seq: seqAdd(PEER_ISN, 1 + off), len: n, fin: fin && i === sizes.length - 1 };
    off += n;
    return p;
  });
}

describe('reassembly through the stack (ofo_queue)', () => {
  it('in any order, every byte and the FIN arrive; each segment past a hole gets a duplicate ACK', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1460 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
        (sizes, fin, keys) => {
          const { st, id, iss } = established({});
          const ps = pieces(sizes, fin);
          const order = ps.map((p, i) => ({ p, k: keys[i]! })).sort((a, b) => a.k - b.k);
          const total = sizes.reduce((a, b) => a + b, 0);
          let t = 1;
          for (const { p } of order) {
            const before = st.tcb(id)!.rcvNxt;
            st.deliver({ srcPort: 1001, dstPort: 80, seq: p.seq, ack: iss + 1, flags: { ACK: true, FIN: p.fin }, len: p.len, win: 65535 }, (t += 0.01));
            const acks = st.drain().filter((e) => e.kind === 'send');
            // every data segment is answered at once: a duplicate ACK when it lies past a hole
            expect(acks.length).toBe(1);
            const a = acks[0]!;
            if (a.kind === 'send' && p.seq !== before) expect(a.seg.ack).toBe(before);
          }
          const tcb = st.tcb(id)!;
          expect(tcb.rcvNxt).toBe(seqAdd(PEER_ISN, 1 + total + (fin ? 1 : 0)));
          expect(tcb.unread).toBe(total);
          expect(tcb.ofo).toEqual([]);
          expect(tcb.ofoFin).toBe(UNSET);
          expect(st.state(id)).toBe(fin ? 'CLOSE_WAIT' : 'ESTABLISHED');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('with ofo_queue = 0, what arrives past a hole is dropped: only the in-order prefix is received', () => {
    const { st, id, iss } = established({ ofo_queue: 0 });
    const [a, b, c] = pieces([1000, 1000, 1000], true);
    for (const p of [c!, b!, a!]) st.deliver({ srcPort: 1001, dstPort: 80, seq: p.seq, ack: iss + 1, flags: { ACK: true, FIN: p.fin }, len: p.len, win: 65535 }, 1);
    const tcb = st.tcb(id)!;
    expect(tcb.unread).toBe(1000);
    expect(tcb.rcvNxt).toBe(seqAdd(PEER_ISN, 1001));
    expect(st.state(id)).toBe('ESTABLISHED');
    expect(tcb.ofo).toEqual([]);
  });

  it('queues no further than the receive window', () => {
    const { st, id, iss } = established({ rcv_wnd: 3000 });
    // 2500 bytes past a 1000-byte hole: only 2000 of them fit the window
    st.deliver({ srcPort: 1001, dstPort: 80, seq: seqAdd(PEER_ISN, 1001), ack: iss + 1, flags: { ACK: true }, len: 1460, win: 65535 }, 1);
    st.deliver({ srcPort: 1001, dstPort: 80, seq: seqAdd(PEER_ISN, 2461), ack: iss + 1, flags: { ACK: true }, len: 1040, win: 65535 }, 1);
    expect(queuedBytes(st.tcb(id)!.ofo)).toBe(2000);
  });
});
