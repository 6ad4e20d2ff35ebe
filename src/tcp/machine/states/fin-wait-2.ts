import type { StateConfig } from '../chart.ts';
import { err } from '../chart.ts';
import { keepaliveTimeout } from '../shared.ts';

/** Our FIN is acknowledged; waiting for the peer's FIN (for tcp_fin_timeout once orphaned). */
export const FIN_WAIT_2: StateConfig = {
  entry: ['armFinWait2'],
  on: {
    SEGMENT: [
      { guard: 'rcvDataAfterClose', target: 'CLOSED', actions: ['sendRstAck', err('ECONNRESET')] },
      { guard: 'rcvFin', target: 'TIME_WAIT', actions: ['acceptSegment', 'sendAck'] },
      { guard: 'rcvAck', actions: ['acceptSegment', 'ackData'] },
      { guard: 'rcvRst', target: 'CLOSED', actions: [err('ECONNRESET')] },
      { guard: 'rcvSynInWindow', target: 'CLOSED', actions: ['sendRstAck', err('ECONNRESET')] },
    ],
    CLOSE: [{ guard: 'closeResets', target: 'CLOSED', actions: ['sendRstAck'] }, { actions: ['markOrphan', 'armFinWait2'] }],
    ABORT: { target: 'CLOSED', actions: ['sendRstAck'] },
    'TIMEOUT.FIN_WAIT_2': [{ guard: 'finWait2Excess', actions: ['enterFinWait2Bucket'] }, { target: 'CLOSED' }],
    // An orphan's FIN_WAIT_2 lives in a TIME_WAIT bucket (Linux): none left, it is destroyed.
    TW_OVERFLOW: { target: 'CLOSED' },
    'TIMEOUT.KEEPALIVE': keepaliveTimeout,
  },
};
