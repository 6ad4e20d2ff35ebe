/**
 * Runs one parsed packetdrill script against the model's Stack in virtual time,
 * as packetdrill runs one against a kernel: the socket calls go to the stack,
 * `<` lines are injected as if from the remote peer, `>` lines are what the
 * stack must send, at the scripted time within the tolerance.
 *
 * Sequence numbers: inbound seq is relative to REMOTE_ISN (the script's peer),
 * inbound ack and outbound seq relative to the stack's ISN (learned from its
 * SYN or SYN,ACK; fixed through the stack's ISN source so closed-port replies
 * map too), outbound ack relative to REMOTE_ISN. Both ISNs sit close below
 * 2^32, so wrap-around bugs show.
 */
import type { Errno } from '../tcp/errno.ts';
import type { Knobs, Profile } from '../tcp/knobs.ts';
import { InputError, resolveKnobs } from '../tcp/knobs.ts';
import type { Segment } from '../tcp/segment.ts';
import { formatFlags } from '../tcp/segment.ts';
import type { StackEffect, TimerName } from '../tcp/stack/effects.ts';
import type { AppResult } from '../tcp/stack/sockets.ts';
import { Stack } from '../tcp/stack/stack.ts';
import type { KeepaliveOpt } from '../tcp/stack/stack.ts';
import type { TcpState } from '../tcp/states.ts';
import type { Event, Expr, PacketEvent, Script, SyscallEvent } from './ast.ts';
import { parseCommand, parsePython } from './commands.ts';

export const LOCAL_PORT = 8080;
export const REMOTE_PORT = 48192;
export const REMOTE_ISN = 4294967000; // 2^32 - 296
export const LOCAL_ISN = 4294960000; // 2^32 - 7296

export interface RunOptions {
  profile: Profile;
  strict?: boolean;
  /** knob overrides applied before the script's own sysctls */
  set?: Record<string, number>;
}

export interface RunResult {
  status: 'pass' | 'fail' | 'skip';
  /** fail: the line the failure is reported at */
  line?: number;
  /** fail: why; skip: the unsupported construct */
  message?: string;
  /** what was sent and received, for --verbose */
  ladder: string[];
}

class Failure extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}
class Unsupported extends Error {}

const US = 1_000_000;
const toUs = (s: number) => Math.round(s * US);
const fmtT = (us: number) => (us / US).toFixed(6).replace(/0{1,3}$/, '');

interface Out {
  seg: Segment;
  t: number;
}

interface Pending {
  ev: SyscallEvent;
  start: number;
  end: number | null;
  /** tries to complete; returns the result or null while still blocked */
  attempt: () => AppResult | null;
}

const ERRNO_ALIASES: Record<string, string> = { EWOULDBLOCK: 'EAGAIN' };
const O_NONBLOCK = 0x800;
const O_RDWR = 0x2;

/** Every system call the runner models; anything else makes the script a SKIP. */
const SYSCALLS = new Set(['socket', 'fcntl', 'setsockopt', 'getsockopt', 'bind', 'listen', 'accept', 'connect', 'read', 'write', 'send', 'recv', 'shutdown', 'close']);

export function runScript(script: Script, opts: RunOptions): RunResult {
  const r = new Runner(script, opts);
  try {
    r.precheck();
    r.run();
    return { status: 'pass', ladder: r.ladder };
  } catch (e) {
    if (e instanceof Unsupported) return { status: 'skip', message: e.message, ladder: r.ladder };
    if (e instanceof Failure) return { status: 'fail', line: e.line, message: e.message, ladder: r.ladder };
    if (e instanceof InputError) return { status: 'fail', line: r.currentLine, message: e.message, ladder: r.ladder };
    throw e;
  }
}

class Runner {
  readonly ladder: string[] = [];
  currentLine = 1;
  private stack: Stack | null = null;
  private overrides: Record<string, number>;
  private now = 0;
  private lastTime = 0;
  private tol: number;
  private timers = new Map<string, { sock: number; timer: TimerName; due: number; n: number }>();
  private timerSeq = 0;
  private fired = 0;
  private outQ: Out[] = [];
  private fds = new Map<number, number>();
  private localIsn = LOCAL_ISN;
  /** window scale the script's peer announced on its SYN (applied to its later windows) */
  private peerWscale = 0;
  private pending: Pending | null = null;
  private connectResults = new Map<number, string>();
  /** the socket the last syscall or packet concerned (for tcpi_state) */
  private lastSock: number | null = null;

