/**
 * Runs one parsed packetdrill script against the model's Stack in virtual time,
 * as packetdrill runs one against a kernel: the socket calls go to the stack,
 * `<` lines are injected as if from the remote peer, `>` lines are what the
 * stack must send, at the scripted time within the tolerance.
 *
 * This file is the driver: the clock, the stack's timers and effects, and the
 * walk through the script's events. The rest sits beside it: wire.ts (ports,
 * ISNs, relative sequence numbers), inbound.ts and outbound.ts (the two
 * directions of packet lines), syscalls.ts and sockopts.ts (the socket calls),
 * precheck.ts (what makes a script a SKIP).
 */
import type { Knobs, Profile } from '../tcp/knobs.ts';
import { InputError, resolveKnobs } from '../tcp/knobs.ts';
import type { StackEffect, TimerName } from '../tcp/stack/effects.ts';
import type { Engine } from '../tcp/stack/conn.ts';
import { Stack } from '../tcp/stack/stack.ts';
import type { TcpState } from '../tcp/states.ts';
import type { Event, PacketEvent, Script } from './ast.ts';
import { parseCommand, parsePython } from './commands.ts';
import { Failure, Unsupported, fail } from './failures.ts';
import type { Reason } from './reasons.ts';
import { announcedWscale, inboundSegment } from './inbound.ts';
import type { Out } from './outbound.ts';
import { compareSegment, describeExpected, takeSegment } from './outbound.ts';
import { precheck } from './precheck.ts';
import type { RunStep } from './record.ts';
import { Syscalls } from './syscalls.ts';
import type { Tolerance } from './tolerance.ts';
import { tolerance, toleranceOf } from './tolerance.ts';
import { US, fmtT, toUs } from './virtual-time.ts';
import { LOCAL_ISN, describe } from './wire.ts';
import { sockstatLine, zeroSockstat } from '../tcp/stack/sockstat.ts';

export { LOCAL_ISN, LOCAL_PORT, REMOTE_ISN, REMOTE_PORT } from './wire.ts';
export type { RunStep } from './record.ts';

export interface RunOptions {
  profile: Profile;
  strict?: boolean;
  /** knob overrides applied before the script's own sysctls */
  set?: Record<string, number>;
  /** how the stack steps its connections (default `derived`) */
  engine?: Engine;
  /** keep the run's steps (RunResult.steps) for drawing it */
  record?: boolean;
}

export interface RunResult {
  status: 'pass' | 'fail' | 'skip';
  /** fail: the line the failure is reported at */
  line?: number;
  /** fail: why; skip: the unsupported construct (the CLI's English words for `reason`) */
  message?: string;
  /** fail and skip: why, as data for other languages (src/packetdrill/reasons.ts) */
  reason?: Reason;
  /** what was sent and received, for --verbose */
  ladder: string[];
  /** with `record`: every step of the run, in order, ending with an `end` step */
  steps?: RunStep[];
}

export function runScript(script: Script, opts: RunOptions): RunResult {
  const r = new Runner(script, opts);
  const done = (res: RunResult): RunResult => (r.steps ? { ...res, steps: r.finish() } : res);
  try {
    precheck(script);
    r.run();
    return done({ status: 'pass', ladder: r.ladder });
  } catch (e) {
    if (e instanceof Unsupported) return done({ status: 'skip', message: e.message, reason: e.reason, ladder: r.ladder });
    if (e instanceof Failure) return done({ status: 'fail', line: e.line, message: e.message, reason: e.reason, ladder: r.ladder });
    // A knob value the stack rejects (from --set or a sysctl line) fails the line being run.
    if (e instanceof InputError) return done({ status: 'fail', line: r.currentLine, message: e.message, reason: { code: 'knob', text: e.message, ...(e.problem ? { where: e.where, problem: e.problem } : {}) }, ladder: r.ladder });
    throw e;
  }
}

interface Timer {
  sock: number;
  timer: TimerName;
  /** when it expires, µs */
  due: number;
  /** arming order, so timers due at the same instant fire in the order they were set */
  n: number;
}

