import { and } from 'xstate';
import type { StateConfig } from '../chart.ts';
import { err } from '../chart.ts';
import { keepaliveTimeout, rtoTimeout } from '../shared.ts';

/** The connection is open both ways: data flows. */
export const ESTABLISHED: StateConfig = {
  on: {
    SEGMENT: [
      { guard: and(['rcvFin', 'delayFinAck']), target: 'CLOSE_WAIT', actions: ['acceptSegment', 'armDelayedAck', 'output'] },
      { guard: 'rcvFin', target: 'CLOSE_WAIT', actions: ['acceptSegment', 'sendAck', 'output'] },
      { guard: 'rcvAck', actions: ['acceptSegment', 'ackData', 'output'] },
      { guard: 'rcvRst', target: 'CLOSED', actions: [err('ECONNRESET')] },
      { guard: 'rcvSynInWindow', target: 'CLOSED', actions: ['sendRstAck', err('ECONNRESET')] },
    ],
    SEND: { actions: ['queueData', 'output'] },
    CLOSE: [
      { guard: 'closeResets', target: 'CLOSED', actions: ['sendRstAck'] },
      { target: 'FIN_WAIT_1', actions: ['markOrphan', 'queueFin', 'output'] },
    ],
    SHUTDOWN_WR: { target: 'FIN_WAIT_1', actions: ['queueFin', 'output'] },
    ABORT: { target: 'CLOSED', actions: ['sendRstAck'] },
    'TIMEOUT.RTO': rtoTimeout('ESTABLISHED'),
    'TIMEOUT.KEEPALIVE': keepaliveTimeout,
  },
};
