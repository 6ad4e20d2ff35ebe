import type { Knobs } from './knobs.ts';
import type { Errno } from './errno.ts';
import { seqField } from './seq.ts';

export interface KeepaliveOpts {
  on: boolean;
  idle: number;
  intvl: number;
  cnt: number;
}

/**
 * The transmission control block (RFC 9293 §3.3.1): everything one connection
 * remembers. It is the XState context of the endpoint machine; plain data, so a
 * world snapshot is a copy of it. Times are seconds; sequence numbers are mod 2^32.
 */
export interface Tcb {
  /** Shared, frozen knob set of the host (a reference, not a copy per connection). */
  readonly k: Knobs;
  localPort: number;
  remotePort: number;
  /** the connection's yes/no facts, one bit each (TF): one field instead of nine */
  flags: number;

  iss: number;
  irs: number;
  sndUna: number;
  sndNxt: number;
  sndWnd: number;
  maxSndWnd: number;
  /** MSS for what we send: ours, lowered to the peer's announced MSS (536 when none, RFC 9293 §3.7.1) */
  sndMss: number;
  rcvNxt: number;

  /** simultaneous open: bytes that rode on the peer's SYN, held until ESTABLISHED (RFC 9293 §3.10.7.3) */
  heldData: number;

  /** bytes written by the application and not yet sent */
  unsent: number;
  /**
   * Where the application's writes end (the sequence number after a write's last byte), for
   * writes not yet acknowledged: a segment ending at one carries PSH. Replaced, never changed in place.
   */
  writeEnds: readonly number[];
  /** bytes received in order and not yet read by the application */
  unread: number;
  /** sequence number our FIN occupies, once sent */
  finSeq: number;
  /**
   * The out-of-order queue (ofo_queue): byte ranges received beyond RCV.NXT, flat
   * [start, end, start, end, ...] in sequence space, disjoint and in order. Never
   * changed in place (a snapshot shares it), only replaced.
   */
  ofo: readonly number[];
  /** sequence number of a FIN that arrived beyond RCV.NXT and waits in the queue */
  ofoFin: number;


  /** RFC 6298 state; rto in seconds */
  rto: number;
  srtt: number;
  rttvar: number;
  /** the segment being timed: ends at rttSeq, sent at rttAt (Karn: cleared on retransmit) */
  rttSeq: number;
  rttAt: number;
  /** consecutive retransmission timeouts of the current head */
  retries: number;
  /** when the oldest unacknowledged segment was sent (Linux's time budget of retries counts from it) */
  headSentAt: number;

  keepalive: KeepaliveOpts;
  kaProbes: number;

  lastRcvAt: number;

  /** congestion window and slow-start threshold in segments (0 cwnd: no congestion control); cwndCnt counts ACKed segments in congestion avoidance */
  cwnd: number;
  ssthresh: number;
  cwndCnt: number;
  /** tlpHighSeq: SND.NXT when a tail loss probe went out, until it is acknowledged */
  tlpHighSeq: number;
  /** when the last rate-limited ACK (out-of-window, challenge, TIME_WAIT) was sent, or UNSET (Linux last_oow_ack_time) */
  lastOowAckAt: number;

  /** pending socket error (SO_ERROR), or '' */
  error: Errno | '';
}

export interface TcbInit {
  k: Knobs;
  localPort: number;
  remotePort: number;
  iss: number;
  passive?: boolean;
  keepalive?: KeepaliveOpts;
  linger0?: boolean;
}

/** The empty range and write-end list every TCB starts with (shared: these lists are replaced, never changed in place). */
export const NO_RANGES: readonly number[] = Object.freeze([]);

/**
 * The bits of Tcb.flags. A TCB is the XState context too, and XState copies contexts as plain
 * objects (no accessors survive), so they are read and written through flag() and setFlag().
 */
