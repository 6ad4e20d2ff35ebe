/**
 * The fleet: one busy server host, its clients and its backend, run as a deterministic
 * discrete-event simulation on a virtual clock. Every connection is a real endpoint of the
 * engine (src/tcp's Stack and its endpoint machine); this file is the hosts' plumbing around
 * them: the listener's two queues, the descriptor table, the port allocator, the network
 * between the hosts, and the applications. Samples are taken once per virtual second.
 */
import { toSeconds, toUs } from '../sim/queue.ts';
import { Rng } from '../sim/rng.ts';
import type { Segment } from '../tcp/segment.ts';
import { F_ACK, F_SYN, flagList, flagSet } from '../tcp/segment.ts';
import type { StackEffect, TimerName } from '../tcp/stack/effects.ts';
import { TIMER_NAMES } from '../tcp/stack/effects.ts';
import { Stack, timeoutCause } from '../tcp/stack/stack.ts';
import { EffectList } from '../tcp/stack/effectlist.ts';
import type { Sock } from '../tcp/stack/sockets.ts';
import type { TcpState } from '../tcp/states.ts';
import { BACKEND_PORT, CLIENT_PORT_BASE, clientAddress, SERVER_ADDR, SERVER_PORT, SPOOF_PORT_BASE } from './addresses.ts';
import type { AppMode, ClientBehaviour, FleetConfig, Mix, ServerConfig } from './config.ts';
import { APP_MODES, CLIENT_BEHAVIOURS, mergeMix } from './config.ts';
import type { FleetKnobs } from './knobs.ts';
import { checkKnobChain, resolveFleetKnobs } from './knobs.ts';
import { PortPool } from './ports.ts';
import { LaneQueue } from './lanes.ts';
import { IdTable } from './idtable.ts';
import type { FleetCounters, FleetErrors, Sample } from './sample.ts';
import { zeroCounters, zeroErrors } from './sample.ts';
import { Tally } from './tally.ts';
import { WeightedPick } from './pick.ts';
import type { Story } from './story.ts';
import { flag, TF } from '../tcp/tcb.ts';

const SERVER = 0;
const CLIENTS = 1;
const BACKEND = 2;
type HostId = typeof SERVER | typeof CLIENTS | typeof BACKEND;
type AppTimer = 'respond' | 'idle' | 'hold' | 'give-up' | 'vanish';
/** a vanishing client's host is gone this long after the response reached it */
const VANISH_AFTER = 0.5;

const RTO_TIMEOUT = timeoutCause('RTO');
const KEEPALIVE_TIMEOUT = timeoutCause('KEEPALIVE');

const DELIVER = 0;
const TIMER = 1;
const ARRIVAL = 2;
const APP = 3;
const CHANGE = 4;
type EvKind = typeof DELIVER | typeof TIMER | typeof ARRIVAL | typeof APP | typeof CHANGE;

/** the application timers, by their code in the queue */
const APP_TIMERS: readonly AppTimer[] = ['respond', 'idle', 'hold', 'give-up', 'vanish'];
const APP_CODE: Record<AppTimer, number> = { respond: 0, idle: 1, hold: 2, 'give-up': 3, vanish: 4 };

interface ServerConn {
  kind: 'server';
  sock: number;
  port: number;
  mode: AppMode | null;
  accepted: boolean;
  read: number;
  requested: boolean;
  responded: boolean;
  eof: boolean;
  closed: boolean;
  lastActivity: number;
  idleGen: number;
  story: Story | null;
}

interface ClientConn {
  kind: 'client';
  /** the arrival's number: a pooled record serves many connections, and an application timer
   * carries the number of the one it was set for */
  serial: number;
  sock: number;
  port: number;
  behaviour: ClientBehaviour;
  delay: number;
  loss: number;
  read: number;
  gotResponse: boolean;
  closed: boolean;
  story: Story | null;
  /** segments let through at the current instant (their flags, per direction): see lose() */
  passed: { at: number; dir: string; flags: string[] }[] | undefined;
  /** in the pool, waiting for another arrival */
  pooled: boolean;
}

interface Outbound {
  sock: number;
  port: number;
  for: ServerConn;
  read: number;
}

export interface FleetOptions {
  /** keep each live connection's story for drill-downs (costs memory per connection) */
  stories?: boolean;
  /** stop taking the `ss` lines (bench) */
  lean?: boolean;
}

const TIMER_INDEX: Record<TimerName, number> = Object.fromEntries(TIMER_NAMES.map((n, i) => [n, i])) as Record<TimerName, number>;

export class FleetSim {
  readonly cfg: FleetConfig;
  knobs: FleetKnobs;
  readonly samples: Sample[] = [];
  /** virtual times at which a change was applied (the chart's markers) */
  readonly markers: { t: number; index: number }[] = [];

  private nowUs = 0;
  /** the run's end, µs */
  private readonly endUs: number;
  private readonly rng: Rng;
  /**
   * Pending events, one row each: kind, host, socket, code (the timer or application timer),
   * number (a timer's generation, a client's serial, a change's index) and object (the segment
   * of a delivery, the connection of an application timer).
   */
  private readonly queue = new LaneQueue<Segment | ServerConn | ClientConn>();
  readonly stacks: [Stack, Stack, Stack];
  private readonly listener: number;
  /** the listener's socket record (read on every SYN and accept: one lookup at the start) */
  private readonly listenSock: Sock;
  private readonly backendListener: number;
  /** per host: the generation of each running timer (socket id × 8 + timer); an event of another generation is stale */
  private readonly timerGen = [new IdTable<number>(), new IdTable<number>(), new IdTable<number>()] as const;
  private nextGen = 1;

