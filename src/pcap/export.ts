/**
 * A simulation's trace as a capture: what a tcpdump at the client, at the
 * server, or at both (two interfaces) would have recorded. A segment appears
 * where the capture point saw it: leaving its sender, arriving at its receiver.
 * A segment lost in the network appears only on the sender's side, with the
 * loss noted in its comment. Each packet's comment gives both peers' states
 * after the packet (`client FIN_WAIT_1 → FIN_WAIT_2; server CLOSE_WAIT`).
 * Timestamps are the virtual time.
 */
import { HOSTS } from '../sim/config.ts';
import type { PeerName, TraceEvent, TraceSegment } from '../sim/types.ts';
import { otherPeer } from '../sim/types.ts';
import type { TcpState } from '../tcp/states.ts';
import type { CaptureFile, CapturePacket } from './container.ts';
import { LINKTYPE_ETHERNET } from './container.ts';
import type { Endpoint } from './packet.ts';
import { ethernetFrame } from './packet.ts';
import { PeerStates } from './peer-states.ts';
import { writePcap } from './pcap-writer.ts';
import { writePcapng } from './pcapng-writer.ts';

export type CapturePoint = 'client' | 'server' | 'both';
export type CaptureFormat = 'pcapng' | 'pcap';
export const CAPTURE_POINTS: readonly CapturePoint[] = ['client', 'server', 'both'];

export interface ExportOptions {
  /** where the capture is taken (default: the client) */
  point?: CapturePoint;
  /** addresses and ports of the two peers (default: the simulator's hosts) */
  hosts?: Record<PeerName, Endpoint>;
  /** the MSS option carried by SYN segments (the engine announces its `mss` knob; default 1460) */
  mss?: number | Record<PeerName, number>;
  /** the section comment (pcapng), e.g. the scenario, profile and seed */
  title?: string;
}

/** A trace as printed by `sim --json`, or just its events. */
export type TraceLike = { events: readonly TraceEvent[]; scenario?: string; profile?: string; seed?: number } | readonly TraceEvent[];

const eventsOf = (t: TraceLike): readonly TraceEvent[] => (Array.isArray(t) ? t : (t as { events: readonly TraceEvent[] }).events);

/** Events that start a new step of the world: what follows them at the same time is their consequence. */
const startsStep = (e: TraceEvent) => e.type === 'deliver' || e.type === 'drop' || (e.type === 'timer' && e.action === 'fire');

function defaultTitle(t: TraceLike, point: CapturePoint): string {
  const head = Array.isArray(t) ? '' : `scenario ${(t as { scenario?: string }).scenario ?? '?'}, profile ${(t as { profile?: string }).profile ?? '?'}, seed ${(t as { seed?: number }).seed ?? '?'}; `;
  return `${head}tcp-state-sim capture at ${point === 'both' ? 'the client (interface 0) and the server (interface 1)' : `the ${point}`}; timestamps are virtual seconds`;
}

