import { and } from 'xstate';
import type { StateConfig } from '../chart.ts';
import { err } from '../chart.ts';
import { keepaliveTimeout, rtoTimeout } from '../shared.ts';

/**
 * The peer has closed its side; we may still send. Only the application's
 * close() leaves this state: no timer ends it (the CLOSE_WAIT leak).
 */
export const CLOSE_WAIT: StateConfig = {
  on: {
    SEGMENT: [
      { guard: 'rcvAck', actions: ['acceptSegment', 'output'] },
      { guard: and(['rcvRst', 'rstAfterFinEpipe']), target: 'CLOSED', actions: [err('EPIPE')] },
      { guard: 'rcvRst', target: 'CLOSED', actions: [err('ECONNRESET')] },
      { guard: 'rcvSynInWindow', target: 'CLOSED', actions: ['sendRstAck', err('ECONNRESET')] },
    ],
    SEND: { actions: ['queueData', 'output'] },
    CLOSE: [
      { guard: 'closeResets', target: 'CLOSED', actions: ['sendRstAck'] },
      { target: 'LAST_ACK', actions: ['markOrphan', 'queueFin', 'output'] },
    ],
    SHUTDOWN_WR: { target: 'LAST_ACK', actions: ['queueFin', 'output'] },
    ABORT: { target: 'CLOSED', actions: ['sendRstAck'] },
    'TIMEOUT.RTO': rtoTimeout('CLOSE_WAIT'),
    'TIMEOUT.KEEPALIVE': keepaliveTimeout,
    // The ACK of the peer's FIN, delayed in pingpong mode.
    'TIMEOUT.DELACK': { actions: ['sendAck'] },
  },
};