  private rate: number;
  private mix: Mix;
  /** the mix's draws, rebuilt when a what-if changes it */
  private clientPick: WeightedPick<ClientBehaviour>;
  private appPick: WeightedPick<AppMode>;
  /** the application's settings in force (a what-if may change them) */
  private app: ServerConfig;
  private nextArrivalUs = 0;
  private serial = 0;
  private spoofPort = SPOOF_PORT_BASE;
  /** clients whose host vanished: nothing reaches them or leaves them any more */
  private gone = new Set<number>();
  /** one way, client to server and back: the same for every client of a run */
  private readonly clientDelay: number;
  /** a client with a lossy link has arrived (until then no segment needs its client looked up) */
  private lossy = false;

  /** server side: client port -> connection; socket id -> connection */
  private readonly serverByPort = new IdTable<ServerConn>();
  private readonly serverBySock = new IdTable<ServerConn>();
  private readonly clientByPort = new IdTable<ClientConn>();
  private readonly clientBySock = new IdTable<ClientConn>();
  private outByPort = new Map<number, Outbound>();
  private outBySock = new Map<number, Outbound>();
  private backendBySock = new Map<number, { read: number; answered: boolean }>();
  private backendByPort = new Map<number, number>();
  private ports: PortPool;

  private fds = 1;
  private acceptReady = false;
  private cookieIss: number | null = null;
  private cookieSecret: number;
  private readonly opts: FleetOptions;
  /** the server host's census, kept as sockets change */
  private readonly tally: Tally;

  readonly errors: FleetErrors = zeroErrors();
  readonly counters: FleetCounters = zeroCounters();

  constructor(cfg: FleetConfig, opts: FleetOptions = {}) {
    this.cfg = cfg;
    this.opts = opts;
    checkKnobChain(cfg.set, cfg.changes);
    this.knobs = resolveFleetKnobs(cfg.set);
    this.rng = new Rng(cfg.seed);
    this.cookieSecret = new Rng(cfg.seed ^ 0x5eed).u32();
    this.endUs = toUs(cfg.minutes * 60);
    this.rate = cfg.rate;
    this.mix = cfg.mix;
    this.clientPick = new WeightedPick(this.mix.clients, CLIENT_BEHAVIOURS);
    this.appPick = new WeightedPick(this.mix.app, APP_MODES);
    this.clientDelay = cfg.clients.rtt / 2;
    this.app = { ...cfg.server };
    const rand = () => this.rng.u32();
    const serverRand = () => {
      const c = this.cookieIss;
      this.cookieIss = null;
      return c ?? this.rng.u32();
    };
    const defaults = resolveFleetKnobs({});
    // Every lookup below goes through a socket id, and ids are never reused, so the hosts can hand
    // a forgotten connection's records to the next one (StackOptions.recycle).
    this.stacks = [
      new Stack({ knobs: this.knobs.engine, rand32: serverRand, recycle: true }),
      // The clients run with the server's sysctls: the two-peer World a drill-down replays in
      // has one knob set for both peers, and a connection's story must play out the same there.
      new Stack({ knobs: this.knobs.engine, rand32: rand, ephemeralBase: CLIENT_PORT_BASE, recycle: true }),
      new Stack({ knobs: defaults.engine, rand32: rand, recycle: true }),
    ];
    this.ports = new PortPool(this.knobs.host.ip_local_port_range);
    const server = this.stacks[SERVER];
    this.listener = server.socket();
    server.bind(this.listener, SERVER_PORT);
    server.listen(this.listener, cfg.server.backlog, 0);
    // The host enforces Linux's two queues itself (both bounded by the backlog capped by somaxconn,
    // see admitSyn()); the stack's single combined limit must not bite first.
    this.listenSock = server.sock(this.listener)!;
    this.listenSock.backlog = 1 << 30;
    const backend = this.stacks[BACKEND];
    this.backendListener = backend.socket();
    backend.bind(this.backendListener, BACKEND_PORT);
    backend.listen(this.backendListener, 65535, 0);
    backend.sock(this.backendListener)!.backlog = 1 << 30;
    for (const h of [SERVER, CLIENTS, BACKEND] as const) this.stacks[h].drain();
    this.tally = new Tally(server);
    cfg.changes.forEach((c, index) => this.push(toUs(c.at), CHANGE, SERVER, 0, 0, index, null));
    if (this.rate > 0) this.push(0, ARRIVAL, SERVER, 0, 0, 0, null);
  }

  /** virtual seconds */
  get now(): number {
    return toSeconds(this.nowUs);
  }

  get duration(): number {
    return this.cfg.minutes * 60;
  }

  get done(): boolean {
    return this.samples.length >= Math.floor(this.duration + 1e-9);
  }

  get server(): Stack {
    return this.stacks[SERVER];
  }

  /** Runs up to virtual time `t` (seconds), sampling at every whole second on the way. */
  runUntil(t: number): void {
    const end = Math.min(t, this.duration);
    for (;;) {
      const nextSample = this.samples.length + 1;
      const stop = Math.min(end, nextSample);
      this.processUntil(toUs(stop));
      if (stop === nextSample && nextSample <= end) this.sample(nextSample);
      else break;
    }
  }

  run(): Sample[] {
    this.runUntil(this.duration);
    return this.samples;
  }

  private processUntil(limitUs: number): void {
    const q = this.queue;
    while (q.next(limitUs)) {
      this.nowUs = Math.max(this.nowUs, q.t);
      this.handle(q.k as EvKind, q.host as HostId);
    }
    this.nowUs = Math.max(this.nowUs, limitUs);
  }

  /** The event the queue just took (its fields are the queue's until the next one). */
  private handle(k: EvKind, host: HostId): void {
    const q = this.queue;
    switch (k) {
      case DELIVER:
        if (host === SERVER) this.deliverToServer(q.obj as Segment);
        else if (host === CLIENTS) this.deliverToClients(q.obj as Segment);
        else this.deliverToBackend(q.obj as Segment);
        return;
      case TIMER: {
        const gens = this.timerGen[host];
        const key = q.sock * 8 + q.code;
        if (gens.get(key) !== q.num) return;
        gens.delete(key);
        this.stacks[host].fire(q.sock, TIMER_NAMES[q.code]!, this.now);
        this.flush(host);
        // a timer can move a socket into a TIME_WAIT bucket without a change of state (an orphan's
        // FIN_WAIT_2 past tcp_fin_timeout's first part): recounted here, as a state change is
        if (host === SERVER) this.tally.touch(q.sock);
        if (host === SERVER) this.acceptLoop();
        return;
      }
      case ARRIVAL:
        this.arrival();
        return;
      case APP:
        this.appTimer(APP_TIMERS[q.code]!, q.obj as ServerConn | ClientConn, q.num);
        return;
      case CHANGE:
        this.applyChange(q.num);
        return;
    }
  }

