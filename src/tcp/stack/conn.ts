import { transition } from 'xstate';
import type { SnapshotFrom } from 'xstate';
import { endpointMachine } from '../machine/endpoint.ts';
import type { EndpointEvent } from '../machine/events.ts';
import type { TcpState } from '../states.ts';
import type { Tcb } from '../tcb.ts';
import type { StackEffect, TimerName } from './effects.ts';

export type EndpointSnapshot = SnapshotFrom<typeof endpointMachine>;

/**
 * One connection: its machine state, its TCB and the timers it has running.
 * Only the state value and context are kept between events (a full XState
 * snapshot per connection would cost several times the memory); the snapshot
 * is rebuilt for each step, which is cheap next to the transition itself.
 */
export interface Conn {
  sock: number;
  state: TcpState;
  tcb: Tcb;
  timers: Set<TimerName>;
}

export function newConn(sock: number, tcb: Tcb, state: TcpState = 'CLOSED'): Conn {
  return { sock, state, tcb, timers: new Set() };
}

export const stateOf = (c: Conn): TcpState => c.state;

/**
 * Feeds one event to the connection and returns what it did. Delayed raises are
 * timers to set (a second set of the same id replaces the first, like mod_timer);
 * cancels of timers that are not running are not reported.
 */
export function stepConn(c: Conn, ev: EndpointEvent, cause: string, out: StackEffect[]): { from: TcpState; to: TcpState } {
  const from = c.state;
  const snap = endpointMachine.resolveState({ value: c.state, context: c.tcb }) as EndpointSnapshot;
  const [next, actions] = transition(endpointMachine, snap, ev);
  c.state = next.value as unknown as TcpState;
  c.tcb = next.context;
  for (const a of actions as readonly { type: string; params?: unknown }[]) {
    const p = a.params as Record<string, unknown> | undefined;
    if (a.type === 'xstate.emit' && p) {
      const e = p.event as { type: 'segment'; seg: import('../segment.ts').Segment; rtx: boolean };
      out.push({ kind: 'send', sock: c.sock, seg: e.seg, rtx: e.rtx });
    } else if (a.type === 'xstate.raise' && p && typeof p.delay === 'number') {
      const timer = p.id as TimerName;
      const after = (p.event as { after?: number } | undefined)?.after;
      c.timers.add(timer);
      out.push({ kind: 'timer', sock: c.sock, timer, action: 'set', delay: after ?? p.delay / 1000 });
    } else if (a.type === 'xstate.cancel' && p) {
      const timer = p.sendId as TimerName;
      if (c.timers.delete(timer)) out.push({ kind: 'timer', sock: c.sock, timer, action: 'cancel' });
    }
  }
  const to = c.state;
  if (to !== from || cause.startsWith('rcv') && ev.type === 'SEGMENT' && isReentry(actions)) {
    out.push({ kind: 'state', sock: c.sock, from, to, cause });
  }
  return { from, to };
}

/** TIME_WAIT restarting on a retransmitted FIN re-enters itself: worth a trace line. */
function isReentry(actions: readonly { type: string; params?: unknown }[]): boolean {
  return actions.some((a) => a.type === 'xstate.raise' && (a.params as { id?: string } | undefined)?.id === 'TIME_WAIT');
}
