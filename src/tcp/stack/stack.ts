/**
 * A host's TCP: the socket API an application calls, demultiplexing of arriving
 * segments to connections and listeners, and answers for closed ports. It knows
 * no clock: every call takes `now` and returns what happened as effects.
 */
import type { Errno } from '../errno.ts';
import type { Knobs } from '../knobs.ts';
import { KNOB_SPECS } from '../knobs.ts';
import type { AppEvent, EndpointEvent, SegmentEvent, TimerEventType, TimeoutEvent } from '../machine/events.ts';
import { analyze } from '../rules/analyze.ts';
import { resetFor } from '../rules/build.ts';
import { oowAckSuppressed } from '../rules/ratelimit.ts';
import type { SegmentVerdict, Verdict } from '../rules/verdict.ts';
import { dropVerdict, newSegmentVerdict, RESET } from '../rules/verdict.ts';
import type { Segment } from '../segment.ts';
import type { TcpState } from '../states.ts';
import { stateIndex, TCP_STATES } from '../states.ts';
import type { KeepaliveOpts, Tcb, TcbInit, TcbSnapshot } from '../tcb.ts';
import { createTcb, flag, resetTcb, setFlag, TF, tcbFromSnapshot, tcbSnapshot, UNSET } from '../tcb.ts';
import type { Conn, Engine } from './conn.ts';
import { RCV, stateOf, stepConn } from './conn.ts';
import type { TimerSet } from './timerset.ts';
import { deleteTimer, hasTimer, NO_TIMERS, timerList, timerSetOf } from './timerset.ts';
import type { StackEffect, TimerName } from './effects.ts';
import { TIMER_NAMES } from './effects.ts';
import { timerIndex } from '../machine/fx.ts';
import { finWait2Split } from '../machine/guards.ts';
import type { AppResult, Sock, SockOpts } from './sockets.ts';
import { NumMap } from './nummap.ts';
import { EffectList } from './effectlist.ts';
import { SockTable } from './socktable.ts';
import { fail, ok } from './sockets.ts';
import type { SockstatTcp } from './sockstat.ts';
import { addShare, sockstatShare, zeroSockstat } from './sockstat.ts';

export interface StackOptions {
  knobs: Knobs;
  /** the seeded source of initial sequence numbers */
  rand32: () => number;
  ephemeralBase?: number;
  /** how connections are stepped (default `derived`; `xstate` is the reference) */
  engine?: Engine;
  /**
   * Reuse the TCB and connection record of a connection that is gone for the next new one
   * (a lean World's hosts, where nothing outside the stack keeps either): with many
   * short-lived connections, each new one is then no new long-lived object for the garbage
   * collector to copy and promote. Off by default: a caller may hold `tcb(id)` after close.
   */
  recycle?: boolean;
  /** whether state changes carry their cause text (default true; a lean World reads none) */
  causes?: boolean;
}

export type KeepaliveOpt = 'SO_KEEPALIVE' | 'TCP_KEEPIDLE' | 'TCP_KEEPINTVL' | 'TCP_KEEPCNT';

export interface StackSnapshot {
  nextId: number;
  nextEphemeral: number;
  down: boolean;
  challenge?: { second: number; left: number };
  socks: (Omit<Sock, 'conn'> & { conn: { sock: number; value: string; context: TcbSnapshot; timers: TimerName[]; addr?: number } | null })[];
}

/**
 * The demultiplexing key of a connection: remote address, remote port and local
 * port. Without an address (a two-host world, or a fleet that numbers clients by
 * port) and with ports below 2^26 it is one number, no string built; otherwise a string.
 */
const PORTS = 2 ** 26;
const SMALL = 1024;
const WIDE = 2 ** 21;
function tupleKey(local: number, remote: number, addr = 0): number | string {
  if (addr !== 0 || local >= PORTS || remote >= PORTS) return `${addr}:${remote}:${local}`;
  // A small integer (no heap number) when one side is a well-known port, as for a server's
  // clients or a client's connections to one: two disjoint ranges, positive and negative.
  // The port that varies is the low part: consecutive ports are consecutive keys (NumMap keeps those together).
  if (remote < SMALL && local < WIDE) return remote * WIDE + local;
  if (local < SMALL && remote < WIDE) return -(local * WIDE + remote) - 1;
  // both ports >= 1024 here, so this is >= 2^36: clear of both ranges above
  return remote * PORTS + local;
}
/**
 * The first value of a reused event record's `now`: not a number, so V8 gives the field its
 * "tagged" representation. A time is a fraction of a second, a heap number: a tagged field
 * takes the caller's heap number as it is, and every TCB field set from `e.now` (lastRcvAt,
 * rttAt, headSentAt, ...) shares it. A field created as a number would hold it unboxed, and
 * each read that leaves the function (into a TCB field, as an argument) would box it again:
 * a new 16-byte heap number per event and per field written.
 */
const TIME_FIELD = '' as unknown as number;

/** Events that carry only their time: one reused record serves them all (Stack.bare). */
type BareEventType = Exclude<AppEvent['type'], 'SEND' | 'READ' | 'SET_KEEPALIVE' | 'SET_LINGER0'> | TimeoutEvent['type'];
/** Listener and child lists of a connected socket: never changed, so one shared empty array. */
const NONE: number[] = Object.freeze([]) as unknown as number[];
const NO_EFFECTS: StackEffect[] = Object.freeze([]) as unknown as StackEffect[];
/** The cause a timer's expiry is traced with and its event, built once per timer name (by timerIndex()). */
const TIMEOUT_CAUSE: readonly string[] = TIMER_NAMES.map((n) => `${n} timeout`);
/** The cause a state change brought about by timer `t` carries (`RTO timeout`, ...). */
export const timeoutCause = (t: TimerName): string => TIMEOUT_CAUSE[timerIndex(t)]!;
const TIMEOUT_EVENT: readonly TimerEventType[] = TIMER_NAMES.map((n) => `TIMEOUT.${n}` as TimerEventType);