export const TF = {
  /** a connection spawned by a listener (RST in SYN_RCVD returns it to LISTEN) */
  passive: 1,
  /** the application asked for a FIN (close or shutdown(SHUT_WR)) */
  finQueued: 2,
  /** the peer's FIN has been received in order */
  peerFin: 4,
  /** close() was called: the socket is an orphan of the kernel */
  orphan: 8,
  shutRd: 16,
  linger0: 32,
  /** Linux's "interactive" heuristic: we sent data after receiving some; the ACK of a FIN is then delayed */
  pingpong: 64,
  /** both ends offered SACK-permitted on their SYNs */
  sackOk: 128,
  /** the RTO timer is armed as a tail loss probe */
  tlpArmed: 256,
  /**
   * Linux: an orphan's FIN_WAIT_2 whose tcp_fin_timeout exceeds TIME_WAIT's length has waited
   * out the excess as a full socket and now lives in a TIME_WAIT bucket for the rest
   */
  finWait2Bucket: 512,
} as const;
export type TcbFlag = keyof typeof TF;

export const flag = (t: { flags: number }, f: number): boolean => (t.flags & f) !== 0;
export const setFlag = (t: { flags: number }, f: number, on: boolean): void => {
  t.flags = on ? t.flags | f : t.flags & ~f;
};

/**
 * A TCB as snapshots and traces write it: every yes/no fact as its own boolean field, in the
 * order the fields had before they were packed (so saved worlds read the same).
 */
export type TcbSnapshot = Omit<Tcb, 'flags'> & Record<TcbFlag, boolean>;

export function tcbSnapshot(t: Tcb): TcbSnapshot {
  const f = (b: number) => (t.flags & b) !== 0;
  return {
    k: t.k,
    localPort: t.localPort,
    remotePort: t.remotePort,
    passive: f(TF.passive),
    iss: t.iss,
    irs: t.irs,
    sndUna: t.sndUna,
    sndNxt: t.sndNxt,
    sndWnd: t.sndWnd,
    maxSndWnd: t.maxSndWnd,
    sndMss: t.sndMss,
    rcvNxt: t.rcvNxt,
    heldData: t.heldData,
    unsent: t.unsent,
    writeEnds: t.writeEnds,
    unread: t.unread,
    finQueued: f(TF.finQueued),
    finSeq: t.finSeq,
    peerFin: f(TF.peerFin),
    ofo: t.ofo,
    ofoFin: t.ofoFin,
    orphan: f(TF.orphan),
    shutRd: f(TF.shutRd),
    linger0: f(TF.linger0),
    rto: t.rto,
    srtt: t.srtt,
    rttvar: t.rttvar,
    rttSeq: t.rttSeq,
    rttAt: t.rttAt,
    retries: t.retries,
    headSentAt: t.headSentAt,
    keepalive: { ...t.keepalive },
    kaProbes: t.kaProbes,
    pingpong: f(TF.pingpong),
    lastRcvAt: t.lastRcvAt,
    sackOk: f(TF.sackOk),
    cwnd: t.cwnd,
    ssthresh: t.ssthresh,
    cwndCnt: t.cwndCnt,
    tlpArmed: f(TF.tlpArmed),
    tlpHighSeq: t.tlpHighSeq,
    lastOowAckAt: t.lastOowAckAt,
    error: t.error,
    finWait2Bucket: f(TF.finWait2Bucket),
  };
}

/** The TCB a snapshot describes, built like a new one (same hidden class) and then filled in. */
export function tcbFromSnapshot(x: TcbSnapshot): Tcb {
  const t = createTcb({ k: x.k, localPort: x.localPort, remotePort: x.remotePort, iss: x.iss });
  let flags = 0;
  for (const name of Object.keys(TF) as TcbFlag[]) if (x[name]) flags |= TF[name];
  const { passive: _p, finQueued: _fq, peerFin: _pf, orphan: _o, shutRd: _s, linger0: _l, pingpong: _pp, sackOk: _sk, tlpArmed: _ta, finWait2Bucket: _fb, ...rest } = x;
  Object.assign(t, rest, { keepalive: { ...x.keepalive }, flags });
  return t;
}

/**
 * "None" in a TCB field that holds a sequence number or a time (both never negative):
 * the TCB has no null-typed fields, so every field keeps one representation and every
 * TCB one hidden class from creation on (tcb.shape.test.ts).
 */
export const UNSET = -1;