  // ---- the network ------------------------------------------------------------

  private route(from: HostId, seg: Segment): void {
    if (from === SERVER) {
      if (seg.flags.RST) this.counters.OutRsts++;
      if (seg.dstPort === BACKEND_PORT && seg.srcPort !== SERVER_PORT) {
        this.schedule(BACKEND, seg, this.backendDelay());
        return;
      }
      // a spoofed source or a client whose host is gone: nobody answers
      if (seg.dstPort >= SPOOF_PORT_BASE || (this.gone.size > 0 && this.gone.has(seg.dstPort))) return;
      if (this.lossy) {
        const c = this.clientByPort.get(seg.dstPort);
        if (c && c.loss > 0 && this.lose(c, 'server->client', seg)) return;
      }
      // a client whose socket is gone still has a host: its stack answers with a RST
      this.schedule(CLIENTS, seg, this.clientDelay);
      return;
    }
    if (from === BACKEND) {
      this.schedule(SERVER, seg, this.backendDelay());
      return;
    }
    if (this.gone.size > 0 && this.gone.has(seg.srcPort)) return;
    if (this.lossy) {
      const c = this.clientByPort.get(seg.srcPort);
      if (c && c.loss > 0 && this.lose(c, 'client->server', seg)) return;
    }
    this.schedule(SERVER, seg, this.clientDelay);
  }

  private lose(c: ClientConn, dir: 'client->server' | 'server->client', seg: Segment): boolean {
    const list = flagList(seg.flags);
    // A drop-next rule set just before this segment would take an earlier one of the same instant
    // whose flags include these; such a segment is not lost, so the World's replay drops the same one.
    c.passed = (c.passed ?? []).filter((p) => p.at === this.now);
    const shadowed = c.passed.some((p) => p.dir === dir && list.every((f) => p.flags.includes(f)));
    if (shadowed || this.rng.next() * 100 >= c.loss) {
      c.passed.push({ at: this.now, dir, flags: [...list] });
      return false;
    }
    // Replayed in the World as a drop-next rule just before the segment leaves.
    const flags = list.join(',');
    this.note(c.story, Math.max(0, this.now - 1e-6), { net: 'drop-next', dir, flags });
    return true;
  }

  /** A segment from the client the host dropped on arrival, replayed as a drop-next rule set just before the client sent it. */
  private noteDropped(story: Story, seg: Segment): void {
    const flags = flagList(seg.flags).join(',');
    this.note(story, Math.max(0, this.now - story.delay - 1e-6), { net: 'drop-next', dir: 'client->server', flags });
  }

  private backendDelay(): number {
    return (this.cfg.backend?.rtt ?? 0.002) / 2;
  }

  /** Queues an event (see `queue`); one due after the run's end would never be handled, so it is not kept. */
  private push(t: number, k: EvKind, host: HostId, sock: number, code: number, num: number, obj: Segment | ServerConn | ClientConn | null): void {
    if (t <= this.endUs) this.queue.push(t, this.nowUs, k, host, sock, code, num, obj);
  }

  private pushApp(t: number, what: AppTimer, conn: ServerConn | ClientConn): void {
    this.push(t, APP, SERVER, 0, APP_CODE[what], conn.kind === 'client' ? conn.serial : 0, conn);
  }

  private schedule(to: HostId, seg: Segment, delay: number): void {
    this.push(this.nowUs + toUs(delay), DELIVER, to, 0, 0, 0, seg);
  }

  /** Applies a host's effects until its stack has nothing more to say. */
  private flush(host: HostId): void {
    const stack = this.stacks[host];
    while (stack.pending > 0) {
      // a list of effects per nesting level (an effect's handler may flush again): no array per drain
      const fx = stack.swapOut(this.freeLists.pop() ?? new EffectList());
      for (let i = 0; i < fx.length; i++) this.effect(host, fx.at(i));
      fx.clear();
      this.freeLists.push(fx);
    }
  }
  /** emptied effect lists, for flush() */
  private freeLists: EffectList[] = [];

  private effect(host: HostId, e: StackEffect): void {
    switch (e.kind) {
      case 'send':
        this.route(host, e.seg);
        return;
      case 'timer': {
        const gens = this.timerGen[host];
        const key = timerKey(e.sock, e.timer);
        if (e.action === 'set') {
          const gen = this.nextGen++;
          gens.set(key, gen);
          this.push(this.nowUs + toUs(e.delay ?? 0), TIMER, host, e.sock, TIMER_INDEX[e.timer], gen, null);
        } else gens.delete(key);
        return;
      }
      case 'state':
        if (host === SERVER) this.tally.touch(e.sock);
        if (host === SERVER) this.serverState(e.sock, e.from, e.to, e.cause);
        else if (host === CLIENTS) this.clientState(e.sock, e.to);
        else this.backendState(e.sock, e.from, e.to);
        return;
      case 'app':
        if (e.call !== 'connect') return;
        if (host === CLIENTS) this.clientConnected(e.sock, e.result);
        else if (host === SERVER) this.outboundConnected(e.sock, e.result);
        return;
    }
  }

  // ---- the server host ---------------------------------------------------------

