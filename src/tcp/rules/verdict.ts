/**
 * What RFC 9293 §3.10.7 says to do with one arriving segment, decided from the
 * TCB before the machine moves. The endpoint machine routes on `kind`; the
 * numbers in `segment` tell its actions what the segment brings.
 */
export type DropReason =
  | 'rst-in-listen'
  | 'synack-in-listen'
  | 'no-syn'
  | 'syn-fin'
  | 'rst-without-ack'
  | 'rst-bad-ack'
  | 'rst-outside-window'
  | 'no-ack'
  | 'rst-ignored-rfc1337'
  | 'duplicate'
  /** the host's challenge ACK budget for this second is spent (tcp_challenge_ack_limit) */
  | 'challenge-limit';

export type Verdict =
  /** discard silently */
  | { kind: 'drop'; why: DropReason }
  /** reply with an ACK and discard (unacceptable segment, RFC 5961 challenge ACK, ACK of unsent data) */
  | { kind: 'ack'; why: 'unacceptable' | 'challenge' | 'ack-unsent' | 'ack-too-old' | 'time-wait' }
  /** reply <SEQ=SEG.ACK><CTL=RST> and discard; the state does not change */
  | { kind: 'rst-reply' }
  /** an acceptable RST: the connection is torn down */
  | { kind: 'reset' }
  /** SYN in a synchronized state with RFC 5961 off: answer RST and tear down (RFC 793) */
  | { kind: 'syn-reset' }
  /** LISTEN: a SYN; SYN_SENT: a SYN without ACK (simultaneous open) */
  | { kind: 'syn'; data: number; fin: boolean }
  /** SYN_SENT: SYN with an ACK of our SYN */
  | { kind: 'syn-ack'; data: number; fin: boolean }
  /** SYN_SENT: RST acknowledging our SYN */
  | { kind: 'refused' }
  /** SYN_RCVD: the peer retransmitted its SYN; answer with our SYN,ACK again */
  | { kind: 'syn-again' }
  /** TIME_WAIT (linux): a new SYN above RCV.NXT reopens the 4-tuple */
  | { kind: 'tw-new-syn' }
  /** an acceptable segment with an acceptable ACK */
  | {
      kind: 'segment';
      newAck: boolean;
      finAcked: boolean;
      /** bytes RCV.NXT moves by: the segment's new text and the queued text it joins up with */
      data: number;
      /** text (or a FIN) beyond RCV.NXT: answered with a duplicate ACK */
      ooo: boolean;
      /** with ofo_queue: the range [start, end) to hold, and whether a FIN follows it */
      queue: { start: number; end: number; fin: boolean } | null;
      fin: boolean;
      dataAfterClose: boolean;
    };

export type VerdictKind = Verdict['kind'];

export type SegmentVerdict = Extract<Verdict, { kind: 'segment' }>;

/** An acceptable segment; fields not given bring nothing (no new ACK, no data, no FIN). */
export const acceptable = (v: Partial<Omit<SegmentVerdict, 'kind'>> = {}): SegmentVerdict =>
  segmentVerdict(v.newAck ?? false, v.finAcked ?? false, v.data ?? 0, v.ooo ?? false, v.queue ?? null, v.fin ?? false, v.dataAfterClose ?? false);

/** An acceptable segment's verdict, every field given: one object, always of the same shape. */
export const segmentVerdict = (newAck: boolean, finAcked: boolean, data: number, ooo: boolean, queue: SegmentVerdict['queue'], fin: boolean, dataAfterClose: boolean): SegmentVerdict => ({
  kind: 'segment',
  newAck,
  finAcked,
  data,
  ooo,
  queue,
  fin,
  dataAfterClose,
});
