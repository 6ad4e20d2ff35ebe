/**
 * Replay of one captured TCP stream through the engine. Two observers (one per
 * side, each a Stack of the engine) see the capture's segments in capture order
 * and time: a segment a side sent must be explained by its model (something it
 * had already sent, an application call it implies — connect, send, close,
 * abort — or a timer of its own firing); a segment a side received is
 * delivered to its model. The states of both peers come from the engine alone.
 * Where the capture disagrees with the model, the segment is flagged with why.
 */
import type { PeerName, Trace, TraceEvent, TraceSegment } from '../sim/types.ts';
import { otherPeer } from '../sim/types.ts';
import type { Profile } from '../tcp/knobs.ts';
import { KNOB_SPECS, resolveKnobs } from '../tcp/knobs.ts';
import { analyze } from '../tcp/rules/analyze.ts';
import type { Verdict } from '../tcp/rules/verdict.ts';
import type { Segment } from '../tcp/segment.ts';
import { flagsFrom } from '../tcp/segment.ts';
import { seqAdd, seqGe } from '../tcp/seq.ts';
import type { TcpState } from '../tcp/states.ts';
import type { StreamInfo } from './capture.ts';
import { CaptureError } from './capture-error.ts';
import type { TcpPacket } from './decode.ts';
import type { TimeBack } from './monotonic.ts';
import { monotonic, timeBackText } from './monotonic.ts';
import type { ObserverSnapshot } from './observer.ts';
import { Observer } from './observer.ts';
import { PeerStates } from './peer-states.ts';
import { sightings } from './sightings.ts';

export interface ReplayFlag {
  /** packet number in the capture file */
  number: number;
  t: number;
  from: PeerName;
  reason: string;
  /** the reason as data, for a translated display (absent for notes about the capture as a whole) */
  why?: FlagWhy;
}

/** Why a segment is flagged, as data (`whyText` writes it in English; the app translates it). */
export type FlagWhy =
  /** the sender's model would not have sent it; `expect`: what it would send instead */
  | { code: 'not-sent'; peer: PeerName; state: string; seg: string; expect: string[] }
  /** the receiver's model would not take it: discard it, answer with an ACK or a RST, or reset on a SYN */
  | { code: 'rejected'; peer: PeerName; state: string; answer: 'drop' | 'ack' | 'rst' | 'reset'; detail: string }
  /** the packet is stamped before an earlier packet of the stream; it is replayed at that packet's time */
  | ({ code: 'time-back' } & TimeBack);

export function whyText(w: FlagWhy): string {
  if (w.code === 'time-back') return timeBackText(w);
  if (w.code === 'not-sent') return `the ${w.peer} model in ${w.state} would not send ${w.seg}${w.expect.length ? `; it would send ${w.expect.join(' or ')}` : ''}`;
  const s = `${w.peer}: the model in ${w.state}`;
  switch (w.answer) {
    case 'drop':
      return `${s} discards it (${w.detail})`;
    case 'ack':
      return `${s} rejects it and answers with an ACK (${w.detail})`;
    case 'rst':
      return `${s} rejects it and answers with a RST`;
    case 'reset':
      return `${s} resets the connection on this SYN`;
  }
}

export interface ReplayResult {
  trace: Trace & { capture: { file: string; stream: number; start: number; client: string; server: string } };
  flags: ReplayFlag[];
  /** each peer's state path, as the diagrams draw it */
  paths: Record<PeerName, TcpState[]>;
}

export interface ReplayOptions {
  profile?: Profile;
  file?: string;
  /** how many timer firings the observers may run between two packets (default MAX_TIMER_FIRINGS_PER_GAP) */
  maxTimerFirings?: number;
}

/**
 * Between two captured packets the models' timers fire (a retransmission the capture does not show,
 * a TIME_WAIT ending): a few, or a few dozen for retries and keepalive probes. A gap that needs more
 * is not a connection the capture explains, and running on would only fill memory.
 */
export const MAX_TIMER_FIRINGS_PER_GAP = 1000;