  private deliverToServer(seg: Segment): void {
    const stack = this.stacks[SERVER];
    if (seg.dstPort === SERVER_PORT) {
      const c = this.serverByPort.get(seg.srcPort);
      if (!c) {
        if (seg.flags.SYN && !seg.flags.ACK && !seg.flags.RST) {
          if (!this.admitSyn(seg)) return;
        } else if (seg.flags.ACK && !seg.flags.SYN && !seg.flags.RST && this.knobs.host.tcp_syncookies > 0) {
          if (!this.cookieAck(seg)) return;
        }
      } else if (seg.flags.ACK && !seg.flags.SYN && !seg.flags.RST && stack.state(c.sock) === 'SYN_RCVD' && this.acceptQueueFull()) {
        // The handshake's last ACK finds the accept queue full: Linux counts it twice, as every
        // overflow: ListenOverflows, then ListenDrops (tcp_v4_syn_recv_sock()'s exit). With
        // tcp_abort_on_overflow = 0 the ACK is dropped and the request stays: its SYN,ACK goes
        // out again and the client's answer meets the queue again.
        this.errors.ListenOverflows++;
        this.counters.ListenDrops++;
        if (this.knobs.host.tcp_abort_on_overflow === 1) this.abortRequest(c, seg);
        // the drill-down's World has no accept queue: its replay loses this segment on the way
        else if (c.story) this.noteDropped(c.story, seg);
        return;
      }
    }
    stack.deliver(seg, this.now);
    this.flush(SERVER);
    if (seg.dstPort === SERVER_PORT) {
      const c = this.serverByPort.get(seg.srcPort);
      if (c?.accepted && !c.closed) this.serverReadable(c);
    } else {
      const o = this.outByPort.get(seg.dstPort);
      if (o) this.outboundReadable(o);
    }
    this.acceptLoop();
  }

  /**
   * tcp_abort_on_overflow = 1, as Linux 6.18 does it (tcp_check_req()'s embryonic reset, measured
   * in a network namespace): the request is dropped (EmbryonicRsts) and the ACK is answered as the
   * listener answers any ACK it holds no request for, with a bare RST whose sequence number is the
   * ACK's acknowledgment number. The client, ESTABLISHED since it sent that ACK, is reset by it
   * (its next recv() or send() fails with ECONNRESET).
   */
  private abortRequest(c: ServerConn, seg: Segment): void {
    const stack = this.stacks[SERVER];
    stack.dropRequest(c.sock);
    this.counters.EmbryonicRsts++;
    this.tally.touch(c.sock);
    this.forgetServer(c);
    stack.deliver(seg, this.now);
    this.flush(SERVER);
  }

  /** sk_max_ack_backlog: the listen() backlog capped by somaxconn; it bounds both queues. */
  private maxAckBacklog(): number {
    return Math.min(this.cfg.server.backlog, this.knobs.engine.somaxconn);
  }

  private acceptQueueFull(): boolean {
    return this.listenSock.acceptQueue.length > this.maxAckBacklog();
  }

  /**
   * A SYN for the listener, decided as Linux 6.18's tcp_conn_request() does (measured in a network
   * namespace with spoofed SYNs): the SYN queue is full when it holds more requests than the
   * listen() backlog (capped by somaxconn): listen(8) keeps 9 in SYN_RECV, whatever
   * tcp_max_syn_backlog. Then a cookie, or without cookies a drop (ListenDrops only). A full accept
   * queue then drops the SYN, a would-be cookie too (ListenOverflows + ListenDrops). Without cookies,
   * tcp_max_syn_backlog keeps its last quarter for peers proven alive: tcp_max_syn_backlog 16 keeps
   * 13. The fleet's peers are many addresses with no TCP metrics, none proven.
   */
  private admitSyn(seg: Segment): boolean {
    const queued = this.listenSock.children.length;
    const cookies = this.knobs.host.tcp_syncookies;
    let cookie = false;
    if (cookies === 2 || queued > this.maxAckBacklog()) {
      if (cookies === 0) {
        this.counters.ListenDrops++;
        return false;
      }
      cookie = true;
    }
    if (this.acceptQueueFull()) {
      this.errors.ListenOverflows++;
      this.counters.ListenDrops++;
      return false;
    }
    const maxSyn = this.knobs.host.tcp_max_syn_backlog;
    if (!cookie && cookies === 0 && maxSyn - queued < maxSyn >> 2) {
      this.counters.ListenDrops++;
      return false;
    }
    if (!cookie) return true;
    // A SYN cookie: the SYN,ACK's sequence number encodes the connection; no state is kept.
    this.counters.SyncookiesSent++;
    const k = this.knobs.engine;
    this.route(SERVER, { srcPort: SERVER_PORT, dstPort: seg.srcPort, seq: this.cookie(seg.srcPort, seg.seq), ack: (seg.seq + 1) >>> 0, flags: flagSet(F_SYN | F_ACK), len: 0, win: Math.min(k.rcv_wnd, 65535), mss: k.mss });
    return false;
  }

  private cookie(port: number, seq: number): number {
    let h = (this.cookieSecret ^ Math.imul(port, 0x9e3779b1)) >>> 0;
    h = Math.imul(h ^ seq ^ (h >>> 16), 0x85ebca6b) >>> 0;
    return (h ^ (h >>> 13)) >>> 0;
  }

  /**
   * The ACK of a cookie SYN,ACK: the connection is rebuilt from the cookie, as Linux does, by
   * replaying the client's SYN into the listener with the cookie as our ISS; the SYN,ACK that
   * replay produces was already sent (it was the cookie), so it is not sent again. A valid cookie
   * meeting a full accept queue is an overflow like any other (ListenOverflows + ListenDrops, Linux
   * 6.18 measured), and the ACK is dropped without a RST whatever tcp_abort_on_overflow says: there
   * is no request to reset. False: the segment is consumed.
   */
  private cookieAck(seg: Segment): boolean {
    const isn = (seg.seq - 1) >>> 0;
    const iss = this.cookie(seg.srcPort, isn);
    if (seg.ack !== ((iss + 1) >>> 0)) return true;
    if (this.acceptQueueFull()) {
      this.errors.ListenOverflows++;
      this.counters.ListenDrops++;
      return false;
    }
    const stack = this.stacks[SERVER];
    this.cookieIss = iss;
    stack.deliver({ srcPort: seg.srcPort, dstPort: SERVER_PORT, seq: isn, ack: 0, flags: flagSet(F_SYN), len: 0, win: seg.win, mss: 1460 }, this.now);
    this.cookieIss = null;
    for (const e of stack.drain()) if (e.kind !== 'send') this.effect(SERVER, e);
    return true;
  }

