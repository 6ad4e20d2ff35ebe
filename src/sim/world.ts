/**
 * The world: two hosts, a link and a virtual clock, run as a deterministic
 * discrete-event simulation. Everything that happens is appended to the trace
 * (DESIGN.md "Trace"); everything the UI draws is read from `view()`.
 */
import { InputError, resolveKnobs } from '../tcp/knobs.ts';
import type { Knobs, Profile } from '../tcp/knobs.ts';
import type { Segment } from '../tcp/segment.ts';
import { flagList } from '../tcp/segment.ts';
import type { Engine } from '../tcp/stack/conn.ts';
import { ENGINES } from '../tcp/stack/conn.ts';
import type { TimerName } from '../tcp/stack/effects.ts';
import type { AppResult } from '../tcp/stack/sockets.ts';
import { resultText } from '../tcp/stack/sockets.ts';
import type { EffectList } from '../tcp/stack/effectlist.ts';
import { Stack } from '../tcp/stack/stack.ts';
import type { StackSnapshot } from '../tcp/stack/stack.ts';
import type { Tcb } from '../tcp/tcb.ts';
import type { TcpState } from '../tcp/states.ts';
import { stateIndex, TCP_STATES } from '../tcp/states.ts';
import { TIMER_NAMES } from '../tcp/stack/effects.ts';
import { timerIndex } from '../tcp/machine/fx.ts';
import { PeerApp } from './app.ts';
import type { AppSnapshot } from './app.ts';
import type { ScheduledStep, StepAction, WorldConfig } from './config.ts';
import { HOSTS, isNetStep } from './config.ts';
import type { LinkState } from './link.ts';
import { checkLinkConfig, parseFlagFilter, transmit } from './link.ts';
import { LeanTimers } from './leantimers.ts';
import { LoadApp } from './load.ts';
import { EventQueue, toSeconds, toUs } from './queue.ts';
import type { Queued } from './queue.ts';
import { relativeNumbers } from './relative.ts';
import { Rng } from './rng.ts';
import { Sched } from './sched.ts';
import { PeerSummary } from './summary.ts';
import type { SummarySnapshot } from './summary.ts';
import type { Direction, NetAction, PeerName, PeerView, SegmentView, TraceEvent, TraceSegment } from './types.ts';
import { otherPeer, PEERS } from './types.ts';

type Item =
  | { kind: 'deliver'; to: PeerName; seg: number }
  | { kind: 'drop'; to: PeerName; seg: number; reason: string }
  | { kind: 'timer'; peer: PeerName; sock: number; timer: TimerName; setAt: number; key: number }
  | { kind: 'step'; index: number }
  | { kind: 'arrival' };

/** Per-state connection counts of both hosts at a whole virtual second (samples: see WorldConfig). */
export interface WorldSample {
  t: number;
  client: Record<TcpState, number>;
  server: Record<TcpState, number>;
}

// The lean queue's event kinds (Sched): a = peer (0 client, 1 server) unless said otherwise.
const L_DELIVER = 0; // o = the segment
const L_TIMER = 1; // a = its LeanTimers record, b = the generation it carries (the record's carrier, or a stale event)
const L_STEP = 2; // a = step index
const L_ARRIVAL = 3;
/** FIFO lanes of the lean queue: deliveries (constant link delay), then one per timer name (constant lengths: TIME_WAIT, FIN_WAIT_2) */
const LANE_DELIVER = 0;
const LANES = 1 + TIMER_NAMES.length;
/** A trace event without its `sock` key (an event about no socket carries none). */
function withoutSock<E extends { sock?: number }>(e: E): Omit<E, 'sock'> {
  const { sock: _none, ...rest } = e;
  return rest;
}

/** A timer's numeric key: socket, timer and peer in one small integer. */
const timerKey = (peer: PeerName, sock: number, timer: TimerName): number => (sock * 8 + timerIndex(timer)) * 2 + (peer === 'client' ? 0 : 1);
/** A timer key as snapshots write it, `peer:sock:TIMER` (the format they had when the keys were strings). */
const timerKeyText = (key: number): string => `${(key & 1) === 0 ? 'client' : 'server'}:${Math.floor(key / 16)}:${TIMER_NAMES[(key >> 1) & 7]}`;
function timerKeyOfText(text: string): number {
  const [peer, sock, timer] = text.split(':');
  const code = TIMER_NAMES.indexOf(timer as TimerName);
  if ((peer !== 'client' && peer !== 'server') || code < 0 || !(Number(sock) >= 0)) throw new Error(`bad timer key ${JSON.stringify(text)} in a world snapshot`);
  return timerKey(peer, Number(sock), timer as TimerName);
}
/** The key of the `when` steps waiting for `peer` to be in `state` (a number: none built per event). */
const whenKey = (peer: PeerName, state: TcpState): number => (peer === 'client' ? 0 : 64) + stateIndex(state);

interface SentSegment extends SegmentView {
  raw: Segment;
  /** when the last delivery or drop queued for it is due, µs: after that it never changes */
  doneUs: number;
}

