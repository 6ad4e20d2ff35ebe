import type { StateConfig } from '../chart.ts';
import { err } from '../chart.ts';
import { keepaliveTimeout, rtoTimeout } from '../shared.ts';

/** Our FIN is out and not yet acknowledged. */
export const FIN_WAIT_1: StateConfig = {
  on: {
    SEGMENT: [
      { guard: 'rcvDataAfterClose', target: 'CLOSED', actions: ['sendRstAck', err('ECONNRESET')] },
      // The peer's FIN carries the ACK of ours: straight to TIME_WAIT.
      { guard: 'rcvFinAndAckOfFin', target: 'TIME_WAIT', actions: ['acceptSegment', 'sendAck'] },
      // Simultaneous close: the FINs crossed.
      { guard: 'rcvFin', target: 'CLOSING', actions: ['acceptSegment', 'ackCrossingFin'] },
      { guard: 'rcvAckOfFin', target: 'FIN_WAIT_2', actions: ['acceptSegment', 'ackData'] },
      { guard: 'rcvAck', actions: ['acceptSegment', 'ackData', 'output'] },
      { guard: 'rcvRst', target: 'CLOSED', actions: [err('ECONNRESET')] },
      { guard: 'rcvSynInWindow', target: 'CLOSED', actions: ['sendRstAck', err('ECONNRESET')] },
    ],
    CLOSE: [{ guard: 'closeResets', target: 'CLOSED', actions: ['sendRstAck'] }, { actions: ['markOrphan'] }],
    ABORT: { target: 'CLOSED', actions: ['sendRstAck'] },
    'TIMEOUT.RTO': rtoTimeout('FIN_WAIT_1'),
    'TIMEOUT.KEEPALIVE': keepaliveTimeout,
  },
};