/** The replay stopped: the models' timers fired `firings` times between packet `prev` and packet `number` without reaching it. */
export class TimerFloodError extends CaptureError {
  readonly number: number;
  readonly prev: number;
  /** seconds between the two packets (after time order is restored) */
  readonly gap: number;
  constructor(
    file: string,
    p: TcpPacket,
    prev: TcpPacket,
    readonly firings: number,
  ) {
    const gap = p.t - prev.t;
    super(file, p.offset, `packet ${p.number}: the models' timers fired ${firings} times in the ${gap.toFixed(6)} s since packet ${prev.number} and had not reached it; the replay stops here`);
    this.number = p.number;
    this.prev = prev.number;
    this.gap = gap;
  }
}

const fmt = (p: { flags: readonly string[]; seq: number; ack: number; len: number }) => `${p.flags.join(',') || '-'} seq=${p.seq >>> 0}${p.flags.includes('ACK') ? ` ack=${p.ack >>> 0}` : ''} len=${p.len}`;
const clampMss = (m: number | undefined) => (m === undefined ? undefined : Math.max(KNOB_SPECS.mss.min, Math.min(KNOB_SPECS.mss.max, m)));

/** The segment the engine sees; `shift`: the sender's window scale (RFC 7323), which applies to every segment but a SYN. */
function toSegment(p: TcpPacket, shift = 0): Segment {
  const win = p.flags.includes('SYN') ? p.win : p.win * 2 ** shift;
  return { srcPort: p.srcPort, dstPort: p.dstPort, seq: p.seq, ack: p.ack, flags: flagsFrom(p.flags), len: p.len, win, ...(p.mss !== undefined ? { mss: p.mss } : {}) };
}

/** The model's segment is the captured one: same flags (PSH aside), sequence numbers and length. */
function sameSegment(m: Segment, p: TcpPacket): boolean {
  const f = m.flags;
  const has = (n: string) => p.flags.includes(n as never);
  if (!!f.SYN !== has('SYN') || !!f.FIN !== has('FIN') || !!f.RST !== has('RST') || !!f.ACK !== has('ACK')) return false;
  if ((m.seq >>> 0) !== (p.seq >>> 0) || m.len !== p.len) return false;
  return !f.ACK || (m.ack >>> 0) === (p.ack >>> 0);
}

/** Why the receiver's model (`peer`) would not take this segment, or null when it would. */
function rejection(peer: PeerName, v: Verdict, state: TcpState, seg: Segment, rcvNxt: number): FlagWhy | null {
  // A keepalive probe sits just below the window on purpose: its ACK answer is the design, not a disagreement.
  if (v.kind === 'ack' && v.why === 'unacceptable' && seg.len <= 1 && (seg.seq >>> 0) === seqAdd(rcvNxt >>> 0, -1)) return null;
  const r = (answer: 'drop' | 'ack' | 'rst' | 'reset', detail = ''): FlagWhy => ({ code: 'rejected', peer, state, answer, detail });
  switch (v.kind) {
    case 'drop':
      return r('drop', v.why);
    case 'ack':
      if (v.why === 'time-wait') return null;
      return r('ack', v.why);
    case 'rst-reply':
      return r('rst');
    case 'syn-reset':
      return r('reset');
    default:
      return null;
  }
}