  private serverState(sock: number, from: TcpState, to: TcpState, cause: string): void {
    const stack = this.stacks[SERVER];
    if (from === 'LISTEN' && to === 'SYN_RCVD' && sock !== this.listener) {
      const port = stack.sock(sock)?.remotePort ?? 0;
      const story = this.storyFor(port);
      const c: ServerConn = { kind: 'server', sock, port, mode: null, accepted: false, read: 0, requested: false, responded: false, eof: false, closed: false, lastActivity: this.now, idleGen: 0, story };
      this.serverByPort.set(port, c);
      this.serverBySock.set(sock, c);
    }
    const c = this.serverBySock.get(sock);
    if (c?.story) c.story.path.push({ t: this.now, from, to, cause });
    if (to === 'ESTABLISHED' && from === 'SYN_RCVD') this.acceptReady = true;
    // Linux counts TCPAbortOnTimeout in tcp_write_err(): a socket given up after its retransmissions
    // (tcp_retries2, tcp_orphan_retries) or keepalive probes; a TIME_WAIT or an orphan's FIN_WAIT_2
    // running out counts nothing, nor does a SYN queue entry (kernel 6.18)
    if (to === 'CLOSED' && from !== 'SYN_RCVD' && (cause === RTO_TIMEOUT || cause === KEEPALIVE_TIMEOUT)) this.counters.TCPAbortOnTimeout++;
    if (to === 'CLOSED' && cause.includes('tcp_max_tw_buckets')) this.counters.TwOverflow++;
    // a request reset by its client's RST is an embryonic reset too (kernel 6.18: EmbryonicRsts, the request dropped)
    if (from === 'SYN_RCVD' && to === 'LISTEN') this.counters.EmbryonicRsts++;
    const o = this.outBySock.get(sock);
    if (o) {
      if (to === 'TIME_WAIT') this.ports.enteredTimeWait(o.port, sock, this.now);
      if (to === 'CLOSED') this.outboundClosed(o);
      return;
    }
    if (!c) return;
    if (to === 'CLOSED' || to === 'LISTEN') {
      if (!stack.sock(sock)) this.forgetServer(c);
      else if (c.accepted && !c.closed && c.mode !== 'leak') this.serverClose(c); // the app sees the error and closes
    }
  }

  private forgetServer(c: ServerConn): void {
    if (this.serverByPort.get(c.port) === c) this.serverByPort.delete(c.port);
    this.serverBySock.delete(c.sock);
  }

  /** The application accepts while it has descriptors; at the limit accept() fails with EMFILE. */
  private acceptLoop(): void {
    if (!this.acceptReady) return;
    this.acceptReady = false;
    const stack = this.stacks[SERVER];
    const l = this.listenSock;
    while (l.acceptQueue.length > 0) {
      if (this.fds >= this.knobs.host.ulimit_n) {
        this.errors.EMFILE++;
        return;
      }
      const r = stack.accept(this.listener);
      if (!r.ok || r.value === undefined) return;
      this.tally.touch(r.value);
      this.fds++;
      this.counters.Accepted++;
      const c = this.serverBySock.get(r.value);
      if (!c) continue;
      c.accepted = true;
      c.mode = this.appPick.draw(this.rng);
      c.lastActivity = this.now;
      if (c.story) c.story.mode = c.mode;
      const kaCfg = this.app.keepalive;
      const ka = kaCfg === true ? { idle: this.knobs.engine.tcp_keepalive_time, intvl: this.knobs.engine.tcp_keepalive_intvl, cnt: this.knobs.engine.tcp_keepalive_probes } : kaCfg;
      if (ka) {
        stack.setKeepalive(c.sock, 'TCP_KEEPIDLE', ka.idle, this.now);
        stack.setKeepalive(c.sock, 'TCP_KEEPINTVL', ka.intvl, this.now);
        stack.setKeepalive(c.sock, 'TCP_KEEPCNT', ka.cnt, this.now);
        stack.setKeepalive(c.sock, 'SO_KEEPALIVE', 1, this.now);
        if (c.story) this.note(c.story, this.now, { peer: 'server', do: 'keepalive', on: true, idle: ka.idle, intvl: ka.intvl, cnt: ka.cnt });
        this.flush(SERVER);
      }
      this.armIdle(c);
      this.serverReadable(c);
    }
  }

  private armIdle(c: ServerConn): void {
    const t = this.app.read_timeout;
    if (t > 0) this.pushApp(toUs(c.lastActivity + t), 'idle', c);
  }

  private serverReadable(c: ServerConn): void {
    const stack = this.stacks[SERVER];
    const tcb = stack.tcb(c.sock);
    if (!tcb) return;
    if (tcb.unread > 0) {
      const r = stack.recv(c.sock, tcb.unread, this.now);
      if (r.ok) c.read += r.value ?? 0;
      c.lastActivity = this.now;
      this.flush(SERVER);
    }
    if (!c.requested && c.read >= this.cfg.server.request_bytes) {
      c.requested = true;
      this.pushApp(this.nowUs + toUs(this.cfg.server.respond_after), 'respond', c);
    }
    if (flag(tcb, TF.peerFin) && tcb.unread === 0 && !c.eof) {
      c.eof = true;
      if (c.mode === 'wait-close' && c.responded) this.serverClose(c);
    }
  }

  private respond(c: ServerConn): void {
    if (c.closed) return;
    const b = this.cfg.backend;
    if (b && b.per_request > 0 && this.rng.next() < b.per_request) {
      if (this.callBackend(c)) return;
    }
    this.answer(c);
  }

