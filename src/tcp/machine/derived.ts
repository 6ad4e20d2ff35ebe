/** The endpoint machine's derived stepper, compiled once when this module loads (see compile.ts). */
import { TCP_STATES } from '../states.ts';
import { compileMachine } from './compile.ts';
import { endpointMachine } from './endpoint.ts';

export const DERIVED = compileMachine(endpointMachine, TCP_STATES);