  constructor(
    private readonly script: Script,
    private readonly opts: RunOptions,
  ) {
    this.overrides = { ...(opts.set ?? {}) };
    const t = script.options['tolerance_usecs'];
    this.tol = t !== undefined && t !== '' && Number.isFinite(Number(t)) ? Number(t) : 4000;
  }

  // ---- set-up ---------------------------------------------------------------------

  /** A script with any construct the runner does not model is skipped before it runs. */
  precheck(): void {
    for (const [k, v] of Object.entries(this.script.options)) {
      if (k === 'ip_version' && v !== 'ipv4' && v !== 'ipv4-mapped-ipv6' && v !== 'ipv6') throw new Unsupported(`option --ip_version=${v}`);
      if (!['ip_version', 'tolerance_usecs', 'bind_port', 'connect_port', 'local_ip', 'remote_ip', 'gateway_ip', 'netmask_ip', 'mtu', 'speed', 'wire_client', 'wire_server', 'non_fatal', 'init_scripts'].includes(k)) {
        throw new Unsupported(`option --${k}`);
      }
    }
    for (const e of this.script.events) {
      if (e.kind === 'syscall' && !SYSCALLS.has(e.name)) throw new Unsupported(`system call ${e.name}() (line ${e.line})`);
      if (e.kind === 'command') {
        for (const a of parseCommand(e.command)) if (a.kind === 'unsupported') throw new Unsupported(`${a.what} (line ${e.line})`);
      }
      if (e.kind === 'python' && parsePython(e.code) === null) throw new Unsupported(`python block %{ ${e.code.split('\n')[0]} }% (line ${e.line})`);
    }
  }

  private get st(): Stack {
    if (!this.stack) {
      const knobs: Knobs = resolveKnobs(this.opts.profile, this.overrides, 'sysctl');
      const isn = LOCAL_ISN;
      this.stack = new Stack({ knobs, rand32: () => isn });
    }
    return this.stack;
  }

  // ---- time ----------------------------------------------------------------------

  private fail(line: number, msg: string): never {
    throw new Failure(line, msg);
  }

  private collect(): void {
    if (!this.stack) return;
    for (const e of this.stack.drain()) this.effect(e);
  }

  private effect(e: StackEffect): void {
    if (e.kind === 'send') {
      // The engine's ISN, learned from its SYN or SYN,ACK (each new connection's, as packetdrill does).
      if (e.seg.flags.SYN) this.localIsn = e.seg.seq;
      this.outQ.push({ seg: e.seg, t: this.now });
      this.ladder.push(`${fmtT(this.now)} > ${this.describe(e.seg, 'out')}`);
    } else if (e.kind === 'timer') {
      const key = `${e.sock}:${e.timer}`;
      if (e.action === 'set') this.timers.set(key, { sock: e.sock, timer: e.timer, due: this.now + toUs(e.delay ?? 0), n: this.timerSeq++ });
      else this.timers.delete(key);
    } else if (e.kind === 'state') {
      this.ladder.push(`${fmtT(this.now)}   [sock ${e.sock}] ${e.from} -> ${e.to} (${e.cause})`);
    } else if (e.kind === 'app' && e.call === 'connect') {
      this.connectResults.set(e.sock, e.result);
    }
  }

  private nextTimer(): { sock: number; timer: TimerName; due: number; n: number } | null {
    let best: { sock: number; timer: TimerName; due: number; n: number } | null = null;
    for (const t of this.timers.values()) if (!best || t.due < best.due || (t.due === best.due && t.n < best.n)) best = t;
    return best;
  }

  private fireNext(): void {
    // A script waiting for a segment that never comes must not spin on re-arming timers forever.
    if (++this.fired > 100_000) this.fail(this.currentLine, 'runaway timers: more than 100000 expiries');
    const t = this.nextTimer()!;
    this.timers.delete(`${t.sock}:${t.timer}`);
    this.now = Math.max(this.now, t.due);
    this.st.fire(t.sock, t.timer, this.now / US);
    this.collect();
    this.tryPending();
  }

  /** Lets virtual time run to `t`, firing every timer due by then. */
  private advance(t: number): void {
    for (;;) {
      const n = this.nextTimer();
      if (!n || n.due > t) break;
      this.fireNext();
    }
    this.now = Math.max(this.now, t);
  }

  // ---- the script ----------------------------------------------------------------------

