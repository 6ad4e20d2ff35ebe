/**
 * dropRequest(): a connection request (a listener's child in SYN_RCVD) dropped without a word to
 * the peer, as Linux's inet_csk_reqsk_queue_drop(); its host decides the answer. A segment for it
 * then reaches the listener, which answers an ACK with <SEQ=SEG.ACK><CTL=RST> (RFC 9293 §3.10.7.2),
 * the RST Linux sends when tcp_abort_on_overflow = 1.
 */
import { describe, expect, it } from 'vitest';
import { resolveKnobs } from '../knobs.ts';
import { Stack } from './stack.ts';

const PORT = 80;
const PEER = 40001;
const PEER_ISN = 5000;

describe('Stack.dropRequest', () => {
  it('drops a SYN_RCVD child silently; the ACK that follows draws the listener’s bare RST', () => {
    const st = new Stack({ knobs: resolveKnobs('linux'), rand32: () => 7000 });
    const l = st.socket();
    st.bind(l, PORT);
    st.listen(l, 128, 0);
    st.drain();
    const child = st.deliver({ srcPort: PEER, dstPort: PORT, seq: PEER_ISN, ack: 0, flags: { SYN: true }, len: 0, win: 65535, mss: 1460 }, 0.1);
    const synAck = st.drain().find((e) => e.kind === 'send');
    if (synAck?.kind !== 'send') throw new Error('no SYN,ACK');
    expect(st.state(child)).toBe('SYN_RCVD');
    expect(st.countInState('SYN_RCVD')).toBe(1);

    expect(st.dropRequest(l)).toBe(false);
    expect(st.dropRequest(child)).toBe(true);
    // nothing is sent; only its SYN,ACK retransmission timer goes
    expect(st.drain()).toEqual([{ kind: 'timer', sock: child, timer: 'RTO', action: 'cancel' }]);
    expect(st.sock(child)).toBeUndefined();
    expect(st.sock(l)!.children).toEqual([]);
    expect(st.countInState('SYN_RCVD')).toBe(0);
    expect(st.dropRequest(child)).toBe(false);

    const ack = synAck.seg.seq + 1;
    expect(st.deliver({ srcPort: PEER, dstPort: PORT, seq: PEER_ISN + 1, ack, flags: { ACK: true }, len: 0, win: 65535 }, 0.2)).toBe(l);
    const sent = st.drain().filter((e) => e.kind === 'send');
    expect(sent.map((e) => e.kind === 'send' && e.seg)).toEqual([{ srcPort: PORT, dstPort: PEER, seq: ack, ack: 0, flags: expect.objectContaining({ RST: true, ACK: false }), len: 0, win: 0 }]);
    expect(st.sock(l)!.acceptQueue).toEqual([]);
  });
});