export interface WorldSnapshot {
  nowUs: number;
  rng: number;
  queue: ReturnType<EventQueue<Item>['save']>;
  link: LinkState;
  stacks: Record<PeerName, StackSnapshot>;
  apps: Record<PeerName, AppSnapshot>;
  /** how many segments had been sent */
  segmentCount: number;
  /** the segments from the oldest one not done yet (references: only their status changes), with that status */
  pending: { seg: SentSegment; status: SegmentView['status']; dropReason: string | undefined }[];
  traceLength: number;
  /**
   * With `retain`: the newest events and segments (references; done segments and events never
   * change), so a restore after they were trimmed from the world still shows recent history.
   */
  traceTail: TraceEvent[];
  segmentTail: SentSegment[];
  summaries: Record<PeerName, SummarySnapshot>;
  timerKeys: [string, number][];
  nextTimerKey: number;
  whenFired: boolean[];
}

export class World {
  readonly scenario: string;
  readonly profile: Profile;
  readonly seed: number;
  readonly knobs: Knobs;
  readonly engine: Engine;
  readonly steps: readonly ScheduledStep[];
  readonly trace: TraceEvent[] = [];

  private nowUs = 0;
  /**
   * nowUs in seconds, kept with it: one number per clock move, not one per reader. Created
   * as a non-number so the field stays "tagged": it holds the heap number made once per clock
   * move, and every call and record given `now` shares it (a field created as a number would
   * hold it unboxed, and box it anew for each reader; see the Stack's TIME_FIELD).
   */
  private nowS = '' as unknown as number;
  private rng: Rng;
  private queue = new EventQueue<Item>();
  private link: LinkState;
  readonly stacks: Record<PeerName, Stack>;
  readonly apps: Record<PeerName, PeerApp>;
  /** the newest segments (all of them unless `retain` is set); segments[i] has id segBase + i + 1 */
  private segments: SentSegment[] = [];
  private segBase = 0;
  /** trace[i] is event number traceBase + i of the run */
  private traceBase = 0;
  private readonly retain: WorldConfig['retain'];
  private summaries: Record<PeerName, PeerSummary> = { client: new PeerSummary('client'), server: new PeerSummary('server') };
  /** running timers' generations by timerKey() (numeric: no key string per timer set, fire or check) */
  private timerKeys = new Map<number, number>();
  private nextTimerKey = 1;
  private whenFired: boolean[];
  /** `when` steps not fired yet, by the `peer:STATE` they wait for, in step order */
  private whenPending = new Map<number, number[]>();

  /**
   * Lean mode (`WorldConfig.lean`): no trace, segment list, summaries or snapshots; the
   * queue is `sched` (typed arrays, a FIFO for constant-delay deliveries) and timers are
   * numeric keys with generations in `leanTimers` (re-arms deferred to one queued carrier per key).
   */
  readonly lean: boolean;
  private sched: Sched<Segment> | null = null;
  /** built in lean mode only: a full-trace World (made by the thousand in tests and benches) never needs its typed arrays */
  private leanTimers: LeanTimers | null = null;
  /**
   * The queued timer event skipStale() found due to fire (its slot, -1: none): the checks before
   * the pop (several per event) need not look at it again. Any timer set or cancel forgets it.
   */
  private firing = -1;
  /** the load of many connections (WorldConfig.load), or null */
  readonly load: LoadApp | null = null;
  /** per-second samples (WorldConfig.samples; always in lean mode) */
  readonly samples: WorldSample[] = [];
  private readonly sampling: boolean;
  private nextSampleUs = 1_000_000;
  /** segments put on the wire and segments lost or refused, in lean mode (no segment list) */
  private leanSent = 0;
  private leanDropped = 0;

