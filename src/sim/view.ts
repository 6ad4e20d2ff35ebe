/**
 * The picture is a function of the world (DESIGN.md invariant 4): everything the
 * UI draws comes from `viewOf(world)`, plain data, recomputed after each change.
 */
import type { TcpState } from '../tcp/states.ts';
import type { World } from './world.ts';
import type { PeerName, PeerView, SegmentView, TimerView, TraceEvent } from './types.ts';
import { PEERS } from './types.ts';

export interface WorldView {
  now: number;
  profile: string;
  peers: Record<PeerName, PeerView>;
  segments: readonly SegmentView[];
  timers: TimerView[];
  trace: readonly TraceEvent[];
  link: { delay: number; loss: number; partitioned: boolean; dropNext: { dir: string; flags: string[] }[] };
  nextEventAt: number | null;
  nextTimerAt: number | null;
}

export function peerView(w: World, p: PeerName): PeerView {
  const app = w.apps[p];
  const history: PeerView['history'] = [{ t: 0, state: 'CLOSED', cause: 'start' }];
  const results: PeerView['lastResults'] = [];
  let primary: number | null = null;
  for (const e of w.trace) {
    if (e.peer !== p) continue;
    if (e.type === 'app') results.push({ t: e.t, call: e.call, result: e.result });
    if (e.type !== 'state') continue;
    // The textbook path: a listener's LISTEN, then the newest connection's states.
    const isChildStart = e.from === 'LISTEN' && e.to === 'SYN_RCVD';
    if (isChildStart) primary = e.sock ?? null;
    if (e.cause === 'connect') primary = e.sock ?? null;
    if (primary !== null && e.sock !== primary && !(e.to === 'LISTEN' && e.from === 'CLOSED')) continue;
    const last = history[history.length - 1]!;
    if (last.state !== e.to) history.push({ t: e.t, state: e.to as TcpState, cause: e.cause });
  }
  const stack = w.stacks[p];
  return {
    peer: p,
    state: app.state(),
    history,
    sockets: stack.allSocks().filter((s) => s.conn).map((s) => ({ sock: s.id, state: stack.state(s.id), listening: s.kind === 'listener' })),
    crashed: app.crashed,
    neverClose: app.neverClose,
    keepalive: app.keepaliveOn(),
    lastResults: results.slice(-8),
    canCall: app.canCall(),
  };
}

export function viewOf(w: World): WorldView {
  const l = w.linkState;
  return {
    now: w.now,
    profile: w.profile,
    peers: { client: peerView(w, 'client'), server: peerView(w, 'server') },
    segments: w.segmentViews().map((s) => ({ ...s })),
    timers: w.timers(),
    trace: w.trace,
    link: { delay: l.cfg.delay, loss: l.cfg.loss, partitioned: l.partitioned, dropNext: l.dropNext.map((r) => ({ dir: r.dir, flags: [...r.flags] })) },
    nextEventAt: w.nextEventAt(),
    nextTimerAt: w.nextTimerAt(),
  };
}

export { PEERS };