/**
 * A socket and its connection in one record: `conn` is the record itself once the socket has a
 * connection (null before). One object per connection end instead of two: ~30 bytes less of
 * heap per end, and no second record to load on every segment, timer and call. The Sock fields
 * come first, in the order snapshots list them; the connection's fields (Conn) follow and mean
 * something only while `conn` is set (a fresh socket holds the stack's placeholder TCB).
 */
/** A listener's backlog and queues: only listeners have them, so other sockets carry none of these fields. */
class ListenQueues {
  backlog = 0;
  acceptQueue: number[] = [];
  children: number[] = [];
}

// SockConn.bits
const FD_OPEN = 1;
const CONNECTING = 2;
const DEAD = 4;
const HAS_CONN = 8;

class SockConn implements Sock, Conn {
  // set by reset(), which the constructor calls
  id!: number;
  kind!: Sock['kind'];
  opts!: SockOpts;
  localPort: number | null = null;
  remotePort: number | null = null;
  /**
   * Sock's yes/no fields (fdOpen, connecting, dead) and whether `conn` is set, one bit each, and
   * a listener's fields apart: a field is 8 bytes on every connection end of a busy host.
   */
  private bits = FD_OPEN;
  private lq: ListenQueues | null = null;
  parent: number | null = null;
  err: Errno | null = null;
  state: TcpState = 'CLOSED';
  tcb!: Tcb;
  timers: TimerSet = NO_TIMERS;
  addr = 0;
  constructor(id: number, kind: Sock['kind'], opts: SockOpts, tcb: Tcb) {
    this.reset(id, kind, opts, tcb);
  }
  /** Conn.sock: the socket's id */
  get sock(): number {
    return this.id;
  }

  /** the record itself once the socket has a connection (see attach()), else null */
  get conn(): Conn | null {
    return (this.bits & HAS_CONN) !== 0 ? this : null;
  }
  set conn(c: Conn | null) {
    if (c !== null && c !== this) throw new Error('a socket\'s connection is the socket itself');
    this.bit(HAS_CONN, c !== null);
  }
  get fdOpen(): boolean {
    return (this.bits & FD_OPEN) !== 0;
  }
  set fdOpen(on: boolean) {
    this.bit(FD_OPEN, on);
  }
  get connecting(): boolean {
    return (this.bits & CONNECTING) !== 0;
  }
  set connecting(on: boolean) {
    this.bit(CONNECTING, on);
  }
  get dead(): boolean {
    return (this.bits & DEAD) !== 0;
  }
  set dead(on: boolean) {
    this.bit(DEAD, on);
  }
  private bit(b: number, on: boolean): void {
    this.bits = on ? this.bits | b : this.bits & ~b;
  }

  /** A socket that is no listener reads 0 and the shared empty list NONE; setting those keeps it so. */
  get backlog(): number {
    return this.lq?.backlog ?? 0;
  }
  set backlog(n: number) {
    if (n === 0 && this.lq === null) return;
    this.queues().backlog = n;
  }
  get acceptQueue(): number[] {
    return this.lq?.acceptQueue ?? NONE;
  }
  set acceptQueue(q: number[]) {
    if (q === NONE && this.lq === null) return;
    this.queues().acceptQueue = q;
  }
  get children(): number[] {
    return this.lq?.children ?? NONE;
  }
  set children(q: number[]) {
    if (q === NONE && this.lq === null) return;
    this.queues().children = q;
  }
  private queues(): ListenQueues {
    return (this.lq ??= new ListenQueues());
  }
  /** Back to a fresh socket's fields (a record reused for another socket). */
  reset(id: number, kind: Sock['kind'], opts: SockOpts, tcb: Tcb): void {
    this.id = id;
    this.kind = kind;
    this.opts = opts;
    this.localPort = null;
    this.remotePort = null;
    this.bits = FD_OPEN;
    this.lq = kind === 'listener' ? new ListenQueues() : null;
    this.parent = null;
    this.err = null;
    this.state = 'CLOSED';
    this.tcb = tcb;
    this.timers = NO_TIMERS;
    this.addr = 0;
  }
}