  constructor(cfg: WorldConfig = {}) {
    this.nowS = 0; // the field was created tagged (above); the clock starts at 0
    this.scenario = cfg.scenario ?? 'custom';
    this.profile = cfg.profile ?? 'linux';
    this.seed = cfg.seed ?? 1;
    if (!Number.isInteger(this.seed) || this.seed < 0) throw new InputError('seed', `expected a non-negative integer, got ${this.seed}`);
    this.knobs = resolveKnobs(this.profile, cfg.set ?? {});
    this.engine = cfg.engine ?? 'derived';
    if (!ENGINES.includes(this.engine)) throw new InputError('engine', `unknown engine ${JSON.stringify(this.engine)}; allowed: ${ENGINES.join(', ')}`);
    this.link = { cfg: checkLinkConfig(cfg.link ?? {}), partitioned: false, dropNext: [] };
    this.rng = new Rng(this.seed);
    const rand32 = () => this.rng.u32();
    this.stacks = {
      // lean: nothing outside the stacks keeps a TCB, so the stacks reuse those of connections gone
      client: new Stack({ knobs: this.knobs, rand32, ephemeralBase: 40000, engine: this.engine, recycle: cfg.lean ?? false, causes: !cfg.lean }),
      server: new Stack({ knobs: this.knobs, rand32, ephemeralBase: 50000, engine: this.engine, recycle: cfg.lean ?? false, causes: !cfg.lean }),
    };
    this.apps = { client: new PeerApp('client', this.stacks.client), server: new PeerApp('server', this.stacks.server) };
    this.steps = cfg.steps ?? [];
    this.retain = cfg.retain;
    this.lean = cfg.lean ?? false;
    this.sampling = cfg.samples ?? this.lean;
    if (this.lean) {
      this.sched = new Sched<Segment>(LANES);
      this.leanTimers = new LeanTimers();
    }
    this.whenFired = this.steps.map(() => false);
    this.indexWhenSteps();
    this.steps.forEach((s, index) => {
      if ('at' in s) {
        if (!(s.at >= 0)) throw new InputError(`steps[${index}].at`, `expected a time >= 0 seconds, got ${s.at}`);
        this.pushStep(toUs(s.at), index);
      }
    });
    if (cfg.load) {
      const rec = this.lean ? null : (peer: PeerName, sock: number, call: string, result: string) => this.record({ type: 'app', peer, sock, call, result });
      this.load = new LoadApp(cfg.load, this.stacks.client, this.stacks.server, this.rng, rec);
      this.flush('server');
      if (this.load.arrivalUs(0) >= 0) this.pushArrival(this.load.arrivalUs(0));
    }
  }

  private pushStep(t: number, index: number): void {
    if (this.sched) this.sched.push(t, L_STEP, index);
    else this.queue.push(t, { kind: 'step', index });
  }

  private pushArrival(t: number): void {
    if (this.sched) this.sched.push(t, L_ARRIVAL);
    else this.queue.push(t, { kind: 'arrival' });
  }

  /** virtual seconds */
  get now(): number {
    return this.nowS;
  }

  /** Moves the clock (never backwards) and its seconds twin together. */
  private advance(us: number): void {
    if (us > this.nowUs) {
      this.nowUs = us;
      this.nowS = toSeconds(us);
    }
  }

  /** `stacks[peer]` without a keyed read: one site reading both names would go megamorphic. */
  private stackOf(peer: PeerName): Stack {
    return peer === 'client' ? this.stacks.client : this.stacks.server;
  }
  private appOf(peer: PeerName): PeerApp {
    return peer === 'client' ? this.apps.client : this.apps.server;
  }

  // ---- driving ---------------------------------------------------------------

  /** Time of the next event, or null when nothing is scheduled. */
  nextEventAt(): number | null {
    this.skipStale();
    if (this.sched) {
      const s = this.sched.peek();
      return s < 0 ? null : toSeconds(this.sched.timeOf(s));
    }
    const q = this.queue.peek();
    return q ? toSeconds(q.t) : null;
  }

  /** Time of the next timer expiry, or null. */
  nextTimerAt(): number | null {
    let best: number | null = null;
    if (this.sched) {
      for (const s of this.sched.slotsQueued()) {
        const r = this.sched.kindOf(s) === L_TIMER ? this.runningCarried(s) : -1;
        const t = r >= 0 ? this.leanTimers!.dueOf(r) : 0;
        if (r >= 0 && (best === null || t < best)) best = t;
      }
      return best === null ? null : toSeconds(best);
    }
    for (const q of this.queue.entries()) {
      if (q.item.kind === 'timer' && this.isLive(q) && (best === null || q.t < best)) best = q.t;
    }
    return best === null ? null : toSeconds(best);
  }

  /** Process the next event; false when the queue is empty. */
  step(): boolean {
    this.skipStale();
    if (this.sched) return this.stepLean();
    const q = this.queue.pop();
    if (!q) return false;
    if (this.sampling) this.sampleBefore(q.t);
    this.advance(q.t);
    this.handle(q);
    this.afterEvent();
    return true;
  }

  /** Process every event up to `t` seconds and leave the clock at `t`. */
  runUntil(t: number): void {
    const limit = toUs(t);
    const q = this.sched;
    if (q) {
      // lean: one stale-timer skip and one peek per event (step() would repeat both)
      for (;;) {
        this.skipStale();
        const s = q.peek();
        if (s < 0 || q.timeOf(s) > limit) break;
        this.stepLean();
      }
    }
    for (;;) {
      const next = this.peekUs();
      if (next < 0 || next > limit) break;
      this.step();
    }
    this.advance(limit);
    if (this.sampling) this.sampleBefore(limit + 1);
  }

  /** Run until nothing is left or `maxSeconds` is reached. */
  runToEnd(maxSeconds = 100_000): void {
    for (;;) {
      const next = this.peekUs();
      if (next < 0 || toSeconds(next) > maxSeconds) return;
      this.step();
    }
  }

  /** Time of the next live event in µs, or -1. */
  private peekUs(): number {
    this.skipStale();
    if (this.sched) {
      const s = this.sched.peek();
      return s < 0 ? -1 : this.sched.timeOf(s);
    }
    const q = this.queue.peek();
    return q ? q.t : -1;
  }

