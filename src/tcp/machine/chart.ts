import type { TcpState } from '../states.ts';
import type { endpointSetup } from './setup.ts';

/** The config type of one state of the endpoint chart, checked against the named implementations. */
type MachineConfig = Parameters<typeof endpointSetup.createMachine>[0];
export type StateConfig = NonNullable<MachineConfig['states']>[string];

/** Transition helpers that keep each state file declarative. */
export const err = (errno: 'ECONNREFUSED' | 'ECONNRESET' | 'ETIMEDOUT' | 'EPIPE') => ({ type: 'setError', params: { errno } }) as const;
export const retransmit = (state: TcpState) => ({ type: 'retransmit', params: { state } }) as const;
export const retriesLeft = (state: TcpState) => ({ type: 'retriesLeft', params: { state } }) as const;