export class Stack {
  private knobs: Knobs;
  private readonly rand32: () => number;
  private socks = new SockTable<SockConn>();
  /** connections by 4-tuple (tupleKey): numeric keys in a typed table, the rare string ones in a Map */
  private byTuple = new NumMap(8);
  private byTupleWide = new Map<string, number>();
  /** connections per state (index in TCP_STATES), kept as they move: O(1) counts for samples */
  private counts = new Int32Array(TCP_STATES.length);
  private listeners = new Map<number, number>();
  private nextId = 1;
  /** TIME_WAIT buckets in use, kept as a count: tcp_max_tw_buckets is checked on every entry to one */
  private twBuckets = 0;
  private nextEphemeral: number;
  /** the host-wide challenge ACK budget (tcp_challenge_ack_limit): its second and what is left of it */
  private challengeSecond = -1;
  private challengeLeft = 0;
  readonly engine: Engine;
  /** StackOptions.recycle: TCBs and connection records of forgotten connections, for the next ones */
  private readonly recycle: boolean;
  private spareTcbs: Tcb[] = [];
  private spareSocks: SockConn[] = [];
  /** a crashed host is silent until reboot */
  down = false;
  /** effects of the current call; the caller drains them */
  private out = new EffectList();
  /** the list drainList() returned last (emptied and reused by the next drainList()) */
  private spare = new EffectList();
  /**
   * Reused event and verdict records: the machine reads an event only while it steps it (nothing
   * keeps one), and a step never starts another step of this stack before it ends, so one record
   * of each shape serves every call without an object per segment, timer or call.
   */
  private readonly segEv: SegmentEvent = { type: 'SEGMENT', seg: null as unknown as Segment, v: RESET, now: TIME_FIELD };
  private readonly verdict: SegmentVerdict = newSegmentVerdict();
  private readonly bareEv = { type: 'CLOSE', now: TIME_FIELD } as { type: BareEventType; now: number };
  private readonly bytesEv = { type: 'SEND', bytes: 0, now: TIME_FIELD } as { type: 'SEND' | 'READ'; bytes: number; now: number };

  constructor(o: StackOptions) {
    this.knobs = o.knobs;
    this.rand32 = o.rand32;
    this.nextEphemeral = o.ephemeralBase ?? 40000;
    this.engine = o.engine ?? 'derived';
    // the XState reference replaces the TCB object at every step: only the derived stepper's are worth keeping
    this.recycle = (o.recycle ?? false) && this.engine === 'derived';
    this.out.causes = this.spare.causes = o.causes ?? true;
  }

  /** The host's knob set (frozen; shared by every connection's TCB). */
  get k(): Knobs {
    return this.knobs;
  }

  /**
   * A sysctl at run time: the host and every connection it holds use the new
   * knob set from now on (timers already running keep their due times).
   */
  reconfigure(k: Knobs): void {
    this.knobs = k;
    for (const s of this.socks.values()) {
      if (s.conn) (s.conn.tcb as { k: Knobs }).k = k;
    }
  }

  /** effects waiting for drain() (a host can skip a drain that would return nothing) */
  get pending(): number {
    return this.out.length;
  }

  /** The effects since the last drain, oldest first (a shared, frozen empty list when there are none). */
  drain(): StackEffect[] {
    if (this.out.length === 0) return NO_EFFECTS;
    const e = this.out.toArray();
    this.out.clear();
    return e;
  }

  /**
   * drain() without an array per call: the effects since the last drain, oldest first, in a
   * list of the stack's own that stays as it is until the next drainList() (read it with
   * `length` and `at(i)` before calling drainList() again). Pushes meanwhile go to the other list.
   */
  /**
   * drainList() for callers that may drain again before they are done reading (a flush
   * that nests): `empty` (an emptied list the caller owns) takes the pushes from now on,
   * and the list of effects returned is the caller's until it hands it back here.
   */
  swapOut(empty: EffectList): EffectList {
    const full = this.out;
    empty.clear();
    this.out = empty;
    return full;
  }

  drainList(): EffectList {
    const full = this.out;
    this.out = this.spare;
    this.out.clear();
    this.spare = full;
    return full;
  }

  // ---- inspection -------------------------------------------------------

  sock(id: number): Sock | undefined {
    return this.socks.get(id);
  }
  allSocks(): Sock[] {
    return [...this.socks.values()];
  }
  state(id: number): TcpState {
    const s = this.socks.get(id);
    return s?.conn ? stateOf(s.conn) : 'CLOSED';
  }
  /**
   * The state getsockopt(TCP_INFO) reports through a descriptor. With tw_minisock
   * (Linux) a connection in TIME_WAIT has left its socket for a mini-socket, so
   * the descriptor's socket reads CLOSED while ss still lists the TIME_WAIT.
   */
  infoState(id: number): TcpState {
    const st = this.state(id);
    return st === 'TIME_WAIT' && this.k.tw_minisock ? 'CLOSED' : st;
  }
  tcb(id: number): Tcb | undefined {
    return this.socks.get(id)?.conn?.tcb;
  }
  /** Whether socket `id`'s connection holds a TIME_WAIT bucket (see inBucket). */
  holdsTwBucket(id: number): boolean {
    const s = this.socks.get(id);
    return s?.conn ? this.inBucket(s.conn) : false;
  }

  /** The host's `TCP:` line of /proc/net/sockstat (sockstat.ts), counted socket by socket. */
  sockstat(): SockstatTcp {
    const out = zeroSockstat();
    for (const s of this.socks.values()) addShare(out, sockstatShare(s, s.conn !== null && this.inBucket(s.conn)), 1);
    return out;
  }

  /** sockets counted the way `ss -tan` counts them */
  countInState(st: TcpState): number {
    // CLOSED needs the descriptor test; every other state is counted as connections move.
    if (st !== 'CLOSED') return this.counts[stateIndex(st)]!;
    let n = 0;
    for (const s of this.socks.values()) if (s.conn && s.kind !== 'fresh' && stateOf(s.conn) === st && (st !== 'CLOSED' || s.fdOpen)) n++;
    return n;
  }

  /** Connections per state (TCP_STATES order), as they are now; CLOSED counts every connection there, open descriptor or not. */
  stateCounts(): Int32Array {
    return this.counts;
  }

  // ---- socket API ------------------------------------------------------------

  socket(): number {
    const id = this.nextId++;
    this.socks.set(id, this.blank(id, 'fresh'));
    return id;
  }