  private skipStale(): void {
    const q = this.sched;
    if (q) {
      const timers = this.leanTimers!;
      for (;;) {
        const s = q.peek();
        if (s < 0 || q.kindOf(s) !== L_TIMER || s === this.firing) return;
        const r = q.aOf(s);
        const g = q.bOf(s);
        const carries = timers.carries(r, g);
        if (carries && timers.genOf(r) === g) {
          // the timer fires: kept for the checks and the pop that follow (until a timer changes)
          this.firing = s;
          return;
        }
        q.pop();
        if (!carries) continue; // stale: a carrier replaced by an earlier one
        const running = timers.genOf(r);
        if (running < 0) {
          timers.release(r);
          continue;
        }
        // re-armed later while this carrier was queued: the timer is queued at its own time and number now
        timers.carry(r);
        q.push(timers.dueOf(r), L_TIMER, r, running, undefined, 1 + ((timers.keyOf(r) >> 1) & 7), timers.numOf(r));
      }
    }
    for (;;) {
      const q = this.queue.peek();
      if (!q || this.isLive(q)) return;
      this.queue.pop();
    }
  }

  private isLive(q: Queued<Item>): boolean {
    const it = q.item;
    if (it.kind !== 'timer') return true;
    return this.timerKeys.get(timerKey(it.peer, it.sock, it.timer)) === it.key;
  }

  /** The LeanTimers record of a queued timer event that carries a running timer, else -1. */
  private runningCarried(s: number): number {
    const r = this.sched!.aOf(s);
    return this.leanTimers!.carries(r, this.sched!.bOf(s)) && this.leanTimers!.genOf(r) >= 0 ? r : -1;
  }

  /** Takes the samples of every whole second before `us` (events at the second itself come first). */
  private sampleBefore(us: number): void {
    while (this.nextSampleUs < us) {
      this.samples.push({ t: this.nextSampleUs / 1_000_000, client: countsOf(this.stacks.client), server: countsOf(this.stacks.server) });
      this.nextSampleUs += 1_000_000;
    }
  }

  private handle(q: Queued<Item>): void {
    const it = q.item;
    switch (it.kind) {
      case 'deliver': {
        const s = this.segment(it.seg);
        const stack = this.stackOf(it.to);
        if (stack.down) {
          this.markDropped(s, it.to, 'host-down');
          return;
        }
        s.status = 'delivered';
        this.record({ type: 'deliver', peer: it.to, seg: traceSeg(s) });
        const sock = stack.deliver(s.raw, this.now);
        this.load?.touch(it.to, sock);
        this.flush(it.to);
        return;
      }
      case 'drop':
        this.markDropped(this.segment(it.seg), it.to, it.reason);
        return;
      case 'timer': {
        this.timerKeys.delete(timerKey(it.peer, it.sock, it.timer));
        this.record({ type: 'timer', peer: it.peer, sock: it.sock, timer: it.timer, action: 'fire' });
        this.stackOf(it.peer).fire(it.sock, it.timer, this.now);
        this.flush(it.peer);
        return;
      }
      case 'step':
        this.runStep(it.index);
        return;
      case 'arrival':
        this.arrive();
        return;
    }
  }

  /** The lean twin of step() and handle(): the same events in the same order, nothing recorded. */
  private stepLean(): boolean {
    const q = this.sched!;
    const slot = q.pop();
    if (slot < 0) return false;
    // read the slot before anything is pushed (pushing may reuse it)
    const t = q.timeOf(slot);
    const kind = q.kindOf(slot);
    const a = q.aOf(slot);
    const seg = kind === L_DELIVER ? q.takeObj(slot) : undefined;
    if (this.sampling) this.sampleBefore(t);
    this.advance(t);
    switch (kind) {
      case L_DELIVER: {
        const to: PeerName = a === 0 ? 'client' : 'server';
        const stack = this.stackOf(to);
        if (stack.down) {
          this.leanDropped++;
          break;
        }
        const sock = stack.deliver(seg!, this.now);
        this.load?.touch(to, sock);
        this.flush(to);
        break;
      }
      case L_TIMER: {
        // skipStale() let it through: it carries its record's running timer (a: the record)
        const key = this.leanTimers!.keyOf(a);
        this.leanTimers!.release(a);
        this.firing = -1;
        const peer: PeerName = (key & 1) === 0 ? 'client' : 'server';
        this.stackOf(peer).fire(Math.floor(key / 16), TIMER_NAMES[(key >> 1) & 7]!, this.now);
        this.flush(peer);
        break;
      }
      case L_STEP:
        this.runStep(a);
        break;
      case L_ARRIVAL:
        this.arrive();
        break;
    }
    this.afterEvent();
    return true;
  }

  /** The load's next connection arrives (WorldConfig.load). */
  private arrive(): void {
    const load = this.load!;
    load.arrive(this.now);
    this.flush('client');
    const next = load.arrivalUs(load.opened);
    if (next >= 0) this.pushArrival(next);
  }