export function replayStream(info: StreamInfo, captured: readonly TcpPacket[], o: ReplayOptions = {}): ReplayResult {
  const profile = o.profile ?? 'linux';
  const file = o.file ?? 'capture';
  // The observers' clocks only move forward: a packet stamped before its predecessors is replayed at their time.
  const { packets, back } = monotonic(captured);
  const sideOf = (p: TcpPacket): PeerName => (p.src === info.client.addr && p.srcPort === info.client.port ? 'client' : 'server');
  const start = packets[0]?.t ?? 0;
  const rel = (t: number) => Math.round((t - start) * 1e6) / 1e6;

  // What each side will announce and choose, read ahead in the capture: its MSS and its ISNs.
  const isnQueue: Record<PeerName, number[]> = { client: [], server: [] };
  const mss: Record<PeerName, number | undefined> = { client: undefined, server: undefined };
  for (const p of packets) {
    if (!p.flags.includes('SYN')) continue;
    const side = sideOf(p);
    // Retransmitted SYNs, and the second sighting of a capture at both ends, repeat the ISN.
    if (isnQueue[side].at(-1) !== p.seq >>> 0) isnQueue[side].push(p.seq >>> 0);
    mss[side] ??= clampMss(p.mss);
  }
  // Window scaling (RFC 7323) is in force when both SYNs carry the option; the model has no scaling
  // of its own, so it is handed each window at its true size.
  const wscale: Record<PeerName, number | undefined> = { client: undefined, server: undefined };
  for (const p of packets) if (p.flags.includes('SYN')) wscale[sideOf(p)] ??= p.wscale ?? -1;
  const both = (wscale.client ?? -1) >= 0 && (wscale.server ?? -1) >= 0;
  const shift: Record<PeerName, number> = { client: both ? Math.min(14, wscale.client!) : 0, server: both ? Math.min(14, wscale.server!) : 0 };
  const isn = (side: PeerName) => () => isnQueue[side].shift() ?? 0;
  const knobs = (side: PeerName) => resolveKnobs(profile, mss[side] !== undefined ? { mss: mss[side] } : {});
  const obs: Record<PeerName, Observer> = {
    client: new Observer('client', info.client.port, info.server.port, knobs('client'), isn('client')),
    server: new Observer('server', info.server.port, info.client.port, knobs('server'), isn('server')),
  };

  const events: TraceEvent[] = [];
  // times (and a timer's due time) from the first packet, as the capture's other times
  const emit = (e: TraceEvent) => events.push({ ...e, t: rel(e.t), ...(e.type === 'timer' && e.due !== undefined ? { due: rel(e.due) } : {}) } as TraceEvent);
  const flags: ReplayFlag[] = [];
  for (const b of back) {
    const p = packets.find((x) => x.number === b.number)!;
    flags.push({ number: b.number, t: rel(p.t), from: sideOf(p), reason: timeBackText(b), why: { code: 'time-back', ...b } });
  }

  // The passive side listens from the start, unless it answers the first SYN with a RST (a closed port).
  const first = packets[0];
  if (first) {
    // The server's first word tells: a RST (nobody listens) or a SYN of its own (a simultaneous open).
    const answer = packets.find((p) => sideOf(p) === 'server');
    const ownSyn = answer?.flags.includes('SYN') && !answer.flags.includes('ACK');
    if (!(answer?.flags.includes('RST') && first.flags.includes('SYN')) && !ownSyn) obs.server.listen(first.t, emit);
    if (!(first.flags.includes('SYN') && !first.flags.includes('ACK'))) {
      flags.push({ number: first.number, t: 0, from: sideOf(first), reason: 'the capture starts after the handshake: both peers are assumed ESTABLISHED from here' });
      assumeEstablished(obs, packets, sideOf, isnQueue, first.t, emit);
    }
  }

  const maxFirings = o.maxTimerFirings ?? MAX_TIMER_FIRINGS_PER_GAP;
  let lastPacket: TcpPacket | null = null;
  /** Runs both models' timers up to packet p's time, at most maxFirings of them. */
  const advanceTo = (p: TcpPacket) => {
    for (let fired = 0; ; fired++) {
      const c = obs.client.nextTimer();
      const s = obs.server.nextTimer();
      const next = c && (!s || c.due <= s.due) ? { o: obs.client, t: c } : s ? { o: obs.server, t: s } : null;
      if (!next || next.t.due > p.t) return;
      if (fired === maxFirings) {
        throw new TimerFloodError(file, p, lastPacket ?? packets[0]!, maxFirings);
      }
      next.o.fire(next.t, emit);
    }
  };

  const traceSeg = (p: TcpPacket): TraceSegment => ({ id: p.number, flags: p.flags, seq: p.seq >>> 0, ack: p.flags.includes('ACK') ? p.ack >>> 0 : 0, len: p.len, win: p.win });
  let lastT = first?.t ?? 0;
  const deliver = (to: PeerName, p: TcpPacket, t: number) => {
    const b = obs[to];
    const target = b.target();
    const seg = toSegment(p, shift[otherPeer(to)]);
    const tcb = target ? b.stack.tcb(target.sock) : undefined;
    const why = target && tcb ? rejection(to, analyze(target.state, tcb, seg), target.state, seg, tcb.rcvNxt) : null;
    const at = Math.max(t, lastT);
    const ev: TraceEvent & { flagged?: string; flaggedWhy?: FlagWhy } = { t: rel(at), type: 'deliver', peer: to, ...(target ? { sock: target.sock } : {}), seg: traceSeg(p) };
    if (why) {
      ev.flagged = whyText(why);
      ev.flaggedWhy = why;
      flags.push({ number: p.number, t: rel(at), from: otherPeer(to), reason: ev.flagged, why });
    }
    events.push(ev);
    b.deliver(seg, at, emit);
  };
  // A segment that occupies sequence space its sender already sent is a retransmission.
  const sentBefore: Record<PeerName, Set<string>> = { client: new Set(), server: new Set() };
  const send = (from: PeerName, p: TcpPacket, later: readonly TcpPacket[]) => {
    const a = obs[from];
    const why = explain(a, p, emit, later);
    const space = p.len + (p.flags.includes('SYN') ? 1 : 0) + (p.flags.includes('FIN') ? 1 : 0);
    const key = `${p.seq >>> 0}|${p.len}|${p.flags.join(',')}`;
    const rtx = space > 0 && sentBefore[from].has(key);
    if (space > 0) sentBefore[from].add(key);
    const ev: TraceEvent & { flagged?: string; flaggedWhy?: FlagWhy } = { t: rel(p.t), type: 'send', peer: from, ...(a.sock !== null ? { sock: a.sock } : {}), seg: traceSeg(p), ...(rtx ? { retransmit: true } : {}) };
    if (why) {
      ev.flagged = whyText(why);
      ev.flaggedWhy = why;
      flags.push({ number: p.number, t: rel(p.t), from, reason: ev.flagged, why });
    }
    // The call or timer that explains the send is already in the trace, before it, as in a simulation.
    events.push(ev);
  };

  // With one capture point the far side's timing is unknown: a segment is handed to its receiver
  // lazily, once the receiver's own next segment shows it had arrived (or the capture ends).
  const inbox: Record<PeerName, TcpPacket[]> = { client: [], server: [] };
  const flushInbox = (to: PeerName, upTo: TcpPacket | null) => {
    const q = inbox[to];
    while (q.length) {
      const s = q[0]!;
      const space = s.len + (s.flags.includes('SYN') ? 1 : 0) + (s.flags.includes('FIN') ? 1 : 0);
      if (upTo && space > 0) {
        // Held back while the receiver's segment does not acknowledge it yet (in-order delivery).
        const covers = upTo.flags.includes('ACK') && seqGe(upTo.ack >>> 0, seqAdd(s.seq >>> 0, space));
        const synOnly = upTo.flags.includes('SYN') && !upTo.flags.includes('ACK');
        if ((upTo.flags.includes('ACK') && !covers) || synOnly) return;
      }
      q.shift();
      deliver(to, s, s.t);
    }
  };

  const { list } = sightings(packets, sideOf);
  list.forEach((sg, i) => {
    const p = sg.p;
    const later = () => list.slice(i + 1).map((x) => x.p);
    const to = otherPeer(sg.from);
    if (sg.kind === 'both') {
      // The sender's earlier segments are handed over now, unless the receiver's next segment shows
      // they had not arrived yet (it does not acknowledge them: crossing FINs stay crossed).
      flushInbox(to, list.slice(i + 1).find((x) => x.from === to)?.p ?? null);
      flushInbox(sg.from, p);
      advanceTo(p);
      send(sg.from, p, later());
      inbox[to].push(p);
    } else {
      advanceTo(p);
      if (sg.kind === 'send') send(sg.from, p, later());
      else deliver(to, p, p.t);
    }
    lastT = Math.max(lastT, p.t);
    lastPacket = p;
  });
  flushInbox('client', null);
  flushInbox('server', null);

  const tracker = new PeerStates();
  const paths: Record<PeerName, TcpState[]> = { client: ['CLOSED'], server: ['CLOSED'] };
  for (const e of events) {
    if (tracker.apply(e) && e.type === 'state') paths[e.peer].push(tracker.state[e.peer]);
  }
  const ep = (x: { addr: string; port: number }) => `${x.addr.includes(':') ? `[${x.addr}]` : x.addr}:${x.port}`;
  return {
    trace: {
      scenario: `capture:${file}#${info.id}`,
      profile,
      seed: 0,
      events,
      capture: { file, stream: info.id, start, client: ep(info.client), server: ep(info.server) },
    },
    flags,
    paths,
  };
}

