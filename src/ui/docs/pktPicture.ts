/**
 * A packetdrill run as the app's pictures draw it. The stack under test is one peer (the client
 * when the script connects, else the server); the script plays the other. Its states are not the
 * script's to say: they are inferred by replaying the run's segments through the engine, as a
 * capture is replayed (src/pcap), and drawn as the script's lane.
 *
 * Time. In a packetdrill run a segment leaves one side and reaches the other at the same instant,
 * and a stack's answer comes at that instant too, so the arrows would all be flat and on top of
 * each other. The picture gives every segment a flight of FLIGHT seconds and pushes what comes
 * after it down by as much: the display time is the script's time plus the flights before it.
 * Gaps between events keep their length (breaks in the ladder say the right durations), and the
 * page shows the script's own time (`scriptTime`) next to the line being run.
 */
import type { StreamInfo } from '../../pcap/capture.ts';
import type { TcpPacket } from '../../pcap/decode.ts';
import { replayStream } from '../../pcap/replay.ts';
import type { RunStep } from '../../packetdrill/record.ts';
import { LOCAL_PORT, REMOTE_PORT } from '../../packetdrill/wire.ts';
import type { PeerName, TimerView, TraceEvent, TraceSegment } from '../../sim/types.ts';
import type { Profile } from '../../tcp/knobs.ts';
import type { Segment } from '../../tcp/segment.ts';
import { flagList } from '../../tcp/segment.ts';

/** seconds a segment is drawn in flight */
export const FLIGHT = 0.05;

export interface Stop {
  /** display time */
  at: number;
  /** the script's time then */
  t: number;
  /** the script line being run */
  line: number;
}

export interface PktPicture {
  /** which lane the stack under test is; the script is the other */
  engine: PeerName;
  /** the run as trace events in display time (sends, deliveries, states of both lanes) */
  events: TraceEvent[];
  /** the engine's timers, in display time; `until` is when each stopped (fired, cancelled, re-armed) */
  timers: (TimerView & { until: number })[];
  /** the instants a step stops at, in order (distinct display times) */
  stops: Stop[];
  /** display time of the end of the run */
  end: number;
  /** the script peer's states could not be inferred (its lane shows none) */
  inferred: boolean;
  ports: Record<PeerName, number>;
}

const ENGINE_ADDR = '192.168.0.1';
const SCRIPT_ADDR = '192.0.2.1';