  /** Applies a host's effects, and the load's reactions to them, until the host has nothing more to say. */
  private flush(peer: PeerName): void {
    const stack = this.stackOf(peer);
    const load = this.load;
    for (;;) {
      // the list stays as it is until the next drainList(): apply() drains nothing
      const fx = stack.drainList();
      if (fx.length > 0) this.apply(peer, fx);
      else if (!load?.pendingFor(peer)) return;
      if (load?.pendingFor(peer)) load.react(peer, this.now);
    }
  }

  private markDropped(s: SentSegment, to: PeerName, reason: string): void {
    if (s.status !== 'in-flight') return;
    s.status = 'dropped';
    s.dropReason = reason;
    this.record({ type: 'drop', peer: to, seg: traceSeg(s), reason });
  }

  /** After every event: applications react (read, accept) and state-triggered steps fire. */
  private afterEvent(): void {
    for (const p of PEERS) {
      const app = this.appOf(p);
      // an application with no socket has nothing to react to (the load's have their own, effect-driven)
      if (app.idle) continue;
      const events = app.react(this.now);
      if (!this.lean) for (const e of events) this.record({ type: 'app', peer: p, sock: e.sock, call: e.call, result: e.result });
      this.flush(p);
    }
    if (this.whenPending.size === 0) return;
    // Only the steps waiting for a state a peer is in now are looked at: linear in steps overall.
    const due: number[] = [];
    for (const p of PEERS) {
      const key = whenKey(p, this.apps[p].state());
      const waiting = this.whenPending.get(key);
      if (!waiting) continue;
      this.whenPending.delete(key);
      due.push(...waiting);
    }
    due.sort((a, b) => a - b);
    for (const i of due) {
      const s = this.steps[i]!;
      this.whenFired[i] = true;
      this.pushStep(this.nowUs + toUs(('after' in s ? s.after : undefined) ?? 0), i);
    }
  }

  private runStep(index: number): void {
    const s = this.steps[index]!;
    try {
      this.perform(s);
    } catch (e) {
      if (e instanceof InputError) throw new InputError(`steps[${index}]`, e.message);
      throw e;
    }
  }

  // ---- actions ------------------------------------------------------------------

  /** Perform one action now: an app call, a host action, a behaviour switch or a network change. */
  perform(a: StepAction): AppResult | null {
    if (isNetStep(a)) {
      this.net(a);
      return null;
    }
    const p = a.peer;
    if (a.do === 'crash' || a.do === 'reboot') {
      this.host(p, a.do);
      return null;
    }
    if (a.do === 'never-close' || a.do === 'auto-read') {
      this.apps[p].setBehaviour(a.do, a.on);
      return null;
    }
    const r = this.apps[p].call(a, this.now);
    if (!this.lean) this.record({ type: 'app', peer: p, sock: r.sock ?? undefined, call: a.do, result: resultText(r) });
    this.flush(p);
    this.afterEvent();
    return r;
  }

  host(p: PeerName, what: 'crash' | 'reboot'): void {
    if (what === 'crash') this.stacks[p].crash();
    else this.stacks[p].reboot();
    this.apps[p].hostEvent(what);
    if (!this.lean) this.record({ type: 'app', peer: p, call: what, result: '0' });
    this.flush(p);
  }

  net(a: NetAction): void {
    const where = 'net';
    switch (a.net) {
      case 'drop-next':
        if (a.dir !== 'client->server' && a.dir !== 'server->client') throw new InputError(`${where}.dir`, `expected client->server or server->client, got ${JSON.stringify(a.dir)}`);
        this.link.dropNext.push({ dir: a.dir, flags: parseFlagFilter(a.flags, `${where}.flags`) });
        return;
      case 'loss':
        this.link.cfg = checkLinkConfig({ ...this.link.cfg, loss: a.percent }, 'net');
        return;
      case 'delay':
        this.link.cfg = checkLinkConfig({ ...this.link.cfg, delay: a.seconds }, 'net');
        return;
      case 'partition':
        this.link.partitioned = true;
        return;
      case 'heal':
        this.link.partitioned = false;
        return;
      default:
        throw new InputError(`${where}.net`, `unknown network action ${JSON.stringify((a as { net: unknown }).net)}; allowed: drop-next, loss, delay, partition, heal`);
    }
  }

  get linkState(): Readonly<LinkState> {
    return this.link;
  }

  // ---- effects ------------------------------------------------------------------