  run(): void {
    for (const e of this.script.events) {
      this.currentLine = e.line;
      this.event(e);
    }
    this.finishPending();
  }

  /** The scripted time of an event (µs), or null for `*`. */
  private timeOf(e: Event): number | null {
    if (e.time.kind === 'any') return null;
    if (e.kind === 'command' && e.implicitTime) return this.lastTime;
    return e.time.kind === 'absolute' ? toUs(e.time.start) : this.lastTime + toUs(e.time.start);
  }

  private endOf(e: Event): number | null {
    const end = e.time.end;
    if (!end) return null;
    return end.kind === 'absolute' ? toUs(end.value) : this.lastTime + toUs(end.value);
  }

  private event(e: Event): void {
    const t = this.timeOf(e);
    if (e.kind === 'packet' && e.direction === 'out') {
      this.expect(e, t);
      return;
    }
    const at = t ?? this.now;
    this.advance(at);
    if (e.kind === 'syscall' || e.kind === 'packet') this.noStraySegments(e, at);
    const end = this.endOf(e);
    this.lastTime = at;
    if (e.kind === 'packet') this.inject(e);
    else if (e.kind === 'syscall') this.syscall(e, at, end);
    else if (e.kind === 'command') this.command(e);
    else this.python(e);
  }

  /** Anything the stack sent before this event's time that no `>` line claimed is a failure. */
  private noStraySegments(e: Event, at: number): void {
    const stray = this.outQ.find((o) => o.t < at);
    if (stray) this.fail(e.line, `unexpected packet ${this.describe(stray.seg, 'out')} sent at ${fmtT(stray.t)} s (the script expects none before line ${e.line})`);
  }

  // ---- packets ---------------------------------------------------------------------------

  private inject(e: PacketEvent): void {
    if (e.seq.any) this.fail(e.line, 'an inbound packet needs a sequence number');
    const wsOpt = e.options?.items.find((i) => i.name === 'wscale');
    if (e.flags.SYN && wsOpt?.value !== undefined) this.peerWscale = Math.min(14, wsOpt.value);
    const mssOpt = e.options?.items.find((i) => i.name === 'mss');
    const win = e.win ?? 65535;
    const seg: Segment = {
      srcPort: REMOTE_PORT,
      dstPort: LOCAL_PORT,
      seq: (REMOTE_ISN + e.seq.start) >>> 0,
      ack: e.ack !== undefined ? (this.localIsn + e.ack) >>> 0 : 0,
      flags: { SYN: e.flags.SYN, FIN: e.flags.FIN, RST: e.flags.RST, PSH: e.flags.PSH, ACK: e.flags.ACK },
      len: e.seq.len,
      win: e.flags.SYN ? win : win * 2 ** this.peerWscale,
      ...(e.flags.SYN && mssOpt?.value !== undefined ? { mss: mssOpt.value } : {}),
    };
    this.ladder.push(`${fmtT(this.now)} < ${this.describe(seg, 'in')}   (line ${e.line})`);
    this.st.deliver(seg, this.now / US);
    this.collect();
    this.tryPending();
  }

  /** Waits (in virtual time) for the stack's next segment and compares it with a `>` line. */
  private expect(e: PacketEvent, t: number | null): void {
    const tol = this.tol;
    let lo = -Infinity;
    let hi = Infinity;
    if (t !== null) {
      lo = t;
      hi = e.time.end?.form === '~' ? (this.endOf(e) ?? t) : t;
    }
    while (this.outQ.length === 0) {
      const n = this.nextTimer();
      if (!n || n.due > hi + tol) break;
      this.fireNext();
    }
    if (this.outQ.length === 0) {
      if (Number.isFinite(hi)) this.advance(hi + tol);
      const when = t === null ? '' : ` by ${fmtT(hi + tol)} s`;
      // Say what came next, if anything does: it tells a late segment from a missing one.
      for (let i = 0; i < 50 && this.outQ.length === 0 && this.nextTimer(); i++) this.fireNext();
      const next = this.outQ[0];
      const later = next ? ` (the next segment, ${this.describe(next.seg, 'out')}, was sent at ${fmtT(next.t)} s)` : '';
      this.fail(e.line, `expected ${this.describeExpected(e)} but nothing was sent${when}${later}`);
    }
    const got = this.take(e);
    if (got.t < lo - tol || got.t > hi + tol) {
      const want = lo === hi ? `at ${fmtT(lo)} s` : `within [${fmtT(lo)}, ${fmtT(hi)}] s`;
      this.fail(e.line, `timing error: ${this.describe(got.seg, 'out')} sent at ${fmtT(got.t)} s, expected ${want} (tolerance ${tol} us)`);
    }
    this.compare(e, got.seg);
    this.lastTime = got.t;
    this.now = Math.max(this.now, got.t);
  }

