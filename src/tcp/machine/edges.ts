/**
 * The state diagram's edges, derived from the endpoint machine itself
 * (DESIGN.md invariant 1): every transition with a target other than its
 * source, with an `event / action` label built from the guard and action names.
 */
import type { TcpState } from '../states.ts';
import { TCP_STATES } from '../states.ts';
import { endpointMachine } from './endpoint.ts';

export interface Edge {
  /** stable id, e.g. `ESTABLISHED->CLOSE_WAIT:SEGMENT:rcvFin` */
  id: string;
  from: TcpState;
  to: TcpState;
  event: string;
  guard: string | null;
  actions: string[];
  /** what happens, e.g. `rcv FIN` */
  on: string;
  /** what TCP sends in reply, e.g. `snd ACK`, or '' */
  does: string;
}

/**
 * An edge as the pages draw and explain it: without its id and action list, which no page shows.
 * The build ships these (virtual:tcp-edges), so every first load carries only what is drawn.
 */
export type DrawnEdgeSource = Omit<Edge, 'id' | 'actions'>;

/** `edges` as the build ships them (firstPicturePlugin.ts). */
export const drawnEdgeSources = (edges: readonly Edge[]): DrawnEdgeSource[] => edges.map(({ from, to, event, guard, on, does }) => ({ from, to, event, guard, on, does }));

/** Guard and event names read as the RFC's diagram labels; the vocabulary lives here, the edges in the machine. */
const EVENT_LABEL: Record<string, string> = {
  CONNECT: 'connect()',
  LISTEN: 'listen()',
  CLOSE: 'close()',
  ABORT: 'abort (SO_LINGER 0)',
  SHUTDOWN_WR: 'shutdown(SHUT_WR)',
  'TIMEOUT.RTO': 'retries exhausted',
  'TIMEOUT.TIME_WAIT': 'timeout = 2MSL',
  TW_OVERFLOW: 'tcp_max_tw_buckets full',
  'TIMEOUT.FIN_WAIT_2': 'tcp_fin_timeout',
  'TIMEOUT.KEEPALIVE': 'keepalive gives up',
};
const GUARD_LABEL: Record<string, string> = {
  rcvSyn: 'rcv SYN',
  rcvSynAck: 'rcv SYN,ACK',
  rcvSynAckWithFin: 'rcv SYN,ACK with FIN',
  rcvRstForSyn: 'rcv RST (ACK of SYN)',
  rcvRst: 'rcv RST',
  'rcvRst+passiveOpen': 'rcv RST (passive open)',
  'rcvFin+delayFinAck': 'rcv FIN (ACK delayed)',
  rcvSynInWindow: 'rcv SYN in window (RFC 793)',
  rcvNewSyn: 'rcv new SYN',
  rcvAck: 'rcv ACK of SYN',
  rcvFin: 'rcv FIN',
  rcvAckOfFin: 'rcv ACK of FIN',
  rcvFinAndAckOfFin: 'rcv FIN,ACK of FIN',
  rcvDataAfterClose: 'rcv data after close',
  closeResets: 'close() with unread data',
};
const ACTION_LABEL: Record<string, string> = {
  sendSyn: 'SYN',
  sendSynAck: 'SYN,ACK',
  sendAck: 'ACK',
  sendRstAck: 'RST',
  output: '',
  queueFin: 'FIN',
};

interface TransitionLike {
  eventType: string;
  target?: readonly { key: string }[];
  guard?: unknown;
  actions: readonly unknown[];
}

const nameOf = (x: unknown): string | null => {
  if (typeof x === 'string') return x;
  // and([...]) guards: name them by their parts, e.g. `rcvRst+passiveOpen`
  const parts = typeof x === 'function' ? (x as { guards?: unknown[] }).guards : undefined;
  if (Array.isArray(parts)) return parts.map(nameOf).join('+');
  if (x && typeof x === 'object' && 'type' in x && typeof (x as { type: unknown }).type === 'string') return (x as { type: string }).type;
  return null;
};

function label(event: string, guard: string | null, actions: string[]): { on: string; does: string } {
  // A composite guard without its own label reads as its first part (the event that arrived).
  const on = (guard && (GUARD_LABEL[guard] ?? GUARD_LABEL[guard.split('+')[0]!])) ?? EVENT_LABEL[event] ?? event;
  const sends = actions.map((a) => ACTION_LABEL[a]).filter((a): a is string => !!a);
  return { on, does: sends.length ? `snd ${sends.join(',')}` : '' };
}

export function deriveEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const from of TCP_STATES) {
    const node = endpointMachine.states[from];
    if (!node) continue;
    for (const [event, list] of node.transitions) {
      for (const t of list as unknown as TransitionLike[]) {
        const to = t.target?.[0]?.key as TcpState | undefined;
        if (!to || to === from) continue;
        const guard = nameOf(t.guard);
        const actions = t.actions.map(nameOf).filter((a): a is string => a !== null);
        const { on, does } = label(event, guard, actions);
        edges.push({ id: `${from}->${to}:${event}:${guard ?? ''}`, from, to, event, guard, actions, on, does });
      }
    }
  }
  return edges;
}

export const EDGES: readonly Edge[] = deriveEdges();