  /**
   * The default socket options of the current knob set: one frozen object
   * shared by every socket (and its keepalive part by every TCB) until one sets
   * its own. Options objects are replaced, never changed in place.
   */
  private defaultOpts(): SockOpts {
    const k = this.k;
    if (this.optsFor !== k) {
      this.optsFor = k;
      const keepalive = Object.freeze({ on: false, idle: k.tcp_keepalive_time, intvl: k.tcp_keepalive_intvl, cnt: k.tcp_keepalive_probes });
      this.opts = Object.freeze({ nonblocking: false, keepalive, linger0: false, reuseaddr: false, sndbuf: 0 });
    }
    return this.opts!;
  }
  private optsFor: Knobs | null = null;
  private opts: SockOpts | null = null;

  /** The TCB a socket without a connection holds (never stepped nor read as a connection's). */
  private noTcb: Tcb | null = null;

  private blank(id: number, kind: Sock['kind']): SockConn {
    const placeholder = (this.noTcb ??= createTcb({ k: this.k, localPort: 0, remotePort: 0, iss: 0 }));
    const s = this.spareSocks.pop();
    if (!s) return new SockConn(id, kind, this.defaultOpts(), placeholder);
    s.reset(id, kind, this.defaultOpts(), placeholder);
    return s;
  }

  private get(id: number): SockConn | null {
    const s = this.socks.get(id);
    return s && s.fdOpen ? s : null;
  }

  bind(id: number, port: number): AppResult {
    const s = this.get(id);
    if (!s) return fail('EBADF');
    if (s.kind !== 'fresh' || s.localPort !== null) return fail('EINVAL');
    if (this.listeners.has(port)) return fail('EADDRINUSE');
    for (const o of this.socks.values()) {
      if (o.localPort === port && o.conn && !s.opts.reuseaddr && stateOf(o.conn) !== 'CLOSED') return fail('EADDRINUSE');
    }
    s.localPort = port;
    return ok();
  }

  listen(id: number, backlog: number, now: number): AppResult {
    const s = this.get(id);
    if (!s) return fail('EBADF');
    if (s.kind === 'listener') {
      s.backlog = Math.min(backlog, this.k.somaxconn);
      return ok();
    }
    if (s.kind !== 'fresh') return fail('EINVAL');
    if (s.localPort === null) s.localPort = this.nextEphemeral++;
    if (this.listeners.has(s.localPort)) return fail('EADDRINUSE');
    s.kind = 'listener';
    s.acceptQueue = [];
    s.children = [];
    s.backlog = Math.max(1, Math.min(backlog, this.k.somaxconn));
    this.track(this.attach(s, this.tcbFor(s, 0, 0), 'CLOSED', 0));
    this.listeners.set(s.localPort, id);
    this.step(s, this.bare('LISTEN', now), 'listen');
    return ok();
  }

  /**
   * `localPort`: the port the host's own allocator picked (a fleet host's ip_local_port_range);
   * without it, a bound port or the next ephemeral one. `remoteAddr`: the peer host's
   * address (0, the default, is the one peer of a two-host world).
   */
  connect(id: number, remotePort: number, now: number, localPort?: number, remoteAddr = 0): AppResult {
    const s = this.get(id);
    if (!s) return fail('EBADF');
    if (s.kind === 'listener') return fail('EISCONN');
    if (s.kind === 'conn') return fail(s.connecting ? 'EALREADY' : 'EISCONN');
    const local = s.localPort ?? localPort ?? this.nextEphemeral++;
    const key = tupleKey(local, remotePort, remoteAddr);
    const holder = this.tupleGet(key);
    if (holder !== undefined) {
      const h = this.socks.get(holder);
      const st = h?.conn ? stateOf(h.conn) : 'CLOSED';
      if (st === 'TIME_WAIT' && this.k.tcp_tw_reuse === 1 && h) this.forget(h);
      else return fail('EADDRINUSE');
    }
    s.kind = 'conn';
    s.acceptQueue = NONE;
    s.children = NONE;
    s.localPort = local;
    s.remotePort = remotePort;
    s.connecting = true;
    this.track(this.attach(s, this.tcbFor(s, remotePort, this.rand32()), 'CLOSED', remoteAddr));
    this.tupleSet(key, id);
    this.step(s, this.bare('CONNECT', now), 'connect');
    return fail('EINPROGRESS');
  }

  accept(id: number): AppResult {
    const s = this.get(id);
    if (!s) return fail('EBADF');
    if (s.kind !== 'listener') return fail('EINVAL');
    const child = s.acceptQueue.shift();
    if (child === undefined) return fail('EAGAIN');
    const c = this.socks.get(child);
    if (!c) return fail('EAGAIN');
    c.fdOpen = true;
    // no longer in `children`: opened() moved it from there to the accept queue
    c.parent = null;
    return ok(child);
  }

  send(id: number, bytes: number, now: number): AppResult {
    const s = this.get(id);
    if (!s) return fail('EBADF');
    if (s.kind !== 'conn' || !s.conn) return fail(s.kind === 'listener' ? 'ENOTCONN' : 'EPIPE');
    const err = this.takeError(s);
    if (err) return fail(err);
    const st = stateOf(s.conn);
    if (st === 'SYN_SENT' || st === 'SYN_RCVD') return fail('EAGAIN');
    if (st !== 'ESTABLISHED' && st !== 'CLOSE_WAIT') return fail('EPIPE');
    if (flag(s.conn.tcb, TF.finQueued)) return fail('EPIPE');
    if (bytes <= 0) return ok(0);
    // A full send buffer takes part of a write, or none (EAGAIN; a blocking caller waits).
    const n = Math.min(bytes, this.sendRoom(s));
    if (n <= 0) return fail('EAGAIN');
    this.step(s, this.withBytes('SEND', n, now), 'send');
    return ok(n);
  }

