import type { Segment } from '../segment.ts';
import type { TcpState } from '../states.ts';

import type { TimerName } from '../machine/fx.ts';

export type { TimerName } from '../machine/fx.ts';
export { TIMER_NAMES } from '../machine/fx.ts';

/**
 * What a host's stack did in response to one input. The world turns these into
 * trace events and scheduled deliveries; the stack itself knows no clock.
 */
export type StackEffect =
  /** `addr`: the destination host's address (0 in a two-host world) */
  | { kind: 'send'; sock: number; seg: Segment; rtx: boolean; addr?: number }
  | { kind: 'state'; sock: number; from: TcpState; to: TcpState; cause: string }
  | { kind: 'timer'; sock: number; timer: TimerName; action: 'set' | 'cancel'; delay?: number }
  /** an asynchronous outcome the application observes: connect() completing, accept() ready, an error */
  | { kind: 'app'; sock: number; call: string; result: string };
