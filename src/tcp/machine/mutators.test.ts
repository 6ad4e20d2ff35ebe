import { describe, expect, it } from 'vitest';
import { resolveKnobs } from '../knobs.ts';
import { acceptable } from '../rules/verdict.ts';
import type { Segment } from '../segment.ts';
import { createTcb, UNSET } from '../tcb.ts';
import type { Tcb } from '../tcb.ts';
import { RecordingFx } from './fx.ts';
import { MUTATORS } from './mutators.ts';

const k = resolveKnobs('linux');
const ISS = 1000;
const IRS = 5000;

/** An ESTABLISHED-like TCB with 100 bytes outstanding, timed. */
function established(over: Partial<Tcb> = {}): Tcb {
  const t = createTcb({ k, localPort: 40000, remotePort: 80, iss: ISS });
  Object.assign(t, { irs: IRS, rcvNxt: IRS + 1, sndUna: ISS + 1, sndNxt: ISS + 101, sndWnd: 65535, rttSeq: ISS + 101, rttAt: 1.0 }, over);
  return t;
}

const ackSeg = (ack: number, over: Partial<Segment> = {}): Segment => ({ srcPort: 80, dstPort: 40000, seq: IRS + 1, ack, flags: { ACK: true }, len: 0, win: 65535, ...over });

describe('mutator ordering rules', () => {
  it('acceptSegment re-arms the RTO with the RTO from before the RTT sample', () => {
    const t = established({ rto: 1, sndNxt: ISS + 201, rttSeq: ISS + 101 });
    const fx = new RecordingFx();
    // a partial ACK covering the timed segment: one RTT sample of 0.05 s, data still outstanding
    MUTATORS.acceptSegment(t, { type: 'SEGMENT', seg: ackSeg(ISS + 101), v: acceptable({ newAck: true }), now: 1.05 }, fx);
    expect(t.rto).not.toBe(1); // the sample changed the RTO...
    expect(fx.list).toEqual([{ kind: 'set', timer: 'RTO', seconds: 1 }]); // ...but the timer uses the old one
    expect(t.sndUna).toBe(ISS + 101);
    expect(t.rttSeq).toBe(UNSET);
  });

  it('acceptSegment cancels the RTO when everything is acknowledged', () => {
    const t = established();
    const fx = new RecordingFx();
    MUTATORS.acceptSegment(t, { type: 'SEGMENT', seg: ackSeg(ISS + 101), v: acceptable({ newAck: true }), now: 1.05 }, fx);
    expect(fx.list).toEqual([{ kind: 'cancel', timer: 'RTO' }]);
  });

  it('sendSyn builds the SYN from the TCB before its assignment, then arms the RTO', () => {
    const t = createTcb({ k, localPort: 40000, remotePort: 80, iss: ISS });
    t.sndNxt = ISS + 77; // whatever SND.NXT was: the SYN carries ISS and the TCB moves to ISS+1
    const fx = new RecordingFx();
    MUTATORS.sendSyn(t, { type: 'CONNECT', now: 2 }, fx);
    expect(fx.list.map((r) => r.kind)).toEqual(['send', 'set']);
    const r = fx.list[0]!;
    expect(r.kind === 'send' && r.seg).toMatchObject({ seq: ISS, flags: { SYN: true }, ack: 0, mss: k.mss });
    expect(fx.list[1]).toEqual({ kind: 'set', timer: 'RTO', seconds: k.rto_initial });
    expect(t).toMatchObject({ sndUna: ISS, sndNxt: ISS + 1, rttSeq: ISS + 1, rttAt: 2, retries: 0 });
  });

  it('sendSynAck builds the SYN,ACK from the TCB before its assignment, acknowledging the peer SYN', () => {
    const t = established({ sndUna: 7, sndNxt: 9 });
    const fx = new RecordingFx();
    MUTATORS.sendSynAck(t, { type: 'CONNECT', now: 3 }, fx);
    const r = fx.list[0]!;
    expect(r.kind === 'send' && r.seg).toMatchObject({ seq: ISS, ack: IRS + 1, flags: { SYN: true, ACK: true } });
    expect(fx.list[1]).toEqual({ kind: 'set', timer: 'RTO', seconds: t.rto });
    expect(t).toMatchObject({ sndUna: ISS, sndNxt: ISS + 1 });
  });

  it('a keepalive probe is built before kaProbes moves, then the interval timer is armed', () => {
    const t = established({ sndUna: ISS + 101, kaProbes: 2 });
    const fx = new RecordingFx();
    MUTATORS.sendKeepaliveProbe(t, { type: 'TIMEOUT.KEEPALIVE', now: 9000 }, fx);
    expect(fx.list.map((r) => r.kind)).toEqual(['send', 'set']);
    const r = fx.list[0]!;
    expect(r.kind === 'send' && r.seg.seq).toBe(ISS + 100);
    expect(fx.list[1]).toEqual({ kind: 'set', timer: 'KEEPALIVE', seconds: t.keepalive.intvl });
    expect(t.kaProbes).toBe(3);
  });

  it('retransmit sends the head built before the back-off and arms the timer with the RTO after it', () => {
    const t = established({ rto: 0.4, retries: 0 });
    const fx = new RecordingFx();
    MUTATORS.retransmit(t, { type: 'TIMEOUT.RTO', now: 1.4 }, fx, { state: 'ESTABLISHED' });
    expect(fx.list.map((r) => r.kind)).toEqual(['send', 'set']);
    const r = fx.list[0]!;
    expect(r.kind === 'send' && r.rtx).toBe(true);
    expect(r.kind === 'send' && r.seg).toMatchObject({ seq: ISS + 1, len: 100 });
    expect(t.rto).toBe(0.8);
    expect(fx.list[1]).toEqual({ kind: 'set', timer: 'RTO', seconds: 0.8 });
    expect(t).toMatchObject({ retries: 1, rttSeq: UNSET });
  });

  it('ackData builds its ACK after acceptSegment moved RCV.NXT', () => {
    const t = established();
    const fx = new RecordingFx();
    const ev = { type: 'SEGMENT', seg: ackSeg(ISS + 1, { len: 300, flags: { ACK: true, PSH: true } }), v: acceptable({ data: 300 }), now: 2 } as const;
    MUTATORS.acceptSegment(t, ev, fx);
    MUTATORS.ackData(t, ev, fx);
    const r = fx.list.at(-1)!;
    expect(r.kind === 'send' && r.seg).toMatchObject({ ack: IRS + 301, flags: { ACK: true } });
    expect(t.unread).toBe(300);
  });

  it('output sends, cancels the delayed ACK, then arms the RTO when the pipe was idle', () => {
    const t = established({ sndUna: ISS + 101, unsent: 2000, sndMss: 1000, rttSeq: UNSET });
    const fx = new RecordingFx();
    MUTATORS.output(t, { type: 'SEND', bytes: 2000, now: 5 }, fx);
    expect(fx.list.map((r) => (r.kind === 'send' ? `send ${r.seg.len}` : `${r.kind} ${r.timer}`))).toEqual(['send 1000', 'send 1000', 'cancel DELACK', 'set RTO']);
    expect(t).toMatchObject({ sndNxt: ISS + 2101, unsent: 0, rttSeq: ISS + 2101, rttAt: 5 });
  });
});
