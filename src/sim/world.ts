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
import type { StackEffect, TimerName } from '../tcp/stack/effects.ts';
import type { AppResult } from '../tcp/stack/sockets.ts';
import { resultText } from '../tcp/stack/sockets.ts';
import { Stack } from '../tcp/stack/stack.ts';
import type { StackSnapshot } from '../tcp/stack/stack.ts';
import type { TcpState } from '../tcp/states.ts';
import { PeerApp } from './app.ts';
import type { AppSnapshot } from './app.ts';
import type { ScheduledStep, StepAction, WorldConfig } from './config.ts';
import { HOSTS, isNetStep } from './config.ts';
import type { LinkState } from './link.ts';
import { checkLinkConfig, parseFlagFilter, transmit } from './link.ts';
import { EventQueue, toSeconds, toUs } from './queue.ts';
import type { Queued } from './queue.ts';
import { Rng } from './rng.ts';
import { PeerSummary } from './summary.ts';
import type { SummarySnapshot } from './summary.ts';
import type { Direction, NetAction, PeerName, PeerView, SegmentView, TraceEvent, TraceSegment } from './types.ts';
import { otherPeer, PEERS } from './types.ts';

type Item =
  | { kind: 'deliver'; to: PeerName; seg: number }
  | { kind: 'drop'; to: PeerName; seg: number; reason: string }
  | { kind: 'timer'; peer: PeerName; sock: number; timer: TimerName; setAt: number; key: number }
  | { kind: 'step'; index: number };

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
  private timerKeys = new Map<string, number>();
  private nextTimerKey = 1;
  private whenFired: boolean[];
  /** `when` steps not fired yet, by the `peer:STATE` they wait for, in step order */
  private whenPending = new Map<string, number[]>();

  constructor(cfg: WorldConfig = {}) {
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
      client: new Stack({ knobs: this.knobs, rand32, ephemeralBase: 40000, engine: this.engine }),
      server: new Stack({ knobs: this.knobs, rand32, ephemeralBase: 50000, engine: this.engine }),
    };
    this.apps = { client: new PeerApp('client', this.stacks.client), server: new PeerApp('server', this.stacks.server) };
    this.steps = cfg.steps ?? [];
    this.retain = cfg.retain;
    this.whenFired = this.steps.map(() => false);
    this.indexWhenSteps();
    this.steps.forEach((s, index) => {
      if ('at' in s) {
        if (!(s.at >= 0)) throw new InputError(`steps[${index}].at`, `expected a time >= 0 seconds, got ${s.at}`);
        this.queue.push(toUs(s.at), { kind: 'step', index });
      }
    });
  }

  /** virtual seconds */
  get now(): number {
    return toSeconds(this.nowUs);
  }

  // ---- driving ---------------------------------------------------------------

  /** Time of the next event, or null when nothing is scheduled. */
  nextEventAt(): number | null {
    this.skipStale();
    const q = this.queue.peek();
    return q ? toSeconds(q.t) : null;
  }

  /** Time of the next timer expiry, or null. */
  nextTimerAt(): number | null {
    let best: number | null = null;
    for (const q of this.queue.entries()) {
      if (q.item.kind === 'timer' && this.isLive(q) && (best === null || q.t < best)) best = q.t;
    }
    return best === null ? null : toSeconds(best);
  }

  /** Process the next event; false when the queue is empty. */
  step(): boolean {
    this.skipStale();
    const q = this.queue.pop();
    if (!q) return false;
    this.nowUs = Math.max(this.nowUs, q.t);
    this.handle(q);
    this.afterEvent();
    return true;
  }

  /** Process every event up to `t` seconds and leave the clock at `t`. */
  runUntil(t: number): void {
    const limit = toUs(t);
    for (;;) {
      this.skipStale();
      const q = this.queue.peek();
      if (!q || q.t > limit) break;
      this.step();
    }
    this.nowUs = Math.max(this.nowUs, limit);
  }

  /** Run until nothing is left or `maxSeconds` is reached. */
  runToEnd(maxSeconds = 100_000): void {
    while (this.nextEventAt() !== null && (this.nextEventAt() ?? 0) <= maxSeconds) this.step();
  }

  private skipStale(): void {
    for (;;) {
      const q = this.queue.peek();
      if (!q || this.isLive(q)) return;
      this.queue.pop();
    }
  }

  private isLive(q: Queued<Item>): boolean {
    const it = q.item;
    if (it.kind !== 'timer') return true;
    return this.timerKeys.get(`${it.peer}:${it.sock}:${it.timer}`) === it.key;
  }

  private handle(q: Queued<Item>): void {
    const it = q.item;
    switch (it.kind) {
      case 'deliver': {
        const s = this.segment(it.seg);
        const stack = this.stacks[it.to];
        if (stack.down) {
          this.markDropped(s, it.to, 'host-down');
          return;
        }
        s.status = 'delivered';
        this.record({ type: 'deliver', peer: it.to, seg: traceSeg(s) });
        stack.deliver(s.raw, this.now);
        this.apply(it.to, stack.drain());
        return;
      }
      case 'drop':
        this.markDropped(this.segment(it.seg), it.to, it.reason);
        return;
      case 'timer': {
        this.timerKeys.delete(`${it.peer}:${it.sock}:${it.timer}`);
        this.record({ type: 'timer', peer: it.peer, sock: it.sock, timer: it.timer, action: 'fire' });
        this.stacks[it.peer].fire(it.sock, it.timer, this.now);
        this.apply(it.peer, this.stacks[it.peer].drain());
        return;
      }
      case 'step':
        this.runStep(it.index);
        return;
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
      const events = this.apps[p].react(this.now);
      for (const e of events) this.record({ type: 'app', peer: p, sock: e.sock, call: e.call, result: e.result });
      this.apply(p, this.stacks[p].drain());
    }
    // Only the steps waiting for a state a peer is in now are looked at: linear in steps overall.
    const due: number[] = [];
    for (const p of PEERS) {
      const key = `${p}:${this.apps[p].state()}`;
      const waiting = this.whenPending.get(key);
      if (!waiting) continue;
      this.whenPending.delete(key);
      due.push(...waiting);
    }
    due.sort((a, b) => a - b);
    for (const i of due) {
      const s = this.steps[i]!;
      this.whenFired[i] = true;
      this.queue.push(this.nowUs + toUs(('after' in s ? s.after : undefined) ?? 0), { kind: 'step', index: i });
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
    this.record({ type: 'app', peer: p, sock: r.sock ?? undefined, call: a.do, result: resultText(r) });
    this.apply(p, this.stacks[p].drain());
    this.afterEvent();
    return r;
  }

  host(p: PeerName, what: 'crash' | 'reboot'): void {
    if (what === 'crash') this.stacks[p].crash();
    else this.stacks[p].reboot();
    this.apps[p].hostEvent(what);
    this.record({ type: 'app', peer: p, call: what, result: '0' });
    this.apply(p, this.stacks[p].drain());
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

  private apply(peer: PeerName, effects: StackEffect[]): void {
    for (const e of effects) {
      switch (e.kind) {
        case 'send':
          this.send(peer, e.sock, e.seg, e.rtx);
          break;
        case 'state':
          this.record({ type: 'state', peer, sock: e.sock, from: e.from, to: e.to, cause: e.cause });
          this.apps[peer].onState(e.sock, e.from, e.to);
          break;
        case 'timer': {
          const key = `${peer}:${e.sock}:${e.timer}`;
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
          break;
      }
    }
  }

  private send(from: PeerName, sock: number, seg: Segment, rtx: boolean): void {
    const to = otherPeer(from);
    const tcb = sock ? this.stacks[from].tcb(sock) : undefined;
    const id = this.segBase + this.segments.length + 1;
    const s: SentSegment = {
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
      relSeq: tcb ? (seg.seq - tcb.iss) >>> 0 : seg.seq,
      relAck: tcb && seg.flags.ACK ? (seg.ack - tcb.irs) >>> 0 : seg.ack,
      sentAt: this.now,
      arriveAt: this.now + this.link.cfg.delay,
      status: 'in-flight',
      retransmit: rtx,
      ...(seg.tlp ? { tlp: true } : {}),
      ...(tcb && tcb.cwnd > 0 ? { cwnd: tcb.cwnd } : {}),
      raw: seg,
      doneUs: this.nowUs,
    };
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
    const ev = { t: round6(this.now), ...e } as TraceEvent;
    if (ev.sock === undefined) delete ev.sock;
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
    return this.segBase + this.segments.length;
  }

  /** A peer's state path (newest `n` entries) and last call results, at a cost independent of the run's length. */
  summary(p: PeerName, n = 200): { history: PeerView['history']; lastResults: PeerView['lastResults'] } {
    return { history: this.summaries[p].pathTail(n), lastResults: this.summaries[p].lastResults() };
  }

  timers(): { peer: PeerName; sock: number; timer: TimerName; setAt: number; due: number }[] {
    const out = [];
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
      timerKeys: [...this.timerKeys],
      nextTimerKey: this.nextTimerKey,
      whenFired: [...this.whenFired],
    };
  }

  restore(s: WorldSnapshot): void {
    this.nowUs = s.nowUs;
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
    this.timerKeys = new Map(s.timerKeys);
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
      const key = `${s.when.peer}:${s.when.state}`;
      const list = this.whenPending.get(key);
      if (list) list.push(i);
      else this.whenPending.set(key, [i]);
    });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function traceSeg(s: SegmentView): TraceSegment {
  return { id: s.id, flags: s.flags, seq: s.seq, ack: s.ack, len: s.len, win: s.win };
}

export { HOSTS };