class Runner {
  readonly ladder: string[] = [];
  /** the run step by step, when recording */
  readonly steps: RunStep[] | null;
  /** recording: the `out` step of each segment still in outQ */
  private outSteps = new Map<Out, RunStep & { kind: 'out' }>();
  currentLine = 1;
  private stack: Stack | null = null;
  private overrides: Record<string, number>;
  /** virtual time, µs */
  private now = 0;
  /** the time of the previous event, which relative times (`+0.1`) count from */
  private lastTime = 0;
  /** timing tolerance: the larger of --tolerance_usecs and --tolerance_percent of the gap since the previous event */
  private readonly tolerance: Tolerance;
  /** the scripted time (µs) of the previous event, which the percentage is taken of; null before the first */
  private prevEventAt: number | null = null;
  /** armed timers, keyed `sock:timer` (re-arming replaces) */
  private timers = new Map<string, Timer>();
  private timerSeq = 0;
  private fired = 0;
  /** what the stack sent that no `>` line has claimed yet, oldest first */
  private outQ: Out[] = [];
  private localIsn = LOCAL_ISN;
  /**
   * packetdrill's "socket under test", as far as ISN learning needs it: the
   * local ISN is learned once per socket, from the SYN after connect() or the
   * first SYN,ACK of a child a SYN created at a listener (run_packet.c), and
   * kept for everything that socket sends later (a reopened TIME_WAIT too).
   */
  private sut: 'none' | 'new' | 'listening' | 'connecting' | 'passive-syn' | 'learned' = 'none';
  /** window scale the script's peer announced on its SYN (applied to its later windows) */
  private peerWscale = 0;
  private calls: Syscalls;

  constructor(
    private readonly script: Script,
    private readonly opts: RunOptions,
  ) {
    this.steps = opts.record ? [] : null;
    this.overrides = { ...(opts.set ?? {}) };
    this.tolerance = toleranceOf(script.options);
    this.calls = new Syscalls(
      {
        stack: () => this.st,
        now: () => this.now,
        collect: () => this.collect(),
        log: (text) => this.log(text, true),
      },
      this.tolerance,
    );
  }

  /** The stack, created on first use so that sysctl lines before the first call apply to it. */
  private get st(): Stack {
    if (!this.stack) {
      const knobs: Knobs = resolveKnobs(this.opts.profile, this.overrides, 'sysctl');
      const isn = LOCAL_ISN;
      this.stack = new Stack({ knobs, rand32: () => isn, engine: this.opts.engine });
    }
    return this.stack;
  }

  /** `call`: a socket call's line (recorded as a step too) */
  private log(text: string, call = false): void {
    this.ladder.push(`${fmtT(this.now)} ${text}`);
    if (this.steps && call) this.steps.push({ kind: 'call', t: this.now / US, line: this.currentLine, text: text.trim() });
  }

  /** The recorded steps, closed with where the run stopped. */
  finish(): RunStep[] {
    const steps = this.steps ?? [];
    steps.push({ kind: 'end', t: this.now / US, line: this.currentLine });
    return steps;
  }

  // ---- time ----------------------------------------------------------------------

  /** Takes in what the stack did since last asked: segments, timers, state changes, connect results. */
  private collect(): void {
    if (!this.stack) return;
    for (const e of this.stack.drain()) this.effect(e);
  }

  private effect(e: StackEffect): void {
    if (e.kind === 'send') {
      const f = e.seg.flags;
      if (f.SYN && ((this.sut === 'connecting' && !f.ACK) || (this.sut === 'passive-syn' && f.ACK))) {
        this.localIsn = e.seg.seq;
        this.sut = 'learned';
      }
      const out: Out = { seg: e.seg, t: this.now };
      this.outQ.push(out);
      this.log(`> ${describe(e.seg, 'out', this.localIsn)}`);
      if (this.steps) {
        const step = { kind: 'out' as const, t: this.now / US, line: this.currentLine, seg: e.seg, sock: e.sock, rtx: e.rtx };
        this.steps.push(step);
        this.outSteps.set(out, step);
      }
    } else if (e.kind === 'timer') {
      const key = `${e.sock}:${e.timer}`;
      const due = this.now + toUs(e.delay ?? 0);
      if (e.action === 'set') this.timers.set(key, { sock: e.sock, timer: e.timer, due, n: this.timerSeq++ });
      else this.timers.delete(key);
      this.steps?.push({ kind: 'timer', t: this.now / US, line: this.currentLine, sock: e.sock, timer: e.timer, action: e.action, ...(e.action === 'set' ? { due: due / US } : {}) });
    } else if (e.kind === 'state') {
      this.log(`  [sock ${e.sock}] ${e.from} -> ${e.to} (${e.cause})`);
      this.steps?.push({ kind: 'state', t: this.now / US, line: this.currentLine, sock: e.sock, from: e.from, to: e.to, cause: e.cause });
    } else if (e.kind === 'app' && e.call === 'connect') {
      this.calls.connectDone(e.sock, e.result);
    }
  }

