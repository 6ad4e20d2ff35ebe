/**
 * The world's public vocabulary: trace events (DESIGN.md "Trace"), app and
 * network actions, and the read-only view the UI draws from.
 */
import type { TcpState } from '../tcp/states.ts';
import type { FlagName } from '../tcp/segment.ts';
import type { Profile } from '../tcp/knobs.ts';

export type PeerName = 'client' | 'server';
export const PEERS: readonly PeerName[] = ['client', 'server'];
export const otherPeer = (p: PeerName): PeerName => (p === 'client' ? 'server' : 'client');

export type TimerName = 'RTO' | 'TIME_WAIT' | 'FIN_WAIT_2' | 'KEEPALIVE' | 'DELACK';

/** A segment as the trace prints it; seq/ack are absolute. */
export interface TraceSegment {
  id: number;
  flags: FlagName[];
  seq: number;
  ack: number;
  len: number;
  win: number;
}

interface Base {
  /** virtual seconds */
  t: number;
  peer: PeerName;
  sock?: number;
}
export interface AppEvent extends Base { type: 'app'; call: string; result: string; args?: Record<string, unknown> }
export interface StateEvent extends Base { type: 'state'; from: TcpState; to: TcpState; cause: string }
export interface SendEvent extends Base { type: 'send'; seg: TraceSegment; retransmit?: boolean; /** a tail loss probe (RFC 8985) */ tlp?: boolean }
export interface DeliverEvent extends Base { type: 'deliver'; seg: TraceSegment }
export interface DropEvent extends Base { type: 'drop'; seg: TraceSegment; reason: string }
export interface TimerEvent extends Base { type: 'timer'; timer: TimerName; action: 'set' | 'fire' | 'cancel'; due?: number }
export type TraceEvent = AppEvent | StateEvent | SendEvent | DeliverEvent | DropEvent | TimerEvent;

export interface Trace {
  scenario: string;
  profile: Profile;
  seed: number;
  events: TraceEvent[];
}

/** Application calls a scenario or the UI can make (DESIGN.md scenario `do`). */
export type AppAction =
  | { do: 'listen'; backlog?: number }
  | { do: 'connect' }
  | { do: 'send'; bytes: number }
  | { do: 'read'; bytes?: number }
  | { do: 'shutdown'; how: 'wr' | 'rd' | 'rdwr' }
  | { do: 'close' }
  | { do: 'abort' }
  | { do: 'keepalive'; on: boolean; idle?: number; intvl?: number; cnt?: number };
export type HostAction = { do: 'crash' } | { do: 'reboot' };

export type Direction = 'client->server' | 'server->client';
export type NetAction =
  | { net: 'drop-next'; dir: Direction; flags?: string }
  | { net: 'loss'; percent: number }
  | { net: 'delay'; seconds: number }
  | { net: 'partition' }
  | { net: 'heal' };

/** The outcome an application sees, as a string like `0`, `100`, `-1 ECONNREFUSED`, `EINPROGRESS`. */
export interface AppResult {
  ok: boolean;
  result: string;
  errno?: string;
}

/** Everything the UI needs to draw one moment; plain data. */
export interface SegmentView {
  id: number;
  from: PeerName;
  to: PeerName;
  flags: FlagName[];
  seq: number;
  ack: number;
  len: number;
  win: number;
  srcPort: number;
  dstPort: number;
  /** relative numbers: seq - sender ISN, ack - receiver ISN (0 when unknown) */
  relSeq: number;
  relAck: number;
  sentAt: number;
  arriveAt: number;
  status: 'in-flight' | 'delivered' | 'dropped';
  dropReason?: string;
  /** where on the wire it was lost (seconds) */
  dropAt?: number;
  retransmit: boolean;
  /** a tail loss probe (RFC 8985): the ladder labels it TLP */
  tlp?: boolean;
  /** the sender's congestion window in segments once it had sent this one (absent without congestion control) */
  cwnd?: number;
}
export interface TimerView {
  peer: PeerName;
  sock: number;
  timer: TimerName;
  setAt: number;
  due: number;
}
export interface PeerView {
  peer: PeerName;
  /** The state of the peer's connection, as textbooks draw it (a listener's child once it exists). */
  state: TcpState;
  /** State history for banding the sequence diagram: entered at t. */
  history: { t: number; state: TcpState; cause: string }[];
  sockets: { sock: number; state: TcpState; listening: boolean }[];
  crashed: boolean;
  neverClose: boolean;
  /** SO_KEEPALIVE on the socket the application acts on */
  keepalive: boolean;
  lastResults: { t: number; call: string; result: string }[];
  /** what the application could call now, derived from the socket state */
  canCall: Record<AppAction['do'], boolean>;
  /** congestion control of the peer's connection, or null (none: no connection, or initial_cwnd = 0) */
  cwnd: CwndView | null;
}
/** The congestion window of a connection (Reno, counted in segments as Linux does). */
export interface CwndView {
  /** segments the window allows in flight */
  segs: number;
  /** the same in bytes (segs x MSS) */
  bytes: number;
  /** slow-start threshold in segments; null while still unbounded (no loss yet) */
  ssthresh: number | null;
  /** bytes sent and not yet acknowledged */
  inFlight: number;
  mss: number;
}
