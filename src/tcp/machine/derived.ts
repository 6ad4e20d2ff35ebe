/** The endpoint machine's derived stepper, compiled once when this module loads (see compile.ts). */
import type { TcpState } from '../states.ts';
import { stateIndex, TCP_STATES } from '../states.ts';
import type { Candidate } from './compile.ts';
import { compileMachine } from './compile.ts';
import { endpointMachine } from './endpoint.ts';

export const DERIVED = compileMachine(endpointMachine, TCP_STATES);

// DERIVED by state index; a segment's arrival, most of a host's steps, needs no lookup by name at all
const BY_STATE = TCP_STATES.map((s) => DERIVED.get(s)!);
const ON_SEGMENT = BY_STATE.map((m) => m.get('SEGMENT'));

/** DERIVED.get(state).get(type): the candidate transitions of an event of `type` in `state`. */
export function candidatesOf(state: TcpState, type: string): readonly Candidate[] | undefined {
  const i = stateIndex(state);
  return type === 'SEGMENT' ? ON_SEGMENT[i] : BY_STATE[i]!.get(type);
}
