import { initialTransition, transition } from 'xstate';
import type { SnapshotFrom } from 'xstate';
import { endpointMachine } from '../machine/endpoint.ts';
import type { EndpointEvent } from '../machine/events.ts';
import type { TcpState } from '../states.ts';
import type { Tcb } from '../tcb.ts';
import type { StackEffect, TimerName } from './effects.ts';

export type EndpointSnapshot = SnapshotFrom<typeof endpointMachine>;

/** One connection's machine and the timers it has running, stepped with XState's pure `transition`. */
export interface Conn {
  sock: number;
  snap: EndpointSnapshot;
  timers: Set<TimerName>;
}

export function newConn(sock: number, tcb: Tcb): Conn {
  const [snap] = initialTransition(endpointMachine, tcb);
  return { sock, snap, timers: new Set() };
}

export const stateOf = (c: Conn): TcpState => c.snap.value as unknown as TcpState;

/**
 * Feeds one event to the connection and returns what it did. Delayed raises are
 * timers to set (a second set of the same id replaces the first, like mod_timer);
 * cancels of timers that are not running are not reported.
 */
export function stepConn(c: Conn, ev: EndpointEvent, cause: string, out: StackEffect[]): { from: TcpState; to: TcpState } {
  const from = stateOf(c);
  const [next, actions] = transition(endpointMachine, c.snap, ev);
  c.snap = next;
  for (const a of actions as readonly { type: string; params?: unknown }[]) {
    const p = a.params as Record<string, unknown> | undefined;
    if (a.type === 'xstate.emit' && p) {
      const e = p.event as { type: 'segment'; seg: import('../segment.ts').Segment; rtx: boolean };
      out.push({ kind: 'send', sock: c.sock, seg: e.seg, rtx: e.rtx });
    } else if (a.type === 'xstate.raise' && p && typeof p.delay === 'number') {
      const timer = p.id as TimerName;
      c.timers.add(timer);
      out.push({ kind: 'timer', sock: c.sock, timer, action: 'set', delay: p.delay / 1000 });
    } else if (a.type === 'xstate.cancel' && p) {
      const timer = p.sendId as TimerName;
      if (c.timers.delete(timer)) out.push({ kind: 'timer', sock: c.sock, timer, action: 'cancel' });
    }
  }
  const to = stateOf(c);
  if (to !== from || cause.startsWith('rcv') && ev.type === 'SEGMENT' && isReentry(actions)) {
    out.push({ kind: 'state', sock: c.sock, from, to, cause });
  }
  return { from, to };
}

/** TIME_WAIT restarting on a retransmitted FIN re-enters itself: worth a trace line. */
function isReentry(actions: readonly { type: string; params?: unknown }[]): boolean {
  return actions.some((a) => a.type === 'xstate.raise' && (a.params as { id?: string } | undefined)?.id === 'TIME_WAIT');
}
