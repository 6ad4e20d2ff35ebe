/**
 * The effect sink a mutator reports to. A mutator changes the TCB in place and
 * tells `fx` what the host must do: put a segment on the wire, arm or cancel a
 * timer. The XState adapter records these calls and turns them into XState's
 * emit/raise/cancel actions; the derived stepper hands them to the host directly.
 */
import type { Segment } from '../segment.ts';

export type TimerName = 'RTO' | 'TIME_WAIT' | 'FIN_WAIT_2' | 'KEEPALIVE' | 'DELACK';
export const TIMER_NAMES: readonly TimerName[] = ['RTO', 'TIME_WAIT', 'FIN_WAIT_2', 'KEEPALIVE', 'DELACK'];

/** TIMER_NAMES.indexOf(t), as a switch: looked up for every timer a host sets, checks or cancels. */
export function timerIndex(t: TimerName): number {
  switch (t) {
    case 'RTO':
      return 0;
    case 'TIME_WAIT':
      return 1;
    case 'FIN_WAIT_2':
      return 2;
    case 'KEEPALIVE':
      return 3;
    case 'DELACK':
      return 4;
  }
  return TIMER_NAMES.indexOf(t);
}

export interface Fx {
  /** put `seg` on the wire (`rtx`: a retransmission) */
  send(seg: Segment, rtx: boolean): void;
  /** arm (or re-arm: like mod_timer, a second set replaces the first) `timer` to fire in `seconds` */
  set(timer: TimerName, seconds: number): void;
  /** stop `timer` if it runs */
  cancel(timer: TimerName): void;
}

/** One effect as a recording Fx keeps it, in call order. */
export type FxRecord = { kind: 'send'; seg: Segment; rtx: boolean } | { kind: 'set'; timer: TimerName; seconds: number } | { kind: 'cancel'; timer: TimerName };

/** An Fx that keeps every call, in order (the XState adapter and the tests use it). */
export class RecordingFx implements Fx {
  readonly list: FxRecord[] = [];
  send(seg: Segment, rtx: boolean): void {
    this.list.push({ kind: 'send', seg, rtx });
  }
  set(timer: TimerName, seconds: number): void {
    this.list.push({ kind: 'set', timer, seconds });
  }
  cancel(timer: TimerName): void {
    this.list.push({ kind: 'cancel', timer });
  }
}
