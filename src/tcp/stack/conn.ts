import { transition } from 'xstate';
import type { SnapshotFrom } from 'xstate';
import { runCandidates } from '../machine/compile.ts';
import { candidatesOf } from '../machine/derived.ts';
import { endpointMachine } from '../machine/endpoint.ts';
import type { EndpointEvent } from '../machine/events.ts';
import type { Fx } from '../machine/fx.ts';
import type { Segment } from '../segment.ts';
import { flagBits, flagSet, formatFlags } from '../segment.ts';
import type { TcpState } from '../states.ts';
import type { Tcb } from '../tcb.ts';
import type { TimerName } from './effects.ts';
import type { EffectSink } from './effectlist.ts';
import { EffectList } from './effectlist.ts';
import type { TimerSet } from './timerset.ts';
import { addTimer, deleteTimer, hasTimer, NO_TIMERS } from './timerset.ts';

export type EndpointSnapshot = SnapshotFrom<typeof endpointMachine>;

/**
 * How a connection is stepped: `derived` (the default) runs the stepper
 * compiled from the machine; `xstate` runs XState's own `transition()`, the
 * reference the derived stepper is proven equal to.
 */
export type Engine = 'derived' | 'xstate';
export const ENGINES: readonly Engine[] = ['derived', 'xstate'];
export const isEngine = (s: unknown): s is Engine => s === 'derived' || s === 'xstate';

/**
 * One connection: its machine state, its TCB and the timers it has running.
 * Only the state value and context are kept between events.
 */
export interface Conn {
  sock: number;
  state: TcpState;
  tcb: Tcb;
  /** running timers, packed (timerset.ts) */
  timers: TimerSet;
  /** the peer's host address (0 in a two-host world); segments sent carry it */
  addr: number;
}

export function newConn(sock: number, tcb: Tcb, state: TcpState = 'CLOSED', addr = 0): Conn {
  return { sock, state, tcb, timers: NO_TIMERS, addr };
}

export const stateOf = (c: Conn): TcpState => c.state;

/** The derived stepper's effect sink for one connection: reports to the stack's effect list. */
class ConnFx implements Fx {
  c!: Conn;
  out!: EffectSink;
  /** `out` when it is an EffectList: effects go in field by field, no object each */
  list: EffectList | null = null;
  timeWaitArmed = false;
  send(seg: Segment, rtx: boolean): void {
    if (this.list !== null) this.list.send(this.c.sock, seg, rtx, this.c.addr);
    else this.out.push({ kind: 'send', sock: this.c.sock, seg, rtx, addr: this.c.addr });
  }
  set(timer: TimerName, seconds: number): void {
    this.c.timers = addTimer(this.c.timers, timer);
    if (timer === 'TIME_WAIT') this.timeWaitArmed = true;
    if (this.list !== null) this.list.timer(this.c.sock, timer, 'set', seconds);
    else this.out.push({ kind: 'timer', sock: this.c.sock, timer, action: 'set', delay: seconds });
  }
  cancel(timer: TimerName): void {
    const c = this.c;
    if (!hasTimer(c.timers, timer)) return;
    c.timers = deleteTimer(c.timers, timer);
    if (this.list !== null) this.list.timer(c.sock, timer, 'cancel', 0);
    else this.out.push({ kind: 'timer', sock: c.sock, timer, action: 'cancel' });
  }
}
const connFx = new ConnFx();

/** The cause of a segment's arrival: the text (`rcv SYN,ACK`) is looked up only if the state changes. */
export const RCV = '';

/** `rcv <flags>` for each of the 32 flag sets, built once. */
const RCV_CAUSE: string[] = Array.from({ length: 32 }, (_, m) => `rcv ${formatFlags(flagSet(m))}`);
const rcvCause = (f: Segment['flags']): string => RCV_CAUSE[flagBits(f)]!;
const causeText = (cause: string, ev: EndpointEvent): string => (cause === RCV && ev.type === 'SEGMENT' ? rcvCause(ev.seg.flags) : cause);

/**
 * Feeds one event to the connection and returns what it did. Timer sets of the
 * same id replace each other (like mod_timer); cancels of timers that are not
 * running are not reported. Both engines report the same effects in the same order.
 * Returns the state before the event (`c.state` is the state after it).
 */
export function stepConn(c: Conn, ev: EndpointEvent, cause: string, out: EffectSink, engine: Engine = 'derived'): TcpState {
  const from = c.state;
  let reentered: boolean;
  if (engine === 'derived') {
    const fx = connFx;
    fx.c = c;
    fx.out = out;
    fx.list = out instanceof EffectList ? out : null;
    fx.timeWaitArmed = false;
    const list = candidatesOf(from, ev.type);
    const cand = list ? runCandidates(list, c.tcb, ev, fx) : null;
    if (cand) c.state = cand.to;
    reentered = fx.timeWaitArmed;
  } else {
    reentered = stepXState(c, ev, out);
  }
  const to = c.state;
  // TIME_WAIT restarting on a retransmitted FIN re-enters itself: worth a trace line.
  if (to !== from || (reentered && ev.type === 'SEGMENT' && (cause === RCV || cause.startsWith('rcv')))) {
    // The cause text is built only here, when the state changes.
    if (out instanceof EffectList) out.state(c.sock, from, to, out.causes ? causeText(cause, ev) : cause);
    else out.push({ kind: 'state', sock: c.sock, from, to, cause: causeText(cause, ev) });
  }
  return from;
}

/** The reference: XState's transition(); returns whether the TIME_WAIT timer was armed. */
function stepXState(c: Conn, ev: EndpointEvent, out: EffectSink): boolean {
  const snap = endpointMachine.resolveState({ value: c.state, context: c.tcb }) as EndpointSnapshot;
  const [next, actions] = transition(endpointMachine, snap, ev);
  c.state = next.value as unknown as TcpState;
  c.tcb = next.context;
  let timeWait = false;
  for (const a of actions as readonly { type: string; params?: unknown }[]) {
    const p = a.params as Record<string, unknown> | undefined;
    if (a.type === 'xstate.emit' && p) {
      const e = p.event as { type: 'segment'; seg: Segment; rtx: boolean };
      out.push({ kind: 'send', sock: c.sock, seg: e.seg, rtx: e.rtx, addr: c.addr });
    } else if (a.type === 'xstate.raise' && p && typeof p.delay === 'number') {
      const timer = p.id as TimerName;
      const after = (p.event as { after?: number } | undefined)?.after;
      c.timers = addTimer(c.timers, timer);
      if (timer === 'TIME_WAIT') timeWait = true;
      out.push({ kind: 'timer', sock: c.sock, timer, action: 'set', delay: after ?? p.delay / 1000 });
    } else if (a.type === 'xstate.cancel' && p) {
      const timer = p.sendId as TimerName;
      if (hasTimer(c.timers, timer)) {
        c.timers = deleteTimer(c.timers, timer);
        out.push({ kind: 'timer', sock: c.sock, timer, action: 'cancel' });
      }
    }
  }
  return timeWait;
}