/**
 * Makes the sender's model produce the captured segment: something it already
 * sent, else an application call the segment implies, else one of its timers
 * firing now. Returns null when explained, or why the model would not send it.
 */
function explain(a: Observer, p: TcpPacket, emit: (e: TraceEvent) => void, later: readonly TcpPacket[]): FlagWhy | null {
  const take = (): boolean => {
    const i = a.pending.findIndex((m) => sameSegment(m, p));
    if (i < 0) return false;
    a.pending.splice(0, i + 1);
    return true;
  };
  if (take()) return null;

  const has = (f: string) => p.flags.includes(f as never);
  const tcb = a.sock !== null ? a.stack.tcb(a.sock) : undefined;
  const fresh = tcb !== undefined && (p.seq >>> 0) === (tcb.sndNxt >>> 0);
  const tries: ((emit: (e: TraceEvent) => void) => void)[] = [];
  const idle = a.sock === null || ['CLOSED', 'TIME_WAIT'].includes(a.stack.state(a.sock));
  if (has('SYN') && !has('ACK') && idle && a.listener === null) tries.push((e) => a.call('connect', p.t, e));
  if (has('RST')) tries.push((e) => a.call('abort', p.t, e));
  // A FIN is close() or shutdown(SHUT_WR); the wire tells them apart only if the peer sends data
  // afterwards (accepted after a shutdown, answered with a RST after a close).
  const peerTalksOn = later.some((q) => q.len > 0 && !(q.src === p.src && q.srcPort === p.srcPort));
  const fins = (peerTalksOn ? ['shutdown', 'close'] : ['close', 'shutdown']) as ('close' | 'shutdown')[];
  if (fresh && p.len > 0 && has('FIN')) for (const f of fins) tries.push((e) => { a.call('send', p.t, e, p.len); a.call(f, p.t, e); });
  if (fresh && p.len > 0) tries.push((e) => a.call('send', p.t, e, p.len));
  if (has('FIN')) for (const f of fins) tries.push((e) => a.call(f, p.t, e));
  // A keepalive probe (SEG.SEQ = SND.NXT - 1): SO_KEEPALIVE was on.
  if (tcb && has('ACK') && p.len <= 1 && (p.seq >>> 0) === seqAdd(tcb.sndNxt >>> 0, -1)) tries.push((e) => a.keepaliveProbe(p.t, e));
  // A timer of the sender firing now (earlier than the model would: a retransmission, a delayed ACK, a probe).
  for (const t of [...a.timers].sort((x, y) => x.due - y.due)) tries.push((e) => a.fire({ ...t, due: p.t }, e));

  for (const attempt of tries) {
    const saved: ObserverSnapshot = a.save();
    const local: TraceEvent[] = [];
    attempt((e) => local.push(e));
    if (take()) {
      for (const e of local) emit(e);
      return null;
    }
    a.load(saved);
  }
  const expect = a.pending.map((m) => fmt({ flags: Object.keys(m.flags).filter((k) => m.flags[k as keyof typeof m.flags]), seq: m.seq, ack: m.ack, len: m.len }));
  return { code: 'not-sent', peer: a.peer, state: a.state(), seg: fmt(p), expect };
}

/**
 * A capture that starts after the handshake: both models are brought to ESTABLISHED by a handshake
 * with the sequence numbers the capture implies (its segments are not in the trace; the states are).
 */
function assumeEstablished(obs: Record<PeerName, Observer>, packets: readonly TcpPacket[], sideOf: (p: TcpPacket) => PeerName, isnQueue: Record<PeerName, number[]>, t: number, emit: (e: TraceEvent) => void): void {
  const firstOf = (side: PeerName) => packets.find((p) => sideOf(p) === side);
  const ackOf = (side: PeerName) => packets.find((p) => sideOf(p) === side && p.flags.includes('ACK'))?.ack;
  const next = (side: PeerName) => firstOf(side)?.seq ?? ackOf(otherPeer(side)) ?? 1;
  for (const side of ['client', 'server'] as const) isnQueue[side].unshift(seqAdd(next(side) >>> 0, -1));
  const relay = (from: PeerName) => {
    const segs = obs[from].pending.splice(0);
    for (const seg of segs) obs[otherPeer(from)].deliver(seg, t, emit);
  };
  obs.client.call('connect', t, emit);
  relay('client');
  relay('server');
  relay('client');
  obs.client.pending = [];
  obs.server.pending = [];
}