  recv(id: number, bytes: number, now: number): AppResult {
    const s = this.get(id);
    if (!s) return fail('EBADF');
    if (s.kind !== 'conn' || !s.conn) return fail('ENOTCONN');
    const t = s.conn.tcb;
    if (t.unread > 0) {
      const n = Math.min(bytes, t.unread);
      this.step(s, this.withBytes('READ', n, now), 'read');
      return ok(n);
    }
    // Linux: once the peer's FIN is in, reads end with 0 before a pending error shows (SOCK_DONE).
    if (!(flag(t, TF.peerFin) && this.k.rst_after_fin_epipe)) {
      const err = this.takeError(s);
      if (err) return fail(err);
    }
    const st = stateOf(s.conn);
    if (flag(t, TF.peerFin | TF.shutRd) || s.dead) return ok(0);
    if (st === 'CLOSED') return ok(0);
    return fail('EAGAIN');
  }

  shutdown(id: number, how: 'rd' | 'wr' | 'rdwr', now: number): AppResult {
    const s = this.get(id);
    if (!s) return fail('EBADF');
    if (s.kind !== 'conn' || !s.conn) return fail('ENOTCONN');
    const st = stateOf(s.conn);
    if (st === 'CLOSED' || st === 'SYN_SENT') return fail('ENOTCONN');
    if (how !== 'wr') this.step(s, this.bare('SHUTDOWN_RD', now), 'shutdown');
    if (how !== 'rd' && !flag(s.conn.tcb, TF.finQueued)) this.step(s, this.bare('SHUTDOWN_WR', now), 'shutdown');
    return ok();
  }

  /** close(): the descriptor goes; the connection lives on as an orphan where TCP says so. */
  close(id: number, now: number): AppResult {
    const s = this.get(id);
    if (!s) return fail('EBADF');
    s.fdOpen = false;
    if (s.kind === 'fresh') {
      this.socks.delete(id);
      return ok();
    }
    if (s.kind === 'listener') {
      for (const c of [...s.children, ...s.acceptQueue]) {
        const child = this.socks.get(c);
        if (child?.conn) this.step(child, this.bare('ABORT', now), 'close');
      }
      s.children = [];
      s.acceptQueue = [];
    }
    if (s.conn && stateOf(s.conn) !== 'CLOSED') this.step(s, this.bare('CLOSE', now), 'close');
    else this.forget(s);
    return ok();
  }

  /** SO_LINGER {1, 0} then close(): an abortive close (RST) where a connection exists. */
  abort(id: number, now: number): AppResult {
    const s = this.get(id);
    if (!s) return fail('EBADF');
    s.opts = { ...s.opts, linger0: true };
    if (s.conn && stateOf(s.conn) !== 'CLOSED') this.step(s, { type: 'SET_LINGER0', on: true, now }, 'abort');
    s.fdOpen = false;
    if (s.conn && stateOf(s.conn) !== 'CLOSED') this.step(s, this.bare('ABORT', now), 'abort');
    else this.forget(s);
    return ok();
  }

  setNonblocking(id: number, on: boolean): AppResult {
    const s = this.get(id);
    if (!s) return fail('EBADF');
    s.opts = { ...s.opts, nonblocking: on };
    return ok();
  }

  /** SO_SNDBUF: Linux doubles the value (room for its bookkeeping) and keeps at least 4608 bytes. */
  setSndbuf(id: number, bytes: number): AppResult {
    const s = this.get(id);
    if (!s) return fail('EBADF');
    if (!Number.isFinite(bytes) || bytes < 0) return fail('EINVAL');
    s.opts = { ...s.opts, sndbuf: Math.max(4608, 2 * Math.floor(bytes)) };
    return ok();
  }

  /** getsockopt(SO_SNDBUF): the buffer size in force (0 = unbounded). */
  sndbuf(id: number): AppResult {
    const s = this.get(id);
    if (!s) return fail('EBADF');
    return ok(s.opts.sndbuf || this.k.tcp_wmem);
  }

  /**
   * Room left in the send buffer for new data, in bytes (Infinity without a
   * limit). The kernel counts buffer memory (payload plus per-packet overhead);
   * the model lets payload take two thirds of the buffer.
   */
  private sendRoom(s: SockConn): number {
    const size = s.opts.sndbuf || this.k.tcp_wmem;
    if (size <= 0 || !s.conn) return Infinity;
    const t = s.conn.tcb;
    const outstanding = (t.sndNxt - t.sndUna) >>> 0;
    const finOut = t.finSeq !== UNSET && ((t.finSeq - t.sndUna) >>> 0) < outstanding ? 1 : 0;
    return Math.max(0, Math.floor((size * 2) / 3) - t.unsent - (outstanding - finOut));
  }

  setReuseaddr(id: number, on: boolean): AppResult {
    const s = this.get(id);
    if (!s) return fail('EBADF');
    s.opts = { ...s.opts, reuseaddr: on };
    return ok();
  }