  private answer(c: ServerConn): void {
    if (c.closed || c.responded) return;
    c.responded = true;
    const stack = this.stacks[SERVER];
    const st = stack.state(c.sock);
    if (st === 'ESTABLISHED' || st === 'CLOSE_WAIT') {
      stack.send(c.sock, this.cfg.server.response_bytes, this.now);
      if (c.story) this.note(c.story, this.now, { peer: 'server', do: 'send', bytes: this.cfg.server.response_bytes });
      this.flush(SERVER);
    }
    c.lastActivity = this.now;
    if (c.mode === 'close-first' || (c.mode === 'wait-close' && c.eof)) this.serverClose(c);
  }

  private serverClose(c: ServerConn): void {
    if (c.closed) return;
    c.closed = true;
    this.fds--;
    this.acceptReady = true;
    if (c.story) this.note(c.story, this.now, { peer: 'server', do: 'close' });
    this.stacks[SERVER].close(c.sock, this.now);
    this.tally.touch(c.sock);
    this.flush(SERVER);
    if (!this.stacks[SERVER].sock(c.sock)) this.forgetServer(c);
  }

  // ---- the server as a client of its backend -----------------------------------------

  /** One backend request for `c`; false when it could not even start (EMFILE, EADDRNOTAVAIL). */
  private callBackend(c: ServerConn): boolean {
    const stack = this.stacks[SERVER];
    if (this.fds >= this.knobs.host.ulimit_n) {
      this.errors.EMFILE++;
      return false;
    }
    const reuse = this.knobs.engine.tcp_tw_reuse === 1;
    const got = this.ports.take(this.now, reuse, (s) => stack.state(s) === 'TIME_WAIT');
    if (!got) {
      this.errors.EADDRNOTAVAIL++;
      return false;
    }
    const s = stack.socket();
    const r = stack.connect(s, BACKEND_PORT, this.now, got.port);
    this.tally.touch(s);
    // tcp_tw_reuse: connect() took the port over from a TIME_WAIT socket, which is gone now
    if (got.replaces !== null) this.tally.touch(got.replaces);
    if (r.errno !== 'EINPROGRESS') {
      stack.close(s, this.now);
      this.tally.touch(s);
      this.errors.EADDRNOTAVAIL++;
      return false;
    }
    if (got.replaces !== null) this.outBySock.delete(got.replaces);
    this.fds++;
    const o: Outbound = { sock: s, port: got.port, for: c, read: 0 };
    this.ports.hold(got.port, s);
    this.outByPort.set(got.port, o);
    this.outBySock.set(s, o);
    this.flush(SERVER);
    return true;
  }

  private outboundConnected(sock: number, result: string): void {
    const o = this.outBySock.get(sock);
    if (!o || result !== '0') return;
    this.stacks[SERVER].send(sock, this.cfg.backend?.request_bytes ?? 100, this.now);
  }

  private outboundReadable(o: Outbound): void {
    const stack = this.stacks[SERVER];
    const tcb = stack.tcb(o.sock);
    const s = stack.sock(o.sock);
    if (!tcb || !s?.fdOpen) return;
    if (tcb.unread > 0) {
      const r = stack.recv(o.sock, tcb.unread, this.now);
      if (r.ok) o.read += r.value ?? 0;
    }
    if (o.read >= (this.cfg.backend?.response_bytes ?? 1)) {
      // The web server is done with the backend and closes first: TIME_WAIT is on this host.
      this.fds--;
      stack.close(o.sock, this.now);
      this.tally.touch(o.sock);
      this.flush(SERVER);
      this.answer(o.for);
    }
  }

  private outboundClosed(o: Outbound): void {
    const stack = this.stacks[SERVER];
    this.ports.release(o.port, o.sock);
    if (this.outByPort.get(o.port) === o) this.outByPort.delete(o.port);
    this.outBySock.delete(o.sock);
    if (stack.sock(o.sock)?.fdOpen) {
      // refused or reset before the answer: the application gives up on the backend
      this.fds--;
      stack.close(o.sock, this.now);
      this.tally.touch(o.sock);
      this.answer(o.for);
    }
  }

  // ---- the backend host ----------------------------------------------------------------

  private deliverToBackend(seg: Segment): void {
    const stack = this.stacks[BACKEND];
    stack.deliver(seg, this.now);
    this.flush(BACKEND);
    for (let r = stack.accept(this.backendListener); r.ok && r.value !== undefined; r = stack.accept(this.backendListener)) {
      this.backendBySock.set(r.value, { read: 0, answered: false });
    }
    const sock = this.backendByPort.get(seg.srcPort);
    const b = sock === undefined ? undefined : this.backendBySock.get(sock);
    if (sock === undefined || !b) return;
    const tcb = stack.tcb(sock);
    if (!tcb || !stack.sock(sock)?.fdOpen) return;
    if (tcb.unread > 0) {
      const r = stack.recv(sock, tcb.unread, this.now);
      if (r.ok) b.read += r.value ?? 0;
    }
    if (!b.answered && b.read >= (this.cfg.backend?.request_bytes ?? 1)) {
      b.answered = true;
      stack.send(sock, this.cfg.backend?.response_bytes ?? 1, this.now);
    }
    if (flag(tcb, TF.peerFin) && tcb.unread === 0) {
      stack.close(sock, this.now);
      this.backendBySock.delete(sock);
    }
    this.flush(BACKEND);
  }

  private backendState(sock: number, from: TcpState, to: TcpState): void {
    const stack = this.stacks[BACKEND];
    if (from === 'LISTEN' && to === 'SYN_RCVD') this.backendByPort.set(stack.sock(sock)?.remotePort ?? 0, sock);
    if (to === 'CLOSED' && stack.sock(sock)?.fdOpen) {
      stack.close(sock, this.now);
      this.backendBySock.delete(sock);
    }
  }

  // ---- the clients ------------------------------------------------------------------------