/**
 * Fields holding sequence numbers and times are created with this placeholder and given
 * their value at once. A field whose first value is not a number gets V8's "tagged"
 * representation: a number that fits a small integer (most of them: ports, counts,
 * sequence numbers below 2^31, UNSET, times of whole seconds) is stored in the field
 * itself, and no later write changes the field's representation, so every TCB keeps
 * the hidden class it was created with (tcb.shape.test.ts). Created as doubles, each of
 * these fields would instead hold a 16-byte box for its whole life, whatever its value.
 */
const TAGGED = '' as unknown as number;

export function createTcb(i: TcbInit): Tcb {
  const t: Tcb = {
    k: i.k,
    localPort: TAGGED,
    remotePort: TAGGED,
    flags: 0,
    iss: TAGGED,
    irs: TAGGED,
    sndUna: TAGGED,
    sndNxt: TAGGED,
    sndWnd: TAGGED,
    maxSndWnd: TAGGED,
    sndMss: TAGGED,
    rcvNxt: TAGGED,
    heldData: TAGGED,
    unsent: TAGGED,
    writeEnds: NO_RANGES,
    unread: TAGGED,
    finSeq: TAGGED,
    ofo: NO_RANGES,
    ofoFin: TAGGED,
    rto: TAGGED,
    srtt: TAGGED,
    rttvar: TAGGED,
    rttSeq: TAGGED,
    rttAt: TAGGED,
    retries: TAGGED,
    headSentAt: TAGGED,
    keepalive: NO_KEEPALIVE,
    kaProbes: TAGGED,
    lastRcvAt: TAGGED,
    cwnd: TAGGED,
    ssthresh: TAGGED,
    cwndCnt: TAGGED,
    tlpHighSeq: TAGGED,
    lastOowAckAt: TAGGED,
    error: '',
  };
  return resetTcb(t, i);
}

/** Keepalive options before resetTcb() sets a TCB's own (never read). */
const NO_KEEPALIVE: KeepaliveOpts = Object.freeze({ on: false, idle: 0, intvl: 0, cnt: 0 });

/**
 * Gives every field of `t` the value a new TCB for `i` starts with, so a TCB of a connection
 * that is gone can serve a new one (Stack's `recycle` option): the same hidden class, no
 * allocation, no young object to copy and promote. Returns `t`.
 */
export function resetTcb(t: Tcb, i: TcbInit): Tcb {
  (t as { k: Knobs }).k = i.k;
  t.flags = (i.passive ? TF.passive : 0) | (i.linger0 ? TF.linger0 : 0);
  t.localPort = i.localPort;
  t.remotePort = i.remotePort;
  t.sndWnd = 0;
  t.maxSndWnd = 0;
  // integer knobs, read as small integers: the knob set may hold them as heap numbers, and a TCB
  // field would then keep a heap number of its own for each connection
  t.sndMss = i.k.mss | 0;
  t.heldData = 0;
  t.unsent = 0;
  t.writeEnds = NO_RANGES;
  t.unread = 0;
  t.ofo = NO_RANGES;
  t.retries = 0;
  t.keepalive = i.keepalive ?? { on: false, idle: i.k.tcp_keepalive_time, intvl: i.k.tcp_keepalive_intvl, cnt: i.k.tcp_keepalive_probes };
  t.kaProbes = 0;
  t.cwnd = i.k.initial_cwnd | 0;
  t.ssthresh = 0x7fffffff;
  t.cwndCnt = 0;
  const iss = seqField(i.iss);
  t.iss = iss;
  t.irs = 0;
  t.sndUna = iss;
  t.sndNxt = iss;
  t.rcvNxt = 0;
  t.finSeq = UNSET;
  t.ofoFin = UNSET;
  t.rto = i.k.rto_initial;
  t.srtt = UNSET;
  t.rttvar = 0;
  t.rttSeq = UNSET;
  t.rttAt = 0;
  t.headSentAt = 0;
  t.lastRcvAt = 0;
  t.tlpHighSeq = UNSET;
  t.lastOowAckAt = UNSET;
  t.error = '';
  return t;
}

/** The window this host advertises: no window scaling, so at most 65535. */
export function advertisedWindow(t: Tcb): number {
  return Math.min(t.k.rcv_wnd, 65535);
}
