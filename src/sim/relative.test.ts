import { describe, expect, it } from 'vitest';
import { OPEN, run } from './test/helpers.ts';
import type { World } from './world.ts';

const segs = (w: World, from: 'client' | 'server') => w.segmentViews().filter((s) => s.from === from);

describe('relative sequence numbers', () => {
  it('the RST,ACK from a closed port acks 1 relative to the SYN it refuses, like every other segment', () => {
    const w = run([{ at: 0, peer: 'client', do: 'connect' }], 5);
    const [syn] = segs(w, 'client');
    const [rst] = segs(w, 'server');
    expect(rst!.flags).toEqual(['RST', 'ACK']);
    // the absolute ack is the client's ISN + 1: relative to that ISN it is 1
    expect(rst!.ack).toBe((syn!.seq + 1) >>> 0);
    expect(rst!.ack).not.toBe(1);
    expect(rst!.relAck).toBe(1);
    expect(rst!.relSeq).toBe(0);
    expect(syn!.relSeq).toBe(0);
  });

  it('a rebooted host’s RST (no socket) counts its seq from the ISN the peer learnt', () => {
    const w = run([...OPEN, { at: 0.12, peer: 'client', do: 'crash' }, { at: 0.13, peer: 'client', do: 'reboot' }], 5);
    const synAck = segs(w, 'server').find((s) => s.flags.join(',') === 'SYN,ACK')!;
    const rst = segs(w, 'client').find((s) => s.flags.includes('RST'))!;
    // the RST takes its seq from the SYN,ACK's ack: the client's old ISN + 1
    expect(rst.seq).toBe(synAck.ack);
    expect(rst.relSeq).toBe(1);
  });

  it('segments of a connection still count from their own ISNs', () => {
    const w = run([...OPEN, { at: 1, peer: 'client', do: 'send', bytes: 100 }], 3);
    expect(segs(w, 'client').map((s) => [s.flags.join(','), s.relSeq, s.relAck])).toEqual([
      ['SYN', 0, 0],
      ['ACK', 1, 1],
      ['PSH,ACK', 1, 1],
    ]);
    expect(segs(w, 'server').map((s) => [s.flags.join(','), s.relSeq, s.relAck])).toEqual([
      ['SYN,ACK', 0, 1],
      ['ACK', 1, 101],
    ]);
  });
});