  setKeepalive(id: number, opt: KeepaliveOpt, value: number, now: number): AppResult {
    const s = this.get(id);
    if (!s) return fail('EBADF');
    if (opt !== 'SO_KEEPALIVE' && !(Number.isFinite(value) && value >= 1)) return fail('EINVAL');
    const ka: KeepaliveOpts = { ...s.opts.keepalive };
    if (opt === 'SO_KEEPALIVE') ka.on = value !== 0;
    if (opt === 'TCP_KEEPIDLE') ka.idle = value;
    if (opt === 'TCP_KEEPINTVL') ka.intvl = value;
    if (opt === 'TCP_KEEPCNT') ka.cnt = Math.floor(value);
    s.opts = { ...s.opts, keepalive: ka };
    if (s.conn && stateOf(s.conn) !== 'CLOSED') this.step(s, { type: 'SET_KEEPALIVE', opts: ka, now }, 'setsockopt');
    return ok();
  }

  setLinger0(id: number, on: boolean, now: number): AppResult {
    const s = this.get(id);
    if (!s) return fail('EBADF');
    s.opts = { ...s.opts, linger0: on };
    if (s.conn && stateOf(s.conn) !== 'CLOSED') this.step(s, { type: 'SET_LINGER0', on, now }, 'setsockopt');
    return ok();
  }

  /** getsockopt(SO_ERROR): the pending error, cleared by reading it. */
  soError(id: number): AppResult & { pending: Errno | null } {
    const s = this.get(id);
    if (!s) return { ...fail('EBADF'), pending: null };
    const e = this.takeError(s);
    return { ...ok(), pending: e };
  }

  private takeError(s: SockConn): Errno | null {
    const e = s.err;
    s.err = null;
    return e;
  }

  // ---- the network side ---------------------------------------------------------

  /**
   * A segment arrived for this host from the host at `fromAddr` (0 in a
   * two-host world). Returns the socket that took it (0: none).
   */
  deliver(seg: Segment, now: number, fromAddr = 0, reopenIss?: number): number {
    if (this.down) return 0;
    const id = this.tupleGet(tupleKey(seg.dstPort, seg.srcPort, fromAddr));
    const s = id === undefined ? undefined : this.socks.get(id);
    if (s?.conn) {
      const st = stateOf(s.conn);
      const v = this.challengeBudget(analyze(st, s.conn.tcb, seg, this.verdict), s.conn.tcb, seg, now);
      const twSndNxt = s.conn.tcb.sndNxt;
      const sid = s.id;
      this.step(s, this.segment(seg, v, now), RCV);
      // Linux: a fresh SYN reopens a 4-tuple in TIME_WAIT; the listener takes it, and the new
      // connection's ISN is the old SND.NXT + 65537 (tw_snd_nxt + 65535 + 2), clear of the old one.
      if (v.kind === 'tw-new-syn') return this.deliver(seg, now, fromAddr, (twSndNxt + 65537) >>> 0 || 1);
      return sid;
    }
    const lid = this.listeners.get(seg.dstPort);
    const l = lid === undefined ? undefined : this.socks.get(lid);
    if (l?.conn) {
      const v = analyze('LISTEN', l.conn.tcb, seg);
      if (v.kind === 'syn') return this.spawnChild(l, seg, now, fromAddr, reopenIss);
      const listenerId = l.id;
      this.step(l, this.segment(seg, v, now), RCV);
      return listenerId;
    }
    // Nobody here (RFC 9293 §3.10.7.1): answer anything but a RST with a RST.
    if (!seg.flags.RST && !this.k.blackhole) this.out.send(0, resetFor(seg), false, fromAddr);
    return 0;
  }

  /**
   * RFC 5961 section 7 as Linux does it (tcp_send_challenge_ack()): after the
   * per-socket limit, a host-wide budget of challenge ACKs per second, drawn at
   * random around tcp_challenge_ack_limit each second. Off at its maximum (the
   * Linux default). A challenge beyond the budget is not sent.
   */
  private challengeBudget(v: Verdict, t: Tcb, seg: Segment, now: number): Verdict {
    const limit = this.k.tcp_challenge_ack_limit;
    if (limit >= KNOB_SPECS.tcp_challenge_ack_limit.max) return v;
    if (v.kind !== 'ack' || (v.why !== 'challenge' && v.why !== 'ack-too-old')) return v;
    if (oowAckSuppressed(t, seg, now)) return v;
    const second = Math.floor(now);
    if (second !== this.challengeSecond) {
      const half = (limit + 1) >> 1;
      this.challengeSecond = second;
      this.challengeLeft = half + (this.rand32() % Math.max(1, limit));
    }
    if (this.challengeLeft <= 0) return dropVerdict('challenge-limit');
    this.challengeLeft--;
    return v;
  }

  private spawnChild(l: SockConn, seg: Segment, now: number, fromAddr: number, iss?: number): number {
    // Backlog counts half-open and not-yet-accepted children, as a listen queue does.
    if (l.children.length + l.acceptQueue.length >= l.backlog + 1) return 0;
    const id = this.nextId++;
    const c = this.blank(id, 'conn');
    c.opts = l.opts;
    c.fdOpen = false;
    c.parent = l.id;
    c.localPort = l.localPort;
    c.remotePort = seg.srcPort;
    const tcb = this.tcbFor(c, seg.srcPort, iss ?? this.rand32());
    setFlag(tcb, TF.passive, true);
    this.track(this.attach(c, tcb, 'LISTEN', fromAddr));
    this.socks.set(id, c);
    this.tupleSet(tupleKey(c.localPort!, seg.srcPort, fromAddr), id);
    l.children.push(id);
    const v = analyze('LISTEN', tcb, seg);
    this.step(c, this.segment(seg, v, now), RCV);
    return id;
  }