  private apply(peer: PeerName, effects: EffectList): void {
    if (this.lean) {
      this.applyLean(peer, effects);
      return;
    }
    for (let i = 0; i < effects.length; i++) {
      const e = effects.at(i);
      switch (e.kind) {
        case 'send':
          this.send(peer, e.sock, e.seg, e.rtx);
          break;
        case 'state':
          this.record({ type: 'state', peer, sock: e.sock, from: e.from, to: e.to, cause: e.cause });
          this.appOf(peer).onState(e.sock, e.from, e.to);
          this.load?.touch(peer, e.sock);
          break;
        case 'timer': {
          const key = timerKey(peer, e.sock, e.timer);
          if (e.action === 'set') {
            const due = this.nowUs + toUs(e.delay ?? 0);
            const k = this.nextTimerKey++;
            this.timerKeys.set(key, k);
            this.queue.push(due, { kind: 'timer', peer, sock: e.sock, timer: e.timer, setAt: this.nowUs, key: k });
            this.record({ type: 'timer', peer, sock: e.sock, timer: e.timer, action: 'set', due: toSeconds(due) });
          } else if (this.timerKeys.delete(key)) {
            this.record({ type: 'timer', peer, sock: e.sock, timer: e.timer, action: 'cancel' });
          }
          break;
        }
        case 'app':
          this.record({ type: 'app', peer, sock: e.sock, call: e.call, result: e.result });
          if (e.call === 'connect') this.load?.touch(peer, e.sock);
          break;
      }
    }
  }

  /** apply() without a trace: timers as numeric keys in the lean queue, segments straight onto the link. */
  private applyLean(peer: PeerName, effects: EffectList): void {
    const q = this.sched!;
    for (let i = 0; i < effects.length; i++) {
      const e = effects.at(i);
      switch (e.kind) {
        case 'send':
          this.sendLean(peer, e.seg);
          break;
        case 'state':
          this.appOf(peer).onState(e.sock, e.from, e.to);
          this.load?.touch(peer, e.sock);
          break;
        case 'timer': {
          const key = timerKey(peer, e.sock, e.timer);
          this.firing = -1;
          if (e.action === 'set') {
            const gen = this.nextTimerKey++;
            const due = this.nowUs + toUs(e.delay ?? 0);
            const n = q.reserve();
            const r = this.leanTimers!.set(key, gen, due, n);
            if (r >= 0) q.push(due, L_TIMER, r, gen, undefined, 1 + timerIndex(e.timer), n);
          } else this.leanTimers!.cancel(key);
          break;
        }
        case 'app':
          if (e.call === 'connect') this.load?.touch(peer, e.sock);
          break;
      }
    }
  }

  /**
   * send() without a segment list: the link's verdict, then deliveries in the lean queue. A
   * quiet link (no loss, jitter, duplication, partition or drop rule) draws nothing from the
   * RNG in transmit() either, so the fast path keeps both modes' RNG streams equal.
   */
  private sendLean(from: PeerName, seg: Segment): void {
    this.leanSent++;
    const to = from === 'client' ? 1 : 0;
    const l = this.link;
    const c = l.cfg;
    if (!l.partitioned && l.dropNext.length === 0 && c.loss === 0 && c.jitter === 0 && c.duplicate === 0) {
      this.sched!.push(this.nowUs + toUs(c.delay), L_DELIVER, to, 0, seg, LANE_DELIVER);
      return;
    }
    const v = transmit(l, seg, from === 'client' ? 'client->server' : 'server->client', this.rng);
    if ('drop' in v) {
      this.leanDropped++;
      return;
    }
    for (const d of v.arrivals) this.sched!.push(this.nowUs + toUs(d), L_DELIVER, to, 0, seg, LANE_DELIVER);
  }

  /**
   * The receiving peer's connection a segment sent without a socket belongs to (a RST from a
   * closed port): its ports mirrored. Rare, so a plain search is fine.
   */
  private mirrorTcb(to: PeerName, seg: Segment): Tcb | undefined {
    for (const s of this.stacks[to].allSocks()) if (s.localPort === seg.dstPort && s.remotePort === seg.srcPort && s.conn) return s.conn.tcb;
    return undefined;
  }

  private send(from: PeerName, sock: number, seg: Segment, rtx: boolean): void {
    const to = otherPeer(from);
    const tcb = sock ? this.stacks[from].tcb(sock) : undefined;
    const id = this.segBase + this.segments.length + 1;
    const rel = relativeNumbers(seg, tcb, tcb ? undefined : this.mirrorTcb(to, seg));
    const s = {
      id,
      from,
      to,
      flags: flagList(seg.flags),
      seq: seg.seq,
      ack: seg.ack,
      len: seg.len,
      win: seg.win,
      srcPort: seg.srcPort,
      dstPort: seg.dstPort,
      relSeq: rel.relSeq,
      relAck: rel.relAck,
      sentAt: this.now,
      arriveAt: this.now + this.link.cfg.delay,
      status: 'in-flight',
      retransmit: rtx,
    } as SentSegment;
    // the optional keys go in place (not spread from throw-away objects), in the order views and JSON show them
    if (seg.tlp) s.tlp = true;
    if (tcb && tcb.cwnd > 0) s.cwnd = tcb.cwnd;
    s.raw = seg;
    s.doneUs = this.nowUs;
    this.segments.push(s);
    this.record({ type: 'send', peer: from, sock: sock || undefined, seg: traceSeg(s), ...(rtx ? { retransmit: true } : {}), ...(seg.tlp ? { tlp: true } : {}) });
    const dir: Direction = from === 'client' ? 'client->server' : 'server->client';
    const v = transmit(this.link, seg, dir, this.rng);
    if ('drop' in v) {
      const at = this.nowUs + toUs(this.link.cfg.delay / 2);
      s.arriveAt = this.now + this.link.cfg.delay;
      s.dropAt = toSeconds(at);
      s.doneUs = at;
      this.queue.push(at, { kind: 'drop', to, seg: id, reason: v.drop });
      return;
    }
    s.arriveAt = this.now + v.arrivals[0]!;
    for (const d of v.arrivals) {
      const due = this.nowUs + toUs(d);
      s.doneUs = Math.max(s.doneUs, due);
      this.queue.push(due, { kind: 'deliver', to, seg: id });
    }
    this.trimSegments();
  }