  private arrival(): void {
    this.counters.Arrivals++;
    const behaviour = this.clientPick.draw(this.rng);
    const delay = this.clientDelay;
    const serial = ++this.serial;
    if (behaviour === 'syn-flood') {
      const port = this.spoofPort++;
      const story = this.newStory(serial, port, behaviour, delay);
      // In the two-peer World: a client that sends its SYN and is unreachable from then on.
      if (story) this.note(story, this.now, { peer: 'client', do: 'connect' });
      if (story) this.note(story, this.now, { net: 'partition' });
      const k = this.stacks[CLIENTS].k;
      this.schedule(SERVER, { srcPort: port, dstPort: SERVER_PORT, seq: this.rng.u32(), ack: 0, flags: flagSet(F_SYN), len: 0, win: 65535, mss: k.mss }, delay);
    } else {
      const stack = this.stacks[CLIENTS];
      const s = stack.socket();
      const port = CLIENT_PORT_BASE + serial;
      const story = this.newStory(serial, port, behaviour, delay);
      if (behaviour === 'lossy' && this.cfg.clients.loss > 0) this.lossy = true;
      const c = this.clientRecord(serial, s, port, behaviour, delay, story);
      this.clientByPort.set(port, c);
      this.clientBySock.set(s, c);
      if (story) this.note(story, this.now, { peer: 'client', do: 'connect' });
      stack.connect(s, SERVER_PORT, this.now, port);
      this.flush(CLIENTS);
      this.pushApp(this.nowUs + toUs(this.cfg.clients.give_up), 'give-up', c);
    }
    this.scheduleArrival();
  }

  /**
   * A client's record, from the pool when one is free: tens of thousands are alive at once for
   * half a minute each, and fresh ones were copied through the young generation only to die in
   * the old one.
   */
  private clientRecord(serial: number, sock: number, port: number, behaviour: ClientBehaviour, delay: number, story: Story | null): ClientConn {
    const loss = behaviour === 'lossy' ? this.cfg.clients.loss : 0;
    const c = this.spareClients.pop();
    if (!c) return { kind: 'client', serial, sock, port, behaviour, delay, loss, read: 0, gotResponse: false, closed: false, story, passed: undefined, pooled: false };
    c.serial = serial;
    c.sock = sock;
    c.port = port;
    c.behaviour = behaviour;
    c.delay = delay;
    c.loss = loss;
    c.read = 0;
    c.gotResponse = false;
    c.closed = false;
    c.story = story;
    c.passed = undefined;
    c.pooled = false;
    return c;
  }

  /** `c` is out of both tables: nothing looks it up any more, and its pending timers see another serial once it is reused. */
  private releaseClient(c: ClientConn): void {
    // a vanishing client may have been forgotten already by its own close
    if (c.pooled) return;
    c.pooled = true;
    this.spareClients.push(c);
  }

  private readonly spareClients: ClientConn[] = [];

  private scheduleArrival(): void {
    if (this.rate <= 0) return;
    this.nextArrivalUs += Math.max(1, Math.round(1e6 / this.rate));
    this.push(this.nextArrivalUs, ARRIVAL, SERVER, 0, 0, 0, null);
  }

  private clientConnected(sock: number, result: string): void {
    const c = this.clientBySock.get(sock);
    if (!c) return;
    if (result !== '0') {
      this.clientClose(c);
      return;
    }
    this.stacks[CLIENTS].send(sock, this.cfg.server.request_bytes, this.now);
    if (c.story) this.note(c.story, this.now, { peer: 'client', do: 'send', bytes: this.cfg.server.request_bytes });
  }

  private deliverToClients(seg: Segment): void {
    if (this.gone.size > 0 && this.gone.has(seg.dstPort)) return; // the client's host vanished while this was in flight
    const stack = this.stacks[CLIENTS];
    stack.deliver(seg, this.now);
    this.flush(CLIENTS);
    const c = this.clientByPort.get(seg.dstPort);
    if (!c || c.closed) return;
    const tcb = stack.tcb(c.sock);
    if (!tcb) return;
    if (tcb.unread > 0) {
      const r = stack.recv(c.sock, tcb.unread, this.now);
      if (r.ok) c.read += r.value ?? 0;
      this.flush(CLIENTS);
    }
    if (!c.gotResponse && c.read >= this.cfg.server.response_bytes) {
      c.gotResponse = true;
      switch (c.behaviour) {
        case 'closes-first':
          this.clientClose(c);
          return;
        case 'vanish-after-fin':
          this.clientClose(c);
          this.vanish(c);
          return;
        case 'vanish-mid':
          // gone half a second later: its stack has acknowledged what it received (and a FIN with it)
          this.pushApp(this.nowUs + toUs(VANISH_AFTER), 'vanish', c);
          return;
        default:
          this.pushApp(this.nowUs + toUs(this.cfg.clients.hold), 'hold', c);
      }
    }
    // EOF: a well-behaved client closes its side too (a vanishing one never does)
    if (flag(tcb, TF.peerFin) && tcb.unread === 0 && !c.closed && c.behaviour !== 'vanish-mid') this.clientClose(c);
  }

  private clientClose(c: ClientConn): void {
    if (c.closed) return;
    c.closed = true;
    if (c.story) this.note(c.story, this.now, { peer: 'client', do: 'close' });
    this.stacks[CLIENTS].close(c.sock, this.now);
    this.flush(CLIENTS);
  }

  /** The client's host is gone: nothing more leaves it or reaches it (a partition, in the World). */
  private vanish(c: ClientConn): void {
    if (c.story) this.note(c.story, this.now, { net: 'partition' });
    this.gone.add(c.port);
    this.clientByPort.delete(c.port);
    this.clientBySock.delete(c.sock);
    this.releaseClient(c);
    const stack = this.stacks[CLIENTS];
    // An orphan already closed keeps retransmitting its FIN into the void until it gives up.
    if (stack.sock(c.sock)?.fdOpen) stack.abort(c.sock, this.now);
    this.flush(CLIENTS); // its RST goes nowhere: the client is no longer routed
  }