  /**
   * Drops a connection request (a listener's child still in SYN_RCVD) without a word to the peer,
   * as Linux's inet_csk_reqsk_queue_drop() does: its host decides what, if anything, the peer hears.
   * False when `id` is no such request.
   */
  dropRequest(id: number): boolean {
    const s = this.socks.get(id);
    if (!s?.conn || s.parent === null || stateOf(s.conn) !== 'SYN_RCVD') return false;
    this.forget(s);
    return true;
  }

  /** A timer of socket `id` expired. */
  fire(id: number, timer: TimerName, now: number): void {
    if (this.down) return;
    const s = this.socks.get(id);
    if (!s?.conn || !hasTimer(s.conn.timers, timer)) return;
    s.conn.timers = deleteTimer(s.conn.timers, timer);
    const i = timerIndex(timer);
    this.step(s, this.bare(TIMEOUT_EVENT[i]!, now), TIMEOUT_CAUSE[i]!);
  }

  /** The host dies: every connection is forgotten at once, without a word on the wire. */
  crash(): void {
    for (const s of this.socks.values()) {
      if (!s.conn) continue;
      for (const t of timerList(s.conn.timers)) this.out.timer(s.id, t, 'cancel', 0);
      const st = stateOf(s.conn);
      if (st !== 'CLOSED') this.out.state(s.id, st, 'CLOSED', 'host crash');
    }
    this.socks.clear();
    this.byTuple.clear();
    this.byTupleWide.clear();
    this.listeners.clear();
    this.counts.fill(0);
    this.twBuckets = 0;
    this.down = true;
  }

  /** Back up with empty tables: old peers now get RSTs. */
  reboot(): void {
    this.down = false;
  }

  // ---- internals -------------------------------------------------------------

  /** The reused SEGMENT event (see segEv). */
  private segment(seg: Segment, v: Verdict, now: number): SegmentEvent {
    const e = this.segEv;
    e.seg = seg;
    e.v = v;
    e.now = now;
    return e;
  }
  /** The reused event of the calls and timers that carry only a time. */
  private bare(type: BareEventType, now: number): EndpointEvent {
    const e = this.bareEv;
    e.type = type;
    e.now = now;
    return e as EndpointEvent;
  }
  private withBytes(type: 'SEND' | 'READ', bytes: number, now: number): EndpointEvent {
    const e = this.bytesEv;
    e.type = type;
    e.bytes = bytes;
    e.now = now;
    return e;
  }

  /** A new connection is counted in its first state. */
  private track(c: Conn): Conn {
    this.counts[stateIndex(c.state)]!++;
    return c;
  }

  private tupleGet(key: number | string): number | undefined {
    if (typeof key === 'string') return this.byTupleWide.get(key);
    const id = this.byTuple.get(key);
    return id < 0 ? undefined : id;
  }

  private tupleSet(key: number | string, id: number): void {
    if (typeof key === 'string') this.byTupleWide.set(key, id);
    else this.byTuple.set(key, id);
  }

  private untuple(s: SockConn): void {
    if (s.localPort === null || s.remotePort === null) return;
    const key = tupleKey(s.localPort, s.remotePort, s.conn?.addr ?? 0);
    if (this.tupleGet(key) === s.id) {
      if (typeof key === 'number') this.byTuple.delete(key);
      else this.byTupleWide.delete(key);
    }
  }

  /** tcbFor()'s argument record, reused (createTcb and resetTcb read it at once and keep none of it) */
  private readonly tcbInit: TcbInit = { k: null as unknown as Knobs, localPort: 0, remotePort: 0, iss: 0, keepalive: undefined as unknown as KeepaliveOpts, linger0: false };

  private tcbFor(s: SockConn, remotePort: number, iss: number): Tcb {
    const init = this.tcbInit;
    init.k = this.k;
    init.localPort = s.localPort ?? 0;
    init.remotePort = remotePort;
    init.iss = iss;
    init.keepalive = s.opts.keepalive;
    init.linger0 = s.opts.linger0;
    const spare = this.spareTcbs.pop();
    return spare ? resetTcb(spare, init) : createTcb(init);
  }

  /** Gives socket `s` its connection: the record itself, in `state` with `tcb`. */
  private attach(s: SockConn, tcb: Tcb, state: TcpState, addr: number): Conn {
    s.state = state;
    s.tcb = tcb;
    s.timers = NO_TIMERS;
    s.addr = addr;
    s.conn = s;
    return s;
  }

  /**
   * Whether a connection holds a TIME_WAIT bucket: TIME_WAIT itself, and (Linux,
   * tw_minisock) an orphan in FIN_WAIT_2 that tcp_time_wait(sk, TCP_FIN_WAIT2, ...) moved
   * into one: at once when its wait fits in TIME_WAIT's length, else for the second part
   * of its wait (finWait2Split).
   */
  private inBucket(c: Conn): boolean {
    const st = stateOf(c);
    if (st === 'TIME_WAIT') return true;
    const k = this.k;
    return st === 'FIN_WAIT_2' && flag(c.tcb, TF.orphan) && k.tw_minisock === 1 && (!finWait2Split(c.tcb) || flag(c.tcb, TF.finWait2Bucket));
  }

  private step(s: SockConn, ev: EndpointEvent, cause: string): void {
    if (!s.conn) return;
    const had = this.inBucket(s.conn);
    const from = stepConn(s.conn, ev, cause, this.out, this.engine);
    const to = s.conn.state;
    const has = this.inBucket(s.conn);
    if (from !== to) {
      this.counts[stateIndex(from)]!--;
      this.counts[stateIndex(to)]!++;
    }
    if (had && !has) this.twBuckets--;
    if (!had && has && ++this.twBuckets > this.k.tcp_max_tw_buckets) {
      // Linux: "TCP: time wait bucket table overflow": the socket is destroyed at once.
      this.step(s, { type: 'TW_OVERFLOW', now: ev.now }, 'tcp_max_tw_buckets overflow');
      return;
    }
    if (from === to) return;
    if (to === 'ESTABLISHED' || (to === 'CLOSE_WAIT' && (from === 'SYN_SENT' || from === 'SYN_RCVD'))) this.opened(s);
    if (to === 'CLOSED') this.closed(s);
    if (to === 'LISTEN' && s.kind === 'conn') this.forget(s);
  }

