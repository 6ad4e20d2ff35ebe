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

/**
 * An acceptable segment's verdict, every field given: one object, always of the same shape.
 * With `into` (a caller's scratch record, see newSegmentVerdict) the fields are written there
 * and no object is made: a host reads a verdict only while it steps that one segment.
 */
export const segmentVerdict = (
  newAck: boolean,
  finAcked: boolean,
  data: number,
  ooo: boolean,
  queue: SegmentVerdict['queue'],
  fin: boolean,
  dataAfterClose: boolean,
  into?: SegmentVerdict,
): SegmentVerdict => {
  if (into === undefined) return { kind: 'segment', newAck, finAcked, data, ooo, queue, fin, dataAfterClose };
  into.newAck = newAck;
  into.finAcked = finAcked;
  into.data = data;
  into.ooo = ooo;
  into.queue = queue;
  into.fin = fin;
  into.dataAfterClose = dataAfterClose;
  return into;
};

/** A scratch record for segmentVerdict's `into`. */
export const newSegmentVerdict = (): SegmentVerdict => segmentVerdict(false, false, 0, false, null, false, false);

/**
 * The verdicts that carry no numbers, one frozen object each: analyze() hands these out
 * instead of a new object per segment (nothing changes a verdict or keeps it).
 */
type Plain<K extends VerdictKind> = Extract<Verdict, { kind: K }>;
const plain = <K extends VerdictKind>(v: Plain<K>): Plain<K> => Object.freeze(v) as Plain<K>;
export const RST_REPLY = plain({ kind: 'rst-reply' });
export const RESET = plain({ kind: 'reset' });
export const SYN_RESET = plain({ kind: 'syn-reset' });
export const REFUSED = plain({ kind: 'refused' });
export const SYN_AGAIN = plain({ kind: 'syn-again' });
export const TW_NEW_SYN = plain({ kind: 'tw-new-syn' });
/** a SYN that brings nothing else (the listener's usual case) */
export const BARE_SYN = plain({ kind: 'syn', data: 0, fin: false });
type AckWhy = Plain<'ack'>['why'];
const DROPS = new Map<DropReason, Plain<'drop'>>();
const ACKS = new Map<AckWhy, Plain<'ack'>>();
/** `{ kind: 'drop', why }`, one shared object per reason */
export const dropVerdict = (why: DropReason): Plain<'drop'> => {
  let v = DROPS.get(why);
  if (v === undefined) DROPS.set(why, (v = plain({ kind: 'drop', why })));
  return v;
};
/** `{ kind: 'ack', why }`, one shared object per reason */
export const ackVerdict = (why: AckWhy): Plain<'ack'> => {
  let v = ACKS.get(why);
  if (v === undefined) ACKS.set(why, (v = plain({ kind: 'ack', why })));
  return v;
};