/** The capture as format-neutral interfaces and packets. */
export function traceToCaptureFile(trace: TraceLike, o: ExportOptions = {}): CaptureFile {
  const point = o.point ?? 'client';
  if (!CAPTURE_POINTS.includes(point)) throw new Error(`unknown capture point ${JSON.stringify(point)}; allowed: ${CAPTURE_POINTS.join(', ')}`);
  const hosts = o.hosts ?? HOSTS;
  const mssOf = (p: PeerName) => (typeof o.mss === 'number' ? o.mss : (o.mss?.[p] ?? 1460));
  const events = eventsOf(trace);
  const points: PeerName[] = point === 'both' ? ['client', 'server'] : [point];
  const iface = (p: PeerName) => points.indexOf(p);

  // Which segments the network lost, and why; and the IPv4 id each send got.
  const lost = new Map<number, string>();
  for (const e of events) if (e.type === 'drop') lost.set(e.seg.id, e.reason);
  const ipIds = new Map<number, number>();
  const nextIpId: Record<PeerName, number> = { client: 1, server: 1 };

  // Both peers' states after each step of the world, and before it.
  const tracker = new PeerStates();
  const packets: (CapturePacket & { step: number })[] = [];
  const stepStates: { before: Record<PeerName, TcpState>; after: Record<PeerName, TcpState> }[] = [];
  let step = -1;
  let stepT = -1;
  const wire = (from: PeerName, seg: TraceSegment) => ethernetFrame({
    src: hosts[from],
    dst: hosts[otherPeer(from)],
    ipId: ipIds.get(seg.id) ?? 0,
    flags: seg.flags,
    seq: seg.seq,
    ack: seg.ack,
    win: seg.win,
    len: seg.len,
    ...(seg.flags.includes('SYN') ? { mss: mssOf(from) } : {}),
  });
  for (const e of events) {
    if (step < 0 || startsStep(e) || e.t !== stepT) {
      step++;
      stepT = e.t;
      stepStates.push({ before: { ...tracker.state }, after: tracker.state });
    }
    tracker.apply(e);
    stepStates[step]!.after = { ...tracker.state };
    if (e.type === 'send') {
      ipIds.set(e.seg.id, nextIpId[e.peer]++ & 0xffff);
      if (iface(e.peer) >= 0) {
        const loss = lost.get(e.seg.id);
        const notes = [e.retransmit ? 'retransmission' : '', loss !== undefined ? `lost in the network (${loss}): the ${otherPeer(e.peer)} never receives it` : ''];
        packets.push({ iface: iface(e.peer), t: e.t, data: wire(e.peer, e.seg), step, comment: notes.filter(Boolean).join('; ') });
      }
    } else if (e.type === 'deliver' && iface(e.peer) >= 0) {
      packets.push({ iface: iface(e.peer), t: e.t, data: wire(otherPeer(e.peer), e.seg), step, comment: '' });
    }
  }

  // Comments: both states after the packet's step; the first packet of a step shows the changes it caused.
  let lastStep = -1;
  const out: CapturePacket[] = packets.map((p) => {
    const s = stepStates[p.step]!;
    const first = p.step !== lastStep;
    lastStep = p.step;
    const part = (peer: PeerName) => (first && s.before[peer] !== s.after[peer] ? `${peer} ${s.before[peer]} → ${s.after[peer]}` : `${peer} ${s.after[peer]}`);
    const states = `${part('client')}; ${part('server')}`;
    return { iface: p.iface, t: p.t, data: p.data, comment: p.comment ? `${states}; ${p.comment}` : states };
  });
  return {
    interfaces: points.map((p) => ({ name: p, description: `${p} ${hosts[p].addr}:${hosts[p].port}`, linkType: LINKTYPE_ETHERNET })),
    packets: out,
    comment: o.title ?? defaultTitle(trace, point),
    application: 'tcp-state-sim',
  };
}

/** The trace as a pcapng file (the function the app and the fleet view call). */
export function traceToPcapng(trace: TraceLike, o: ExportOptions = {}): Uint8Array {
  return writePcapng(traceToCaptureFile(trace, o));
}

/** The trace as a classic pcap file: one capture point, no comments. */
export function traceToPcap(trace: TraceLike, o: ExportOptions = {}): Uint8Array {
  if (o.point === 'both') throw new Error('classic pcap has a single interface: capture at both peers needs pcapng');
  return writePcap(traceToCaptureFile(trace, o));
}

export function traceToCapture(trace: TraceLike, format: CaptureFormat, o: ExportOptions = {}): Uint8Array {
  return format === 'pcap' ? traceToPcap(trace, o) : traceToPcapng(trace, o);
}

/** `.pcapng` or `.pcap` from a file name; null for anything else. */
export function formatForFile(name: string): CaptureFormat | null {
  const n = name.toLowerCase();
  return n.endsWith('.pcapng') ? 'pcapng' : n.endsWith('.pcap') ? 'pcap' : null;
}