  private nextTimer(): Timer | null {
    let best: Timer | null = null;
    for (const t of this.timers.values()) if (!best || t.due < best.due || (t.due === best.due && t.n < best.n)) best = t;
    return best;
  }

  /** Jumps to the next timer's expiry and fires it; a blocked call may return as a result. */
  private fireNext(): void {
    // A script waiting for a segment that never comes must not spin on re-arming timers forever.
    if (++this.fired > 100_000) fail(this.currentLine, { code: 'runaway-timers' });
    const t = this.nextTimer()!;
    this.timers.delete(`${t.sock}:${t.timer}`);
    this.now = Math.max(this.now, t.due);
    this.steps?.push({ kind: 'timer', t: this.now / US, line: this.currentLine, sock: t.sock, timer: t.timer, action: 'fire' });
    this.st.fire(t.sock, t.timer, this.now / US);
    this.collect();
    this.calls.retry();
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
    this.finishBlocked();
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
    // A `>` line waits for the stack rather than moving the clock to its time: the segment may come early or late.
    if (e.kind === 'packet' && e.direction === 'out') {
      this.expect(e, t);
      return;
    }
    const at = t ?? this.now;
    this.advance(at);
    if (this.opts.strict && (e.kind === 'syscall' || e.kind === 'packet')) this.noStraySegments(e, at);
    const end = this.endOf(e);
    this.lastTime = at;
    this.prevEventAt = at;
    if (e.kind === 'packet') this.inject(e);
    else if (e.kind === 'syscall') {
      if (e.name === 'socket') this.sut = 'new';
      else if (e.name === 'listen') this.sut = 'listening';
      else if (e.name === 'connect' && this.sut === 'new') this.sut = 'connecting';
      this.calls.call(e, at, end);
    }
    else if (e.kind === 'command') this.command(e);
    else this.python(e);
  }

  /**
   * --strict: anything the stack sent before this event's time that no `>` line
   * claimed is a failure. Real packetdrill does not look for packets a script
   * does not mention (they only fail the next `>` line they stand in front of),
   * so by default neither does the runner.
   */
  private noStraySegments(e: Event, at: number): void {
    // outQ is in sending order, so times never decrease: the oldest is the only one to look at.
    const stray = this.outQ[0] !== undefined && this.outQ[0].t < at ? this.outQ[0] : undefined;
    if (stray) fail(e.line, { code: 'stray-packet', seg: describe(stray.seg, 'out', this.localIsn), t: fmtT(stray.t), line: e.line });
  }

  /** At the end of the script a blocked call may still return within its range. */
  private finishBlocked(): void {
    const p = this.calls.blocked;
    if (!p) return;
    const tol = tolerance(this.tolerance, p.end === null ? 0 : p.end - p.start);
    const limit = (p.end ?? p.start) + tol;
    while (this.calls.blocked) {
      const n = this.nextTimer();
      if (!n || n.due > limit) break;
      this.fireNext();
    }
    if (this.calls.blocked) fail(p.ev.line, { code: 'call-not-returned', call: p.ev.name, by: fmtT(limit), at: fmtT(p.end ?? p.start), tol });
  }

  // ---- packets ---------------------------------------------------------------------------

  private inject(e: PacketEvent): void {
    this.peerWscale = announcedWscale(e) ?? this.peerWscale;
    const seg = inboundSegment(e, this.localIsn, this.peerWscale);
    // A SYN at a listener makes a new child the socket under test (its ISN is yet to be learned).
    if (seg.flags.SYN && !seg.flags.ACK && (this.sut === 'listening' || this.sut === 'none')) this.sut = 'passive-syn';
    this.log(`< ${describe(seg, 'in', this.localIsn)}   (line ${e.line})`);
    this.steps?.push({ kind: 'in', t: this.now / US, line: e.line, seg });
    this.st.deliver(seg, this.now / US);
    this.collect();
    this.calls.retry();
  }

