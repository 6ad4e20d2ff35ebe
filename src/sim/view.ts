/**
 * The picture is a function of the world (DESIGN.md invariant 4): everything the
 * UI draws comes from `viewOf(world)`, plain data, recomputed after each change.
 */
import type { World } from './world.ts';
import type { TcpState } from '../tcp/states.ts';
import type { Tcb } from '../tcp/tcb.ts';
import type { CwndView, PeerName, PeerView, SegmentView, TimerView, TraceEvent } from './types.ts';
import { PEERS } from './types.ts';

export interface WorldView {
  now: number;
  profile: string;
  peers: Record<PeerName, PeerView>;
  segments: readonly SegmentView[];
  timers: TimerView[];
  trace: readonly TraceEvent[];
  /** the run's number of trace[0] (events are numbered from 0): older events are not in the view */
  traceBase?: number;
  link: { delay: number; loss: number; partitioned: boolean; dropNext: { dir: string; flags: string[] }[] };
  nextEventAt: number | null;
  nextTimerAt: number | null;
}

export function peerView(w: World, p: PeerName): PeerView {
  const app = w.apps[p];
  const { history, lastResults } = w.summary(p);
  const stack = w.stacks[p];
  return {
    peer: p,
    state: app.drawnState(),
    history,
    sockets: stack.allSocks().filter((s) => s.conn).map((s) => ({ sock: s.id, state: stack.state(s.id), listening: s.kind === 'listener' })),
    crashed: app.crashed,
    neverClose: app.neverClose,
    keepalive: app.keepaliveOn(),
    lastResults,
    canCall: app.canCall(),
    cwnd: cwndView(app.crashed || app.primary === null ? undefined : stack.tcb(app.primary), app.state()),
  };
}

/** A connection's congestion window as the peer panel shows it (only while data can flow). */
function cwndView(t: Tcb | undefined, state: TcpState): CwndView | null {
  if (!t || t.cwnd <= 0 || state === 'CLOSED' || state === 'LISTEN' || state === 'SYN_SENT' || state === 'SYN_RCVD') return null;
  return {
    segs: t.cwnd,
    bytes: t.cwnd * t.sndMss,
    ssthresh: t.ssthresh >= 0x7fffffff ? null : t.ssthresh,
    inFlight: (t.sndNxt - t.sndUna) >>> 0,
    mss: t.sndMss,
  };
}

/**
 * Each world segment's last copy. A segment changes after it is sent only when it arrives or is
 * lost, so a view reuses the copy it made before while nothing a segment shows changed: at high
 * speed, frames then copy only the segments sent since the last one, and a copy kept for many
 * frames is promoted once instead of being rebuilt (and copied by every minor GC) frame after frame.
 */
const copies = new WeakMap<SegmentView, SegmentView>();

function copyOf(s: SegmentView): SegmentView {
  const c = copies.get(s);
  if (c && c.status === s.status && c.dropReason === s.dropReason && c.dropAt === s.dropAt && c.arriveAt === s.arriveAt && c.cwnd === s.cwnd && c.tlp === s.tlp) return c;
  const n = { ...s };
  copies.set(s, n);
  return n;
}

/** How much of the newest history a view carries; unset: everything the world kept. */
export interface ViewLimits {
  segments: number;
  events: number;
}

/**
 * The view of the world now. With `limits`, only the newest segments and trace events are copied,
 * so building a view costs the same at any point of a run (what is drawn is recent history;
 * older history is the scrubber's, recomputed from checkpoints).
 */
export function viewOf(w: World, limits?: ViewLimits): WorldView {
  const l = w.linkState;
  const segs = w.segmentViews();
  const shown = limits ? segs.slice(-limits.segments) : segs;
  const trace = limits ? w.trace.slice(-limits.events) : w.trace;
  return {
    now: w.now,
    profile: w.profile,
    peers: { client: peerView(w, 'client'), server: peerView(w, 'server') },
    segments: shown.map(copyOf),
    timers: w.timers(),
    trace,
    traceBase: w.eventCount - trace.length,
    link: { delay: l.cfg.delay, loss: l.cfg.loss, partitioned: l.partitioned, dropNext: l.dropNext.map((r) => ({ dir: r.dir, flags: [...r.flags] })) },
    nextEventAt: w.nextEventAt(),
    nextTimerAt: w.nextTimerAt(),
  };
}

export { PEERS };