  /** The next segment, merged with segments sent at the same instant when the line's length asks for it (TSO/GSO). */
  private take(e: PacketEvent): Out {
    const first = this.outQ.shift()!;
    const want = e.seq.len;
    const seg: Segment = { ...first.seg, flags: { ...first.seg.flags } };
    while (seg.len < want && this.outQ.length > 0) {
      const nx = this.outQ[0]!;
      if (nx.t !== first.t || nx.seg.flags.SYN || nx.seg.flags.RST || seg.flags.FIN || nx.seg.seq !== ((seg.seq + seg.len) >>> 0)) break;
      if (!!nx.seg.flags.ACK !== !!seg.flags.ACK) break;
      this.outQ.shift();
      seg.len += nx.seg.len;
      seg.ack = nx.seg.ack;
      seg.win = nx.seg.win;
      seg.flags = { ...seg.flags, PSH: !!nx.seg.flags.PSH, FIN: !!nx.seg.flags.FIN };
    }
    return { seg, t: first.t };
  }

  private relSeq(s: Segment): number {
    if (s.flags.RST && s.seq === 0) return 0;
    return (s.seq - this.localIsn) >>> 0;
  }
  private relAck(s: Segment): number {
    return (s.ack - REMOTE_ISN) >>> 0;
  }

  private compare(e: PacketEvent, s: Segment): void {
    const problems: string[] = [];
    const ef = e.flags;
    const sf = s.flags;
    if (!!ef.SYN !== !!sf.SYN || !!ef.FIN !== !!sf.FIN || !!ef.RST !== !!sf.RST || !!ef.PSH !== !!sf.PSH || !!ef.ACK !== !!sf.ACK) {
      problems.push(`flags ${formatFlags(sf)} instead of ${formatFlags(ef)}`);
    }
    if (!e.seq.any && this.relSeq(s) !== e.seq.start) problems.push(`seq ${this.relSeq(s)} instead of ${e.seq.start}`);
    if (s.len !== e.seq.len) problems.push(`length ${s.len} instead of ${e.seq.len}`);
    if (e.ack !== undefined && this.relAck(s) !== e.ack) problems.push(`ack ${sf.ACK ? this.relAck(s) : '(none)'} instead of ${e.ack}`);
    if (this.opts.strict) {
      if (e.win !== undefined && s.win !== e.win) problems.push(`win ${s.win} instead of ${e.win}`);
      if (e.options && !e.options.wildcard) {
        const want = e.options.items.filter((i) => i.name !== 'nop' && i.name !== 'eol');
        const mss = want.find((i) => i.name === 'mss');
        const other = want.filter((i) => i.name !== 'mss');
        if (other.length) problems.push(`options ${other.map((i) => i.raw).join(', ')} not sent (not modelled)`);
        if (mss && mss.value !== s.mss) problems.push(`mss ${s.mss ?? '(none)'} instead of ${mss.value}`);
      } else if (!e.options && s.mss !== undefined) problems.push(`unexpected option mss ${s.mss}`);
    }
    if (problems.length) this.fail(e.line, `expected ${this.describeExpected(e)}, got ${this.describe(s, 'out')}: ${problems.join('; ')}`);
  }

  private describe(s: Segment, dir: 'in' | 'out'): string {
    const seq = dir === 'in' ? (s.seq - REMOTE_ISN) >>> 0 : this.relSeq(s);
    const ack = dir === 'in' ? (s.ack - this.localIsn) >>> 0 : this.relAck(s);
    let f = formatFlags(s.flags);
    if (f === '-') f = '.';
    return `${f} ${seq}:${(seq + s.len) >>> 0}(${s.len})${s.flags.ACK ? ` ack ${ack}` : ''} win ${s.win}`;
  }

  private describeExpected(e: PacketEvent): string {
    const seq = e.seq.any ? `...(${e.seq.len})` : `${e.seq.start}:${e.seq.end}(${e.seq.len})`;
    return `${e.flagText} ${seq}${e.ack !== undefined ? ` ack ${e.ack}` : ''}`;
  }

