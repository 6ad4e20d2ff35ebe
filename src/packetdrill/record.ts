/**
 * What a run did, step by step, for a picture of it (the packetdrill view in the browser): every
 * segment on the wire in either direction, the stack's state changes, timers and the socket calls,
 * each stamped with the virtual time and the script line being run. Recorded only when asked
 * (`RunOptions.record`), so the CLI and the suites pay nothing for it.
 */
import type { Segment } from '../tcp/segment.ts';
import type { TimerName } from '../tcp/stack/effects.ts';
import type { TcpState } from '../tcp/states.ts';

interface At {
  /** virtual seconds since the script's start */
  t: number;
  /** the script line being run when it happened */
  line: number;
}

export type RunStep = At &
  (
    | /** a `<` line: the script's peer sends, the stack receives */ { kind: 'in'; seg: Segment }
    | /** the stack sent; `claimed` is the `>` line that matched it, if one did */ { kind: 'out'; seg: Segment; sock: number; rtx: boolean; claimed?: number }
    | { kind: 'state'; sock: number; from: TcpState; to: TcpState; cause: string }
    | { kind: 'timer'; sock: number; timer: TimerName; action: 'set' | 'cancel' | 'fire'; due?: number }
    | /** a socket call and, once it returns, its result (`text` as the ladder words it) */ { kind: 'call'; text: string }
    | /** where the run stopped: the end of the script, or the failure */ { kind: 'end' }
  );
