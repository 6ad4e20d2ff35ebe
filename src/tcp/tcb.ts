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
  /** true for a connection spawned by a listener (RST in SYN_RCVD returns it to LISTEN). */
  passive: boolean;

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
  /** the application asked for a FIN (close or shutdown(SHUT_WR)) */
  finQueued: boolean;
  /** sequence number our FIN occupies, once sent */
  finSeq: number;
  /** the peer's FIN has been received in order */
  peerFin: boolean;
  /**
   * The out-of-order queue (ofo_queue): byte ranges received beyond RCV.NXT, flat
   * [start, end, start, end, ...] in sequence space, disjoint and in order. Never
   * changed in place (a snapshot shares it), only replaced.
   */
  ofo: readonly number[];
  /** sequence number of a FIN that arrived beyond RCV.NXT and waits in the queue */
  ofoFin: number;

  /** close() was called: the socket is an orphan of the kernel */
  orphan: boolean;
  shutRd: boolean;
  linger0: boolean;

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

  /** Linux's "interactive" heuristic: we sent data after receiving some; the ACK of a FIN is then delayed */
  pingpong: boolean;
  lastRcvAt: number;

  /** both ends offered SACK-permitted on their SYNs */
  sackOk: boolean;
  /** congestion window and slow-start threshold in segments (0 cwnd: no congestion control); cwndCnt counts ACKed segments in congestion avoidance */
  cwnd: number;
  ssthresh: number;
  cwndCnt: number;
  /** the RTO timer is armed as a tail loss probe; tlpHighSeq: SND.NXT when a probe went out, until it is acknowledged */
  tlpArmed: boolean;
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

const NO_RANGES: readonly number[] = Object.freeze([]);

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
    passive: i.passive ?? false,
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
    finQueued: false,
    finSeq: TAGGED,
    peerFin: false,
    ofo: NO_RANGES,
    ofoFin: TAGGED,
    orphan: false,
    shutRd: false,
    linger0: i.linger0 ?? false,
    rto: TAGGED,
    srtt: TAGGED,
    rttvar: TAGGED,
    rttSeq: TAGGED,
    rttAt: TAGGED,
    retries: TAGGED,
    headSentAt: TAGGED,
    keepalive: i.keepalive ?? { on: false, idle: i.k.tcp_keepalive_time, intvl: i.k.tcp_keepalive_intvl, cnt: i.k.tcp_keepalive_probes },
    kaProbes: TAGGED,
    pingpong: false,
    lastRcvAt: TAGGED,
    sackOk: false,
    cwnd: TAGGED,
    ssthresh: TAGGED,
    cwndCnt: TAGGED,
    tlpArmed: false,
    tlpHighSeq: TAGGED,
    lastOowAckAt: TAGGED,
    error: '',
  };
  t.localPort = i.localPort;
  t.remotePort = i.remotePort;
  t.sndWnd = 0;
  t.maxSndWnd = 0;
  // integer knobs, read as small integers: the knob set may hold them as heap numbers, and a TCB
  // field would then keep a heap number of its own for each connection
  t.sndMss = i.k.mss | 0;
  t.heldData = 0;
  t.unsent = 0;
  t.unread = 0;
  t.retries = 0;
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
  return t;
}

/** The window this host advertises: no window scaling, so at most 65535. */
export function advertisedWindow(t: Tcb): number {
  return Math.min(t.k.rcv_wnd, 65535);
}