  // ---- commands and python ------------------------------------------------------------------

  private command(e: Extract<Event, { kind: 'command' }>): void {
    for (const a of parseCommand(e.command)) {
      if (a.kind === 'knobs') {
        Object.assign(this.overrides, a.set);
        if (this.stack) this.stack.reconfigure(resolveKnobs(this.opts.profile, this.overrides, 'sysctl'));
      } else if (a.kind === 'count') {
        const n = this.stack ? this.stack.countInState(a.state) : 0;
        this.ladder.push(`${fmtT(this.now)}   sockstat: ${n} in ${a.state}`);
        if (n !== a.n) this.fail(e.line, `expected ${a.n} connection(s) in ${a.state}, found ${n}`);
      } else if (a.kind === 'drop') {
        if (a.state !== 'TIME_WAIT') throw new Unsupported(`tcpdrop -s ${a.state} (line ${e.line})`);
        for (const s of this.stack?.allSocks() ?? []) {
          if (this.st.state(s.id) === 'TIME_WAIT') {
            this.timers.delete(`${s.id}:TIME_WAIT`);
            this.st.fire(s.id, 'TIME_WAIT', this.now / US);
          }
        }
        this.collect();
      } else if (a.kind === 'unsupported') throw new Unsupported(a.what);
    }
  }

  private python(e: Extract<Event, { kind: 'python' }>): void {
    const want = parsePython(e.code)!;
    const id = this.lastSock;
    const got: TcpState = id === null ? 'CLOSED' : this.st.state(id);
    for (const w of want) if (got !== w) this.fail(e.line, `tcpi_state is ${got}, expected ${w}`);
  }

  // ---- system calls ------------------------------------------------------------------------

  private sockOf(e: SyscallEvent, fdExpr: Expr | undefined): number {
    const fd = this.num(e, fdExpr, 'file descriptor');
    const id = this.fds.get(fd);
    if (id === undefined) return -1;
    this.lastSock = id;
    return id;
  }

  private num(e: SyscallEvent, x: Expr | undefined, what: string): number {
    if (x?.kind === 'number') return x.value;
    if (x?.kind === 'array' && x.items.length === 1) return this.num(e, x.items[0], what);
    this.fail(e.line, `${e.name}: expected a number for the ${what}`);
  }

  private ident(x: Expr | undefined): string {
    return x?.kind === 'ident' ? x.name : '';
  }

  private allocFd(id: number): number {
    let fd = 3;
    while (this.fds.has(fd)) fd++;
    this.fds.set(fd, id);
    return fd;
  }

  private nonblocking(id: number): boolean {
    return this.st.sock(id)?.opts.nonblocking ?? false;
  }

