/**
 * PSH at write boundaries (Linux tcp_push(): the segment holding a write's last byte, unless a
 * later write was appended to it before it left), checked on the kernel by
 * tests/packetdrill/linux/psh-write-boundary.pkt.
 */
import { describe, expect, it } from 'vitest';
import { resolveKnobs } from '../knobs.ts';
import { seqAdd } from '../seq.ts';
import { createTcb } from '../tcb.ts';
import type { Tcb } from '../tcb.ts';
import { headSegment, pendingWriteEnds, takeOutput } from './build.ts';

const ISS = 0xffff_fc00; // the writes cross the wrap of sequence space

function tcb(writes: number[], over: Partial<Tcb> = {}): Tcb {
  const t = createTcb({ k: resolveKnobs('linux'), localPort: 80, remotePort: 1001, iss: ISS });
  Object.assign(t, { sndUna: seqAdd(ISS, 1), sndNxt: seqAdd(ISS, 1), sndWnd: 65535, sndMss: 1000, ...over });
  let end = 0;
  const ends: number[] = [];
  for (const w of writes) ends.push(seqAdd(t.sndNxt, (end += w)));
  t.unsent = end;
  t.writeEnds = ends;
  return t;
}
const shape = (t: Tcb) => takeOutput(t).segs.map((s) => `${s.len}${s.flags.PSH ? 'P' : ''}`);

describe('PSH per write', () => {
  it('one write of 1500: PSH on its last segment only', () => {
    expect(shape(tcb([1500]))).toEqual(['1000', '500P']);
  });
  it('writes queued together: PSH where a write ends on a segment end, not where a later write was appended', () => {
    // 500 ends inside the first segment, which the 1500 filled; 1500 ends at 2000; 700 ends the data
    expect(shape(tcb([500, 1500, 700]))).toEqual(['1000', '1000P', '700P']);
    expect(shape(tcb([1000, 1000, 1000]))).toEqual(['1000P', '1000P', '1000P']);
    expect(shape(tcb([2500, 500]))).toEqual(['1000', '1000', '1000P']);
  });
  it('without recorded writes (a TCB from before), PSH marks the end of the queued data', () => {
    const t = tcb([3000]);
    t.writeEnds = [];
    expect(shape(t)).toEqual(['1000', '1000', '1000P']);
  });
  it('keeps only the write ends not yet acknowledged', () => {
    const t = tcb([1000, 1000, 1000]);
    const out = takeOutput(t);
    expect(out.writeEnds).toHaveLength(3);
    t.sndUna = seqAdd(ISS, 1 + 2000);
    expect(pendingWriteEnds(t)).toEqual([seqAdd(ISS, 1 + 3000)]);
  });
  it('a retransmitted head segment carries PSH when a write ended at its end', () => {
    const t = tcb([1000, 1000]);
    const out = takeOutput(t);
    Object.assign(t, { sndNxt: out.sndNxt, unsent: out.unsent, writeEnds: out.writeEnds });
    expect(headSegment(t, 'ESTABLISHED')!.flags.PSH).toBe(true);
    const u = tcb([1500, 500]);
    const o2 = takeOutput(u);
    Object.assign(u, { sndNxt: o2.sndNxt, unsent: o2.unsent, writeEnds: o2.writeEnds });
    expect(headSegment(u, 'ESTABLISHED')!.flags.PSH).toBe(false);
  });
});