  /** A segment a queued delivery or drop refers to: never trimmed, since it is not done. */
  private segment(id: number): SentSegment {
    return this.segments[id - 1 - this.segBase]!;
  }

  /** With `retain`, forgets the oldest segments that nothing will touch again (amortized O(1)). */
  private trimSegments(): void {
    const keep = this.retain?.segments;
    if (keep === undefined || this.segments.length <= 2 * keep) return;
    let cut = 0;
    const limit = this.segments.length - keep;
    while (cut < limit && this.segments[cut]!.doneUs < this.nowUs) cut++;
    if (cut === 0) return;
    this.segments.splice(0, cut);
    this.segBase += cut;
  }

  private record(e: DistributiveOmit<TraceEvent, 't'>): void {
    // no `delete` of an absent socket afterwards: that would turn the event into a slow dictionary object
    const ev = (e.sock === undefined && 'sock' in e ? { t: round6(this.now), ...withoutSock(e) } : { t: round6(this.now), ...e }) as TraceEvent;
    this.trace.push(ev);
    this.summaries.client.record(ev);
    this.summaries.server.record(ev);
    const keep = this.retain?.events;
    if (keep !== undefined && this.trace.length > 2 * keep) {
      const cut = this.trace.length - keep;
      this.trace.splice(0, cut);
      this.traceBase += cut;
    }
  }

  // ---- reading ------------------------------------------------------------------

  /** The segments kept (all, or the newest with `retain`), oldest first. */
  segmentViews(): readonly SegmentView[] {
    return this.segments;
  }

  /** How many events the run has recorded in all (the trace keeps the newest of them with `retain`). */
  get eventCount(): number {
    return this.traceBase + this.trace.length;
  }

  /** How many segments were sent in all. */
  get segmentCount(): number {
    return this.lean ? this.leanSent : this.segBase + this.segments.length;
  }

  /** Segments lost on the link or refused by a host that was down (lean mode counts them only). */
  get droppedCount(): number {
    return this.leanDropped;
  }

  /** A peer's state path (newest `n` entries) and last call results, at a cost independent of the run's length. */
  summary(p: PeerName, n = 200): { history: PeerView['history']; lastResults: PeerView['lastResults'] } {
    return { history: this.summaries[p].pathTail(n), lastResults: this.summaries[p].lastResults() };
  }

  /** The timers running; in lean mode `setAt` is not kept (NaN). */
  timers(): { peer: PeerName; sock: number; timer: TimerName; setAt: number; due: number }[] {
    const out = [];
    if (this.sched) {
      for (const s of this.sched.slotsQueued()) {
        const r = this.sched.kindOf(s) === L_TIMER ? this.runningCarried(s) : -1;
        if (r < 0) continue;
        const a = this.leanTimers!.keyOf(r);
        out.push({ peer: (a & 1) === 0 ? ('client' as const) : ('server' as const), sock: Math.floor(a / 16), timer: TIMER_NAMES[(a >> 1) & 7]!, setAt: NaN, due: toSeconds(this.leanTimers!.dueOf(r)) });
      }
    }
    for (const q of this.queue.entries()) {
      const it = q.item;
      if (it.kind === 'timer' && this.isLive(q)) out.push({ peer: it.peer, sock: it.sock, timer: it.timer, setAt: toSeconds(it.setAt), due: toSeconds(q.t) });
    }
    return out.sort((a, b) => a.due - b.due || a.peer.localeCompare(b.peer));
  }

  state(p: PeerName): TcpState {
    return this.apps[p].state();
  }

  toJSON(): { scenario: string; profile: Profile; seed: number; events: TraceEvent[] } {
    return { scenario: this.scenario, profile: this.profile, seed: this.seed, events: this.trace };
  }

  // ---- snapshots ----------------------------------------------------------------