  private syscall(e: SyscallEvent, start: number, end: number | null): void {
    if (this.pending) this.fail(e.line, `${e.name}() called while the blocking ${this.pending.ev.name}() of line ${this.pending.ev.line} has not returned`);
    const now = () => this.now / US;
    const a = e.args;
    this.ladder.push(`${fmtT(this.now)}   ${e.name}() (line ${e.line})`);
    let attempt: () => AppResult | null;
    let mayBlock = false;
    switch (e.name) {
      case 'socket': {
        if (a[1] && this.ident(a[1]) !== 'SOCK_STREAM') throw new Unsupported(`socket type ${this.ident(a[1]) || '?'}`);
        const id = this.st.socket();
        const fd = this.allocFd(id);
        this.lastSock = id;
        attempt = () => ({ ok: true, value: fd });
        break;
      }
      case 'fcntl': {
        const id = this.sockOf(e, a[0]);
        const cmd = this.ident(a[1]);
        if (cmd === 'F_GETFL') attempt = () => (id < 0 ? { ok: false, errno: 'EBADF' } : { ok: true, value: O_RDWR | (this.nonblocking(id) ? O_NONBLOCK : 0) });
        else if (cmd === 'F_SETFL') {
          const names = a[2]?.kind === 'or' ? a[2].items.map((i) => this.ident(i)) : [this.ident(a[2])];
          const r = id < 0 ? { ok: false, errno: 'EBADF' as Errno } : this.st.setNonblocking(id, names.includes('O_NONBLOCK'));
          attempt = () => r;
        } else throw new Unsupported(`fcntl ${cmd || '?'}`);
        break;
      }
      case 'setsockopt':
        attempt = this.setsockopt(e);
        break;
      case 'getsockopt':
        attempt = this.getsockopt(e);
        break;
      case 'bind': {
        const id = this.sockOf(e, a[0]);
        const r = id < 0 ? { ok: false, errno: 'EBADF' as Errno } : this.st.bind(id, LOCAL_PORT);
        attempt = () => r;
        break;
      }
      case 'listen': {
        const id = this.sockOf(e, a[0]);
        const backlog = this.num(e, a[1], 'backlog');
        if (id >= 0 && this.st.sock(id)?.localPort === null) this.st.bind(id, LOCAL_PORT);
        const r = id < 0 ? { ok: false, errno: 'EBADF' as Errno } : this.st.listen(id, backlog, now());
        attempt = () => r;
        break;
      }
      case 'accept': {
        const id = this.sockOf(e, a[0]);
        mayBlock = id >= 0 && !this.nonblocking(id);
        attempt = () => {
          if (id < 0) return { ok: false, errno: 'EBADF' };
          const r = this.st.accept(id);
          if (!r.ok && r.errno === 'EAGAIN' && mayBlock) return null;
          if (r.ok) {
            this.lastSock = r.value!;
            return { ok: true, value: this.allocFd(r.value!) };
          }
          return r;
        };
        break;
      }
      case 'connect': {
        const id = this.sockOf(e, a[0]);
        if (id < 0) {
          attempt = () => ({ ok: false, errno: 'EBADF' });
          break;
        }
        if (this.st.sock(id)?.localPort === null) this.st.bind(id, LOCAL_PORT);
        const r = this.st.connect(id, REMOTE_PORT, now());
        this.collect();
        mayBlock = !this.nonblocking(id) && r.errno === 'EINPROGRESS';
        attempt = () => {
          if (!mayBlock) return r;
          const res = this.connectResults.get(id);
          if (res === undefined) return null;
          this.connectResults.delete(id);
          if (res !== '0') this.st.soError(id); // the error is reported by connect() itself
          return res === '0' ? { ok: true, value: 0 } : { ok: false, errno: res as Errno };
        };
        break;
      }
      case 'read':
      case 'recv': {
        const id = this.sockOf(e, a[0]);
        const n = this.num(e, a[2], 'byte count');
        mayBlock = id >= 0 && !this.nonblocking(id);
        attempt = () => {
          if (id < 0) return { ok: false, errno: 'EBADF' };
          const r = this.st.recv(id, n, this.now / US);
          if (!r.ok && r.errno === 'EAGAIN' && mayBlock) return null;
          return r;
        };
        break;
      }
      case 'write':
      case 'send': {
        const id = this.sockOf(e, a[0]);
        const n = this.num(e, a[2], 'byte count');
        mayBlock = id >= 0 && !this.nonblocking(id);
        attempt = () => {
          if (id < 0) return { ok: false, errno: 'EBADF' };
          const r = this.st.send(id, n, this.now / US);
          if (!r.ok && r.errno === 'EAGAIN' && mayBlock) return null;
          return r;
        };
        break;
      }
      case 'shutdown': {
        const id = this.sockOf(e, a[0]);
        const how = { SHUT_RD: 'rd', SHUT_WR: 'wr', SHUT_RDWR: 'rdwr' }[this.ident(a[1])] as 'rd' | 'wr' | 'rdwr' | undefined;
        if (!how) this.fail(e.line, `shutdown: unknown mode ${this.ident(a[1]) || '?'}`);
        const r = id < 0 ? { ok: false, errno: 'EBADF' as Errno } : this.st.shutdown(id, how, now());
        attempt = () => r;
        break;
      }
      case 'close': {
        const fd = this.num(e, a[0], 'file descriptor');
        const id = this.sockOf(e, a[0]);
        const r = id < 0 ? { ok: false, errno: 'EBADF' as Errno } : this.st.close(id, now());
        if (id >= 0) this.fds.delete(fd);
        attempt = () => r;
        break;
      }
      default:
        throw new Unsupported(`system call ${e.name}()`);
    }
    this.collect();
    this.pending = { ev: e, start, end, attempt };
    this.tryPending();
    if (this.pending && !mayBlock) this.fail(e.line, `${e.name}() would block`);
  }