  /** Waits (in virtual time) for the stack's next segment and compares it with a `>` line. */
  private expect(e: PacketEvent, t: number | null): void {
    const tol = t === null || this.prevEventAt === null ? this.tolerance.usecs : tolerance(this.tolerance, t - this.prevEventAt);
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
      // Say what came next, if anything does: it tells a late segment from a missing one.
      for (let i = 0; i < 50 && this.outQ.length === 0 && this.nextTimer(); i++) this.fireNext();
      const next = this.outQ[0];
      fail(e.line, {
        code: 'nothing-sent',
        expected: describeExpected(e),
        ...(t === null ? {} : { by: fmtT(hi + tol) }),
        ...(next ? { next: { seg: describe(next.seg, 'out', this.localIsn), t: fmtT(next.t) } } : {}),
      });
    }
    const queued = this.steps ? this.outQ.slice() : null;
    const got = takeSegment(this.outQ, e);
    // recording: every queued segment the line took (a merged burst is several) is claimed by it
    if (queued) for (const o of queued.slice(0, queued.length - this.outQ.length)) this.claim(o, e.line);
    if (got.t < lo - tol || got.t > hi + tol) {
      const want = lo === hi ? { at: fmtT(lo) } : { within: [fmtT(lo), fmtT(hi)] as [string, string] };
      fail(e.line, { code: 'packet-timing', seg: describe(got.seg, 'out', this.localIsn), t: fmtT(got.t), ...want, tol });
    }
    compareSegment(e, got.seg, this.localIsn, !!this.opts.strict);
    this.prevEventAt = t ?? got.t;
    this.lastTime = got.t;
    this.now = Math.max(this.now, got.t);
  }

  private claim(o: Out, line: number): void {
    const step = this.outSteps.get(o);
    if (step) step.claimed = line;
    this.outSteps.delete(o);
  }

  // ---- commands and python ------------------------------------------------------------------

  private command(e: Extract<Event, { kind: 'command' }>): void {
    for (const a of parseCommand(e.command)) {
      if (a.kind === 'knobs') {
        Object.assign(this.overrides, a.set);
        if (this.stack) this.stack.reconfigure(resolveKnobs(this.opts.profile, this.overrides, 'sysctl'));
      } else if (a.kind === 'count') {
        const n = this.stack ? this.stack.countInState(a.state) : 0;
        this.log(`  sockstat: ${n} in ${a.state}`);
        if (n !== a.n) fail(e.line, { code: 'count', n: a.n, state: a.state, found: n });
      } else if (a.kind === 'sockstat') {
        const line = sockstatLine(this.stack ? this.stack.sockstat() : zeroSockstat());
        this.log(`  /proc/net/sockstat: ${line}`);
        // an extended regular expression reads the same in JavaScript, bar POSIX classes ([[:digit:]])
        let re: RegExp | null = null;
        try {
          if (!a.pattern.includes('[[:')) re = new RegExp(a.pattern);
        } catch {
          re = null;
        }
        if (!re) throw new Unsupported('command', `grep -Eq "${a.pattern}" /proc/net/sockstat`, e.line);
        if (!re.test(line)) fail(e.line, { code: 'sockstat', pattern: a.pattern, line });
      } else if (a.kind === 'drop') {
        if (a.state !== 'TIME_WAIT') throw new Unsupported('tcpdrop', a.state, e.line);
        // Dropping a TIME_WAIT socket is its timer expiring early.
        for (const s of this.stack?.allSocks() ?? []) {
          if (this.st.state(s.id) === 'TIME_WAIT') {
            this.timers.delete(`${s.id}:TIME_WAIT`);
            this.st.fire(s.id, 'TIME_WAIT', this.now / US);
          }
        }
        this.collect();
      } else if (a.kind === 'unsupported') throw new Unsupported(a.what.kind, a.what.what);
    }
  }

  /** `%{ assert tcpi_state == ... }%`: the state of the socket the last call concerned. */
  private python(e: Extract<Event, { kind: 'python' }>): void {
    const want = parsePython(e.code)!;
    const id = this.calls.lastSock;
    const got: TcpState = id === null ? 'CLOSED' : this.st.infoState(id);
    for (const w of want) if (got !== w) fail(e.line, { code: 'tcpi-state', got, want: w });
  }
}