  private clientState(sock: number, to: TcpState): void {
    if (to !== 'CLOSED') return;
    const c = this.clientBySock.get(sock);
    if (!c) return;
    const stack = this.stacks[CLIENTS];
    if (stack.sock(sock)?.fdOpen) {
      c.closed = true;
      stack.close(sock, this.now);
    }
    this.clientByPort.delete(c.port);
    this.clientBySock.delete(sock);
    this.releaseClient(c);
  }

  // ---- application timers ---------------------------------------------------------------

  private appTimer(what: AppTimer, conn: ServerConn | ClientConn, serial: number): void {
    if (conn.kind === 'server') {
      if (what === 'respond') this.respond(conn);
      else if (what === 'idle' && !conn.closed && this.serverBySock.get(conn.sock) === conn) {
        const t = this.app.read_timeout;
        const due = conn.lastActivity + t;
        if (t <= 0) return;
        if (this.now + 1e-9 >= due) this.serverClose(conn);
        else this.pushApp(toUs(due), 'idle', conn);
      }
      this.acceptLoop();
      return;
    }
    if (conn.serial !== serial || this.clientBySock.get(conn.sock) !== conn) return;
    if (what === 'vanish') {
      this.vanish(conn);
      return;
    }
    if (conn.closed) return;
    if (what === 'hold' || (what === 'give-up' && !conn.gotResponse)) this.clientClose(conn);
  }

  // ---- what-ifs ----------------------------------------------------------------------------

  private applyChange(index: number): void {
    const c = this.cfg.changes[index]!;
    if (c.set) {
      this.knobs = resolveFleetKnobs(c.set, `changes[${index}].set`, this.knobs);
      this.stacks[SERVER].reconfigure(this.knobs.engine);
      this.stacks[CLIENTS].reconfigure(this.knobs.engine);
      if ('ip_local_port_range' in c.set) this.ports.setRange(this.knobs.host.ip_local_port_range);
    }
    if (c.mix) {
      this.mix = mergeMix(this.mix, c.mix);
      this.clientPick = new WeightedPick(this.mix.clients, CLIENT_BEHAVIOURS);
      this.appPick = new WeightedPick(this.mix.app, APP_MODES);
    }
    if (c.server) {
      const hadTimeout = this.app.read_timeout > 0;
      this.app = { ...this.app, ...c.server };
      // a read timeout switched on now applies to the connections already open, too
      if (!hadTimeout && this.app.read_timeout > 0) for (const sc of this.serverBySock.values()) if (sc.accepted && !sc.closed) this.armIdle(sc);
    }
    if (c.rate !== undefined) {
      const was = this.rate;
      this.rate = c.rate;
      if (was <= 0 && this.rate > 0) {
        this.nextArrivalUs = this.nowUs;
        this.scheduleArrival();
      }
    }
    this.markers.push({ t: this.now, index });
    this.acceptReady = true;
    this.acceptLoop();
  }

  // ---- samples and stories -----------------------------------------------------------------

  private sample(t: number): void {
    if (this.opts.stories && t % 10 === 0) this.pruneStories();
    const cen = this.tally.census(this.opts.lean ? 0 : 5);
    const stack = this.stacks[SERVER];
    const l = stack.sock(this.listener)!;
    this.samples.push({
      t,
      states: cen.states,
      fds: cen.fds,
      errors: { ...this.errors },
      counters: { ...this.counters },
      queues: { syn: l.children.length, accept: l.acceptQueue.length },
      orphans: cen.orphans,
      sockstat: cen.sockstat,
      closeWait: cen.closeWait.map((id) => {
        const s = stack.sock(id)!;
        // Recv-Q is what arrived and the application has not read: its unread bytes, and 1 for the
        // FIN until a read reaches it (kernel 6.18: 101 for a request and FIN unread, 1 once the
        // request was read before the FIN came). The handlers left in CLOSE_WAIT here never read
        // past the FIN: a leaking one read its request before it, one never accepted read nothing.
        const recvQ = (stack.tcb(id)?.unread ?? 0) + 1;
        return { state: 'CLOSE_WAIT' as const, recvQ, sendQ: 0, local: `${SERVER_ADDR}:${SERVER_PORT}`, peer: clientAddress(s.remotePort ?? 0) };
      }),
    });
  }

  /** Descriptors the application holds, by the host's own count (the census recounts them). */
  get openFds(): number {
    return this.fds;
  }

  private storyFor(port: number): Story | null {
    return this.stories.get(port) ?? null;
  }

  private readonly stories = new Map<number, Story>();

  private newStory(serial: number, port: number, behaviour: ClientBehaviour, delay: number): Story | null {
    if (!this.opts.stories) return null;
    const s: Story = { serial, port, start: this.now, delay, behaviour, mode: null, entries: [], path: [] };
    this.stories.set(port, s);
    return s;
  }

  private note(story: Story | null, t: number, action: Story['entries'][number]['action']): void {
    story?.entries.push({ t, action });
  }

  /** Live server-side connections in `state` now, with their stories (drill-down). */
  connectionsIn(state: TcpState, limit = 50): { sock: number; story: Story | null }[] {
    const out: { sock: number; story: Story | null }[] = [];
    const stack = this.stacks[SERVER];
    for (const c of this.serverBySock.values()) {
      if (out.length >= limit) break;
      if (stack.state(c.sock) === state && stack.sock(c.sock)) out.push({ sock: c.sock, story: c.story });
    }
    return out;
  }

  /** Drops the stories of connections that no longer exist (keeps memory bounded). */
  pruneStories(): void {
    const live = new Set<number>();
    for (const c of this.serverBySock.values()) live.add(c.port);
    for (const c of this.clientByPort.values()) live.add(c.port);
    for (const p of this.stories.keys()) if (!live.has(p)) this.stories.delete(p);
  }
}

function timerKey(sock: number, timer: TimerName): number {
  return sock * 8 + TIMER_INDEX[timer];
}
