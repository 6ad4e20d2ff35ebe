/**
 * A replayed capture as the diagrams' world view at time t: the captured
 * segments (sent and delivered at the capture's times), both peers' states
 * and their histories from the replay's trace. Plain data, a function of
 * (trace, t), as the picture invariant asks.
 */
import type { FlagWhy } from '../../pcap/replay.ts';
import type { PeerName, PeerView, SegmentView, TraceEvent } from '../../sim/types.ts';
import type { WorldView } from '../../sim/view.ts';
import type { TcpState } from '../../tcp/states.ts';

const NO_CALLS: PeerView['canCall'] = { listen: false, connect: false, send: false, read: false, shutdown: false, close: false, abort: false, keepalive: false };

type Flagged = TraceEvent & { flagged?: string; flaggedWhy?: FlagWhy };

export function replayView(events: readonly TraceEvent[], t: number, profile: string, ports: Record<PeerName, number>): WorldView {
  const upTo = events.filter((e) => e.t <= t);
  const peers = {} as Record<PeerName, PeerView>;
  for (const p of ['client', 'server'] as const) {
    const history: PeerView['history'] = [{ t: 0, state: 'CLOSED', cause: 'start' }];
    let primary: number | null = null;
    for (const e of upTo) {
      if (e.peer !== p || e.type !== 'state') continue;
      if ((e.from === 'LISTEN' && e.to === 'SYN_RCVD') || e.cause === 'connect') primary = e.sock ?? null;
      if (primary !== null && e.sock !== primary && !(e.to === 'LISTEN' && e.from === 'CLOSED')) continue;
      if (history.at(-1)!.state !== e.to) history.push({ t: e.t, state: e.to as TcpState, cause: e.cause });
    }
    peers[p] = { peer: p, state: history.at(-1)!.state, history, sockets: [], crashed: false, neverClose: false, keepalive: false, lastResults: [], canCall: NO_CALLS, cwnd: null };
  }
  const isn: Partial<Record<PeerName, number>> = {};
  const segs = new Map<number, SegmentView>();
  for (const e of events as Flagged[]) {
    if (e.type === 'send') {
      if (e.seg.flags.includes('SYN')) isn[e.peer] ??= e.seg.seq;
      if (e.t > t) continue;
      const to: PeerName = e.peer === 'client' ? 'server' : 'client';
      segs.set(e.seg.id, {
        ...e.seg,
        from: e.peer,
        to,
        srcPort: ports[e.peer],
        dstPort: ports[to],
        relSeq: (e.seg.seq - (isn[e.peer] ?? e.seg.seq)) >>> 0,
        relAck: e.seg.flags.includes('ACK') ? (e.seg.ack - (isn[to] ?? 0)) >>> 0 : 0,
        sentAt: e.t,
        arriveAt: e.t,
        status: 'in-flight',
        retransmit: !!e.retransmit,
        ...(e.flagged ? { dropReason: e.flagged } : {}),
      });
    } else if (e.type === 'deliver' && e.t <= t) {
      const s = segs.get(e.seg.id);
      if (s) {
        s.arriveAt = e.t;
        s.status = 'delivered';
        if (e.flagged) s.dropReason = e.flagged;
      }
    }
  }
  // A segment whose arrival the capture never shows was lost on the way (seen leaving only).
  const end = events.at(-1)?.t ?? 0;
  for (const s of segs.values()) if (s.status === 'in-flight' && t >= end) s.status = 'dropped';
  return {
    now: t,
    profile,
    peers,
    segments: [...segs.values()],
    timers: [],
    trace: upTo,
    link: { delay: 0, loss: 0, partitioned: false, dropNext: [] },
    nextEventAt: null,
    nextTimerAt: null,
  };
}

/** Every flagged segment, with its packet number, time and reason. */
export function flaggedOf(events: readonly TraceEvent[]): { id: number; t: number; reason: string; why?: FlagWhy }[] {
  const out: { id: number; t: number; reason: string; why?: FlagWhy }[] = [];
  for (const e of events as Flagged[]) if (e.flagged && (e.type === 'send' || e.type === 'deliver')) out.push({ id: e.seg.id, t: e.t, reason: e.flagged, ...(e.flaggedWhy ? { why: e.flaggedWhy } : {}) });
  return out;
}