  private opened(s: SockConn): void {
    if (s.connecting) {
      s.connecting = false;
      this.out.app(s.id, 'connect', '0');
    }
    if (s.parent !== null) {
      const l = this.socks.get(s.parent);
      if (l) {
        removeId(l.children, s.id);
        l.acceptQueue.push(s.id);
      }
    }
  }

  private closed(s: SockConn): void {
    const e = s.conn?.tcb.error || null;
    if (e) {
      s.err = e;
      s.dead = true;
    }
    if (s.connecting) {
      s.connecting = false;
      this.out.app(s.id, 'connect', e ?? 'ECONNREFUSED');
    }
    this.untuple(s);
    if (s.kind === 'listener' && s.localPort !== null) this.listeners.delete(s.localPort);
    if (!s.fdOpen) this.forget(s);
  }

  private forget(s: SockConn): void {
    if (s.conn && this.inBucket(s.conn)) this.twBuckets--;
    if (s.conn) {
      for (const t of timerList(s.conn.timers)) this.out.timer(s.id, t, 'cancel', 0);
      s.conn.timers = NO_TIMERS;
      this.counts[stateIndex(s.conn.state)]!--;
    }
    this.untuple(s);
    if (s.parent !== null) {
      const l = this.socks.get(s.parent);
      if (l) {
        removeId(l.children, s.id);
        removeId(l.acceptQueue, s.id);
      }
    }
    this.socks.delete(s.id);
    // Nothing reads a forgotten socket's connection again (its id is gone from every table),
    // so its records can serve the next connection.
    if (this.recycle) {
      if (s.conn) this.spareTcbs.push(s.conn.tcb);
      this.spareSocks.push(s);
    }
  }

  // ---- snapshots ---------------------------------------------------------------

  save(): StackSnapshot {
    return {
      nextId: this.nextId,
      nextEphemeral: this.nextEphemeral,
      down: this.down,
      challenge: { second: this.challengeSecond, left: this.challengeLeft },
      // Sock's fields in the order snapshots have always listed them
      socks: [...this.socks.values()].map((s) => ({
        id: s.id,
        kind: s.kind,
        opts: { ...s.opts, keepalive: { ...s.opts.keepalive } },
        localPort: s.localPort,
        remotePort: s.remotePort,
        conn: s.conn
          ? { sock: s.conn.sock, value: stateOf(s.conn), context: tcbSnapshot(s.conn.tcb), timers: timerList(s.conn.timers), ...(s.conn.addr ? { addr: s.conn.addr } : {}) }
          : null,
        fdOpen: s.fdOpen,
        connecting: s.connecting,
        backlog: s.backlog,
        acceptQueue: [...s.acceptQueue],
        children: [...s.children],
        parent: s.parent,
        err: s.err,
        dead: s.dead,
      })),
    };
  }

  load(d: StackSnapshot): void {
    this.nextId = d.nextId;
    this.nextEphemeral = d.nextEphemeral;
    this.down = d.down;
    this.challengeSecond = d.challenge?.second ?? -1;
    this.challengeLeft = d.challenge?.left ?? 0;
    this.socks.clear();
    this.byTuple.clear();
    this.byTupleWide.clear();
    this.listeners.clear();
    this.counts.fill(0);
    this.out.clear();
    for (const x of d.socks) {
      const s = this.blank(x.id, x.kind);
      // a socket that is no listener keeps the shared empty lists (SockConn keeps no queues for it)
      const list = (q: readonly number[]) => (x.kind === 'listener' ? [...q] : NONE);
      Object.assign(s, { ...x, opts: { ...x.opts, keepalive: { ...x.opts.keepalive } }, acceptQueue: list(x.acceptQueue), children: list(x.children), conn: null });
      if (x.conn) this.attach(s, tcbFromSnapshot(x.conn.context), x.conn.value as TcpState, x.conn.addr ?? 0).timers = timerSetOf(x.conn.timers);
      const conn = s.conn;
      this.socks.set(s.id, s);
      const st = conn ? stateOf(conn) : 'CLOSED';
      if (s.kind === 'listener' && s.localPort !== null && st === 'LISTEN') this.listeners.set(s.localPort, s.id);
      if (s.kind === 'conn' && s.localPort !== null && s.remotePort !== null && st !== 'CLOSED') this.tupleSet(tupleKey(s.localPort, s.remotePort, conn?.addr ?? 0), s.id);
      if (conn) this.counts[stateIndex(conn.state)]!++;
    }
    this.twBuckets = 0;
    for (const s of this.socks.values()) if (s.conn && this.inBucket(s.conn)) this.twBuckets++;
  }
}

/** Takes `id` out of a listener's queue in place (a busy listener's queues hold thousands: no copy per connection). */
function removeId(list: number[], id: number): void {
  const i = list.indexOf(id);
  // children become established and leave their listener's list mostly oldest first:
  // shift() moves the array's start (V8 trims it in place), splice() copies what follows
  if (i === 0) list.shift();
  else if (i > 0) list.splice(i, 1);
}
