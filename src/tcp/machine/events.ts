import type { Segment } from '../segment.ts';
import type { Verdict } from '../rules/verdict.ts';
import type { KeepaliveOpts } from '../tcb.ts';

/** Every event carries the virtual time (seconds) at which the host delivers it. */
interface At {
  now: number;
}

/** Application calls (RFC 9293 §3.10 user calls, socket-API spelling). */
export type AppEvent =
  | ({ type: 'CONNECT' } & At)
  | ({ type: 'LISTEN' } & At)
  | ({ type: 'SEND'; bytes: number } & At)
  | ({ type: 'READ'; bytes: number } & At)
  | ({ type: 'CLOSE' } & At)
  | ({ type: 'SHUTDOWN_WR' } & At)
  | ({ type: 'SHUTDOWN_RD' } & At)
  | ({ type: 'ABORT' } & At)
  | ({ type: 'SET_KEEPALIVE'; opts: KeepaliveOpts } & At)
  | ({ type: 'SET_LINGER0'; on: boolean } & At);

/** A segment that arrived, with the host's RFC 9293 §3.10.7 verdict on it. */
export type SegmentEvent = { type: 'SEGMENT'; seg: Segment; v: Verdict } & At;

/** Timer expiry; the names are the trace's timer names. */
export type TimerEventType = 'TIMEOUT.RTO' | 'TIMEOUT.TIME_WAIT' | 'TIMEOUT.FIN_WAIT_2' | 'TIMEOUT.KEEPALIVE' | 'TIMEOUT.DELACK';
/** `after`: the delay it was armed with, in seconds (set by the XState adapter; informational). */
export type TimeoutEvent = { type: TimerEventType; after?: number } & At;

/** The host has no room for another TIME_WAIT socket (tcp_max_tw_buckets). */
export type OverflowEvent = { type: 'TW_OVERFLOW' } & At;

export type EndpointEvent = AppEvent | SegmentEvent | TimeoutEvent | OverflowEvent;

/** What the machine asks its host to put on the wire. */
export type EndpointEmitted = { type: 'segment'; seg: Segment; rtx: boolean };