  snapshot(): WorldSnapshot {
    if (this.lean || this.load) throw new Error(`a World ${this.lean ? 'in lean mode' : 'with a load'} keeps no snapshots`);
    return {
      nowUs: this.nowUs,
      rng: this.rng.state,
      queue: this.queue.save(),
      link: { cfg: { ...this.link.cfg }, partitioned: this.link.partitioned, dropNext: this.link.dropNext.map((r) => ({ ...r, flags: [...r.flags] })) },
      stacks: { client: this.stacks.client.save(), server: this.stacks.server.save() },
      apps: { client: this.apps.client.save(), server: this.apps.server.save() },
      segmentCount: this.segmentCount,
      pending: this.pendingSegments(),
      traceLength: this.eventCount,
      traceTail: this.retain ? this.trace.slice(-this.retain.events) : [],
      segmentTail: this.retain ? this.segments.slice(-this.retain.segments) : [],
      summaries: { client: this.summaries.client.save(), server: this.summaries.server.save() },
      timerKeys: [...this.timerKeys].map(([k, gen]): [string, number] => [timerKeyText(k), gen]),
      nextTimerKey: this.nextTimerKey,
      whenFired: [...this.whenFired],
    };
  }

  restore(s: WorldSnapshot): void {
    if (this.lean || this.load) throw new Error(`a World ${this.lean ? 'in lean mode' : 'with a load'} keeps no snapshots`);
    this.nowUs = s.nowUs;
    this.nowS = toSeconds(s.nowUs);
    this.rng.state = s.rng;
    this.queue.load(s.queue);
    this.link = { cfg: { ...s.link.cfg }, partitioned: s.link.partitioned, dropNext: s.link.dropNext.map((r) => ({ ...r, flags: [...r.flags] })) };
    this.stacks.client.load(s.stacks.client);
    this.stacks.server.load(s.stacks.server);
    this.apps.client.load(s.apps.client);
    this.apps.server.load(s.apps.server);
    this.restoreSegments(s);
    this.restoreTrace(s.traceLength, s.traceTail);
    this.summaries.client.load(s.summaries.client);
    this.summaries.server.load(s.summaries.server);
    this.timerKeys = new Map(s.timerKeys.map(([k, gen]) => [timerKeyOfText(k), gen]));
    this.nextTimerKey = s.nextTimerKey;
    this.whenFired = [...s.whenFired];
    this.indexWhenSteps();
  }

  /**
   * Snapshots do not copy the segments: those done (every delivery or drop handled) never change
   * again, so a snapshot holds the others by reference, with their status at the time.
   */
  private pendingSegments(): WorldSnapshot['pending'] {
    let i = this.segments.length;
    while (i > 0 && this.segments[i - 1]!.doneUs >= this.nowUs) i--;
    // earlier segments can still be pending (a longer delay set later): include them too
    for (let j = 0; j < i; j++) {
      if (this.segments[j]!.doneUs >= this.nowUs) {
        i = j;
        break;
      }
    }
    return this.segments.slice(i).map((seg) => ({ seg, status: seg.status, dropReason: seg.dropReason }));
  }

  /**
   * Back to the snapshot's segments: the kept ones sent before it (by truncation, or from its
   * tail if they were trimmed since, whichever shows more), then its pending ones as they were.
   */
  private restoreSegments(s: WorldSnapshot): void {
    const firstPending = s.segmentCount - s.pending.length + 1;
    const fromLive = this.segBase < firstPending ? this.segments.slice(0, Math.max(0, firstPending - 1 - this.segBase)) : [];
    const liveOk = this.segBase + fromLive.length === firstPending - 1;
    const fromTail = s.segmentTail.filter((x) => x.id < firstPending);
    const older = liveOk && fromLive.length >= fromTail.length ? fromLive : fromTail;
    for (const p of s.pending) {
      p.seg.status = p.status;
      if (p.dropReason === undefined) delete p.seg.dropReason;
      else p.seg.dropReason = p.dropReason;
    }
    this.segments = [...older, ...s.pending.map((p) => p.seg)];
    this.segBase = firstPending - 1 - older.length;
  }

  /** Back to the first `length` events: by truncation, or from the snapshot's tail if more were trimmed since. */
  private restoreTrace(length: number, tail: TraceEvent[]): void {
    const keep = length - this.traceBase;
    if (keep >= tail.length && keep <= this.trace.length) {
      this.trace.length = keep;
    } else {
      this.trace.splice(0, this.trace.length, ...tail);
      this.traceBase = length - tail.length;
    }
  }

  private indexWhenSteps(): void {
    this.whenPending.clear();
    this.steps.forEach((s, i) => {
      if (this.whenFired[i] || !('when' in s)) return;
      const key = whenKey(s.when.peer, s.when.state);
      const list = this.whenPending.get(key);
      if (list) list.push(i);
      else this.whenPending.set(key, [i]);
    });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** A stack's connections per state, as a sample records them (CLOSED: every connection there, descriptor open or not). */
function countsOf(stack: Stack): Record<TcpState, number> {
  const c = stack.stateCounts();
  const out = {} as Record<TcpState, number>;
  for (let i = 0; i < TCP_STATES.length; i++) out[TCP_STATES[i]!] = c[i]!;
  return out;
}

function traceSeg(s: SegmentView): TraceSegment {
  return { id: s.id, flags: s.flags, seq: s.seq, ack: s.ack, len: s.len, win: s.win };
}

export { HOSTS };