const traceSeg = (id: number, s: Segment): TraceSegment => ({ id, flags: flagList(s.flags), seq: s.seq >>> 0, ack: s.flags.ACK ? s.ack >>> 0 : 0, len: s.len, win: s.win });
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function pktPicture(steps: readonly RunStep[], profile: Profile): PktPicture {
  // The stack connects (it is the client), or it listens or only answers (the server).
  const connects = steps.find((s) => s.kind === 'state' && (s.cause === 'connect' || s.to === 'LISTEN'));
  const engine: PeerName = connects?.kind === 'state' && connects.cause === 'connect' ? 'client' : 'server';
  const script: PeerName = engine === 'client' ? 'server' : 'client';

  const events: TraceEvent[] = [];
  const packets: TcpPacket[] = [];
  const stopAt = new Map<number, Stop>();
  const timers = new Map<string, TimerView>();
  const doneTimers: (TimerView & { until: number })[] = [];
  let shift = 0;
  /** a flight the next segment (or the next instant) must leave room for */
  let pending = 0;
  let lastT = -Infinity;
  let id = 0;
  let end = 0;
  const stop = (at: number, s: RunStep) => {
    const k = round6(at);
    // the last step at an instant names its line (the run has reached it)
    stopAt.set(k, { at: k, t: s.t, line: s.kind === 'out' ? (s.claimed ?? s.line) : s.line });
    end = Math.max(end, k);
  };
  const packet = (from: PeerName, seg: Segment, t: number, iface: number, n: number) => {
    const mine = from === engine;
    packets.push({
      number: n, offset: 0, t, iface,
      src: mine ? ENGINE_ADDR : SCRIPT_ADDR, dst: mine ? SCRIPT_ADDR : ENGINE_ADDR,
      srcPort: seg.srcPort, dstPort: seg.dstPort, seq: seg.seq >>> 0, ack: seg.ack >>> 0,
      flags: flagList(seg.flags), win: seg.win, len: seg.len,
      ...(seg.mss !== undefined ? { mss: seg.mss } : {}),
    });
  };
  // interfaces: 0 at the client, 1 at the server (a capture at both ends)
  const ifaceOf = (p: PeerName) => (p === 'client' ? 0 : 1);

  /** the line whose segment left last: what that same call does next happens as it leaves */
  let pendingLine = -1;
  for (const s of steps) {
    if (s.t > lastT || s.line !== pendingLine) {
      shift += pending;
      pending = 0;
    }
    lastT = Math.max(lastT, s.t);
    if (s.kind === 'in' || s.kind === 'out') {
      shift += pending;
      pending = 0;
      const at = round6(s.t + shift);
      const from = s.kind === 'in' ? script : engine;
      const to = s.kind === 'in' ? engine : script;
      const seg = traceSeg(++id, s.seg);
      events.push({ t: at, type: 'send', peer: from, ...(s.kind === 'out' ? { sock: s.sock, ...(s.rtx ? { retransmit: true } : {}) } : {}), seg });
      events.push({ t: round6(at + FLIGHT), type: 'deliver', peer: to, seg });
      packet(from, s.seg, at, ifaceOf(from), id * 2 - 1);
      packet(from, s.seg, round6(at + FLIGHT), ifaceOf(to), id * 2);
      stop(at, s);
      stop(at + FLIGHT, s);
      // what the stack does on a segment it receives happens on its arrival
      if (s.kind === 'in') shift += FLIGHT;
      else {
        pending = FLIGHT;
        pendingLine = s.line;
      }
    } else if (s.kind === 'state') {
      const at = round6(s.t + shift);
      events.push({ t: at, type: 'state', peer: engine, sock: s.sock, from: s.from, to: s.to, cause: s.cause });
      stop(at, s);
    } else if (s.kind === 'timer') {
      const at = round6(s.t + shift);
      const key = `${s.sock}:${s.timer}`;
      const running = timers.get(key);
      if (running) {
        doneTimers.push({ ...running, until: at });
        timers.delete(key);
      }
      if (s.action === 'set' && s.due !== undefined) timers.set(key, { peer: engine, sock: s.sock, timer: s.timer, setAt: at, due: round6(s.due + shift) });
    } else {
      stop(s.t + shift, s);
    }
  }
  // a timer still running at the end is drawn up to its deadline
  const allTimers = [...doneTimers, ...[...timers.values()].map((x) => ({ ...x, until: Infinity }))];

  const inferred = inferScript(packets, engine, script, profile);
  if (inferred) events.push(...inferred);
  events.sort((a, b) => a.t - b.t);
  return {
    engine,
    events,
    timers: allTimers,
    stops: [...stopAt.values()].sort((a, b) => a.at - b.at),
    end,
    inferred: inferred !== null,
    ports: engine === 'server' ? { server: LOCAL_PORT, client: REMOTE_PORT } : { client: LOCAL_PORT, server: REMOTE_PORT },
  };
}

/**
 * The script peer's states: the run's segments replayed through two engine observers, as a
 * capture taken at both ends; only the script's side is kept (the stack's own states are the
 * run's). Null when there is nothing to infer from or the replay cannot read the run.
 */
function inferScript(packets: TcpPacket[], engine: PeerName, script: PeerName, profile: Profile): TraceEvent[] | null {
  if (!packets.length) return null;
  const byT = [...packets].sort((a, b) => a.t - b.t || a.number - b.number);
  const ep = (p: PeerName) => (p === engine ? { addr: ENGINE_ADDR, port: LOCAL_PORT } : { addr: SCRIPT_ADDR, port: REMOTE_PORT });
  const info: StreamInfo = { id: 0, client: ep('client'), server: ep('server'), packets: byT.length, first: byT[0]!.t, last: byT.at(-1)!.t, numbers: byT.map((p) => p.number) };
  // Only one side ever sent: no second interface to tell sending from arriving; one sighting each.
  const oneSided = new Set(byT.map((p) => p.src)).size < 2;
  const list = oneSided ? byT.filter((p) => p.iface === (p.src === ENGINE_ADDR ? (engine === 'client' ? 0 : 1) : script === 'client' ? 0 : 1)) : byT;
  try {
    const r = replayStream(info, list, { profile, file: 'script' });
    const start = list[0]!.t;
    return r.trace.events.filter((e) => e.peer === script && (e.type === 'state' || e.type === 'app')).map((e) => ({ ...e, t: round6(e.t + start) }) as TraceEvent);
  } catch {
    return null;
  }
}
