import type { Segment } from '../segment.ts';
import type { TcpState } from '../states.ts';

export type TimerName = 'RTO' | 'TIME_WAIT' | 'FIN_WAIT_2' | 'KEEPALIVE' | 'DELACK';
export const TIMER_NAMES: readonly TimerName[] = ['RTO', 'TIME_WAIT', 'FIN_WAIT_2', 'KEEPALIVE', 'DELACK'];

/**
 * What a host's stack did in response to one input. The world turns these into
 * trace events and scheduled deliveries; the stack itself knows no clock.
 */
export type StackEffect =
  | { kind: 'send'; sock: number; seg: Segment; rtx: boolean }
  | { kind: 'state'; sock: number; from: TcpState; to: TcpState; cause: string }
  | { kind: 'timer'; sock: number; timer: TimerName; action: 'set' | 'cancel'; delay?: number }
  /** an asynchronous outcome the application observes: connect() completing, accept() ready, an error */
  | { kind: 'app'; sock: number; call: string; result: string };
