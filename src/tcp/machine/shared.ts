import { err } from './chart.ts';

/**
 * Keepalive expiry, the same in every state that runs the timer (Linux runs it
 * in CLOSE_WAIT and FIN_WAIT too): wait out the idle time, probe, or give up
 * with an RST and ETIMEDOUT.
 */
export const keepaliveTimeout = [
  { guard: 'keepaliveNotIdle', actions: ['keepaliveWait'] },
  { guard: 'keepaliveProbesLeft', actions: ['sendKeepaliveProbe'] },
  { target: 'CLOSED', actions: ['sendRstAck', err('ETIMEDOUT')] },
] as const;
