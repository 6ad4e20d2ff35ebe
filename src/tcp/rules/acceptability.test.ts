import { describe, expect, it } from 'vitest';
import { ackAcceptable, segmentAcceptable, synRcvdAckAcceptable, synSentAckAcceptable } from './acceptability.ts';

describe('RFC 9293 §3.10.7.4 segment acceptability (the four cases)', () => {
  const nxt = 1000;
  // [len, wnd, seq, expected]
  const table: [number, number, number, boolean][] = [
    [0, 0, 1000, true],
    [0, 0, 1001, false],
    [0, 100, 999, false],
    [0, 100, 1000, true],
    [0, 100, 1099, true],
    [0, 100, 1100, false],
    [10, 0, 1000, false],
    [10, 100, 990, false],
    [10, 100, 991, true], // last byte is RCV.NXT
    [10, 100, 1099, true], // first byte is the window's last
    [10, 100, 1100, false],
  ];
  it.each(table)('len %i wnd %i seq %i → %s', (len, wnd, seq, ok) => {
    expect(segmentAcceptable(nxt, wnd, seq, len)).toBe(ok);
  });
  it('works across the 2^32 wrap', () => {
    expect(segmentAcceptable(0xffff_fff0, 0x100, 0x10, 0)).toBe(true);
    expect(segmentAcceptable(0xffff_fff0, 0x100, 0xffff_ffe0, 0x20)).toBe(true);
    expect(segmentAcceptable(0xffff_fff0, 0x100, 0xffff_ffe0, 0x10)).toBe(false);
  });
});

describe('ACK acceptability', () => {
  it('SYN_SENT: ISS < SEG.ACK =< SND.NXT', () => {
    expect(synSentAckAcceptable(100, 101, 101)).toBe(true);
    expect(synSentAckAcceptable(100, 101, 100)).toBe(false);
    expect(synSentAckAcceptable(100, 101, 102)).toBe(false);
    expect(synSentAckAcceptable(0xffff_ffff, 0, 0)).toBe(true);
  });
  it('SYN_RCVD: SND.UNA < SEG.ACK =< SND.NXT', () => {
    expect(synRcvdAckAcceptable(500, 501, 501)).toBe(true);
    expect(synRcvdAckAcceptable(500, 501, 500)).toBe(false);
  });
  it('synchronized: ack beyond SND.NXT is not acceptable; RFC 5961 bounds old ACKs', () => {
    expect(ackAcceptable(1000, 2000, 500, 2001, true)).toBe(false);
    expect(ackAcceptable(1000, 2000, 500, 400, true)).toBe(false);
    expect(ackAcceptable(1000, 2000, 500, 400, false)).toBe(true);
    expect(ackAcceptable(1000, 2000, 500, 600, true)).toBe(true);
  });
});
