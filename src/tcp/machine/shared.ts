import type { TcpState } from '../states.ts';
import { err, retransmit, retriesLeft } from './chart.ts';

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

/**
 * Retransmission timeout: retransmit the head with back-off while the state's
 * retry limit allows (tcp_syn_retries, tcp_synack_retries, tcp_retries2 or
 * tcp_orphan_retries), then give up with ETIMEDOUT.
 */
export const rtoTimeout = (state: TcpState) =>
  [
    { guard: 'tlpDue', actions: ['sendLossProbe'] },
    { guard: retriesLeft(state), actions: [retransmit(state)] },
    { target: 'CLOSED', actions: [err('ETIMEDOUT')] },
  ] as const;
