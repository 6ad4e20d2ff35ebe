/**
 * Generates XState guards and actions from the plain guards and mutators, so
 * each has exactly one implementation. The XState action runs its mutator on a
 * copy of the context, assigns the result, and replays the recorded effects as
 * emit / delayed raise / cancel in the order the mutator reported them. Each
 * generated function keeps a reference to its source (`PLAIN`), which the
 * derived stepper's compiler checks, so it can never call a different function
 * than the machine does.
 */
import { enqueueActions } from 'xstate';
import type { Tcb } from '../tcb.ts';
import type { EndpointEmitted, EndpointEvent, TimerEventType } from './events.ts';
import { RecordingFx } from './fx.ts';
import type { Guard } from './guards.ts';
import type { Mutator } from './mutators.ts';

export const PLAIN: unique symbol = Symbol('plain implementation');

type Tagged<F, S> = F & { [PLAIN]: S };

/** A plain guard as an XState guard (params typed `unknown`: enqueueActions' typing rejects parameterized guards otherwise). */
export function xstateGuard<P>(g: Guard<P>): Tagged<(a: { context: Tcb; event: EndpointEvent }, p: unknown) => boolean, Guard<P>> {
  const f = (a: { context: Tcb; event: EndpointEvent }, p: unknown) => g(a.context, a.event, p as P);
  return Object.assign(f, { [PLAIN]: g });
}

/** The copy a mutator works on in the XState path: XState's context is immutable. */
const copyTcb = (t: Tcb): Tcb => ({ ...t });

/** A mutator as an XState action. */
export function xstateAction<P>(m: Mutator<P>) {
  const action = enqueueActions<Tcb, EndpointEvent, P, EndpointEvent, never, never, never, never, EndpointEmitted>(({ enqueue, context, event }, params) => {
    const t = copyTcb(context);
    const fx = new RecordingFx();
    m(t, event, fx, params);
    enqueue.assign(() => t);
    for (const r of fx.list) {
      if (r.kind === 'send') enqueue.emit({ type: 'segment', seg: r.seg, rtx: r.rtx });
      // `after` carries the exact delay in seconds (milliseconds would round-trip through * 1000 / 1000).
      else if (r.kind === 'set') enqueue.raise({ type: `TIMEOUT.${r.timer}` as TimerEventType, now: 0, after: r.seconds }, { id: r.timer, delay: r.seconds * 1000 });
      else enqueue.cancel(r.timer);
    }
  });
  return Object.assign(action, { [PLAIN]: m as Mutator<unknown> });
}