  private setsockopt(e: SyscallEvent): () => AppResult {
    const a = e.args;
    const id = this.sockOf(e, a[0]);
    if (id < 0) return () => ({ ok: false, errno: 'EBADF' });
    const opt = this.ident(a[2]);
    const now = this.now / US;
    const v = a[3];
    let r: AppResult;
    switch (opt) {
      case 'SO_REUSEADDR':
        r = this.st.setReuseaddr(id, this.num(e, v, 'option value') !== 0);
        break;
      case 'SO_KEEPALIVE':
      case 'TCP_KEEPIDLE':
      case 'TCP_KEEPINTVL':
      case 'TCP_KEEPCNT':
        r = this.st.setKeepalive(id, opt as KeepaliveOpt, this.num(e, v, 'option value'), now);
        break;
      case 'SO_LINGER': {
        if (v?.kind !== 'struct') this.fail(e.line, 'SO_LINGER needs {onoff=..., linger=...}');
        const field = (name: string, i: number) => {
          const f = v.fields.find((x) => x.name === name) ?? v.fields[i];
          return f?.value.kind === 'number' ? f.value.value : NaN;
        };
        const onoff = field('onoff', 0);
        const linger = field('linger', 1);
        if (onoff && linger !== 0) throw new Unsupported(`SO_LINGER with linger=${linger}`);
        r = this.st.setLinger0(id, onoff !== 0, now);
        break;
      }
      case 'SO_RCVBUF':
      case 'SO_SNDBUF':
      case 'TCP_NODELAY':
        r = { ok: true, value: 0 };
        break;
      default:
        throw new Unsupported(`setsockopt ${opt || '?'}`);
    }
    return () => r;
  }

  private getsockopt(e: SyscallEvent): () => AppResult {
    const a = e.args;
    const id = this.sockOf(e, a[0]);
    if (id < 0) return () => ({ ok: false, errno: 'EBADF' });
    const opt = this.ident(a[2]);
    switch (opt) {
      case 'SO_ERROR': {
        const r = this.st.soError(id);
        const want = a[3]?.kind === 'array' ? a[3].items[0] : a[3];
        const wantErr = want?.kind === 'number' && want.value === 0 ? null : want?.kind === 'ident' ? (ERRNO_ALIASES[want.name] ?? want.name) : undefined;
        if (wantErr === undefined) this.fail(e.line, 'getsockopt SO_ERROR: expected [0] or [ERRNO]');
        if (r.pending !== wantErr) this.fail(e.line, `getsockopt SO_ERROR gave ${r.pending ?? '0'}, expected ${wantErr ?? '0'}`);
        return () => r;
      }
      case 'SO_RCVBUF':
      case 'SO_SNDBUF':
        return () => ({ ok: true, value: 0 });
      default:
        throw new Unsupported(`getsockopt ${opt || '?'}`);
    }
  }

  private tryPending(): void {
    const p = this.pending;
    if (!p) return;
    const r = p.attempt();
    if (r === null) return;
    this.pending = null;
    this.collect();
    this.checkResult(p, r);
  }

  /** At the end of the script a blocked call may still return within its range. */
  private finishPending(): void {
    const p = this.pending;
    if (!p) return;
    const limit = (p.end ?? p.start) + this.tol;
    while (this.pending) {
      const n = this.nextTimer();
      if (!n || n.due > limit) break;
      this.fireNext();
    }
    if (this.pending) this.fail(p.ev.line, `timing error: ${p.ev.name}() had not returned by ${fmtT(limit)} s (expected at ${fmtT(p.end ?? p.start)} s, tolerance ${this.tol} us)`);
  }

  private checkResult(p: Pending, r: AppResult): void {
    const e = p.ev;
    const want = e.result;
    const gotText = r.ok ? String(r.value ?? 0) : `-1 ${r.errno}`;
    const wantErr = want.errno ? (ERRNO_ALIASES[want.errno] ?? want.errno) : undefined;
    const wantText = want.value === -1 && wantErr ? `-1 ${wantErr}` : String(want.value);
    const matches = r.ok ? want.value === (r.value ?? 0) && !wantErr : want.value === -1 && wantErr === r.errno;
    this.ladder.push(`${fmtT(this.now)}   ${e.name}() = ${gotText}`);
    if (!matches) this.fail(e.line, `${e.name}() returned ${gotText}, expected ${wantText}`);
    const target = p.end ?? p.start;
    if (Math.abs(this.now - target) > this.tol) {
      this.fail(e.line, `timing error: ${e.name}() returned at ${fmtT(this.now)} s, expected at ${fmtT(target)} s (tolerance ${this.tol} us)`);
    }
  }
}
