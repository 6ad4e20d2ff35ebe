import type { StateConfig } from '../chart.ts';
import { err } from '../chart.ts';
import { rtoTimeout } from '../shared.ts';

/** Both FINs crossed; waiting for the ACK of ours. */
export const CLOSING: StateConfig = {
  on: {
    SEGMENT: [
      { guard: 'rcvAckOfFin', target: 'TIME_WAIT', actions: ['acceptSegment'] },
      { guard: 'rcvAck', actions: ['acceptSegment'] },
      { guard: 'rcvRst', target: 'CLOSED', actions: [err('ECONNRESET')] },
      { guard: 'rcvSynInWindow', target: 'CLOSED', actions: ['sendRstAck', err('ECONNRESET')] },
    ],
    CLOSE: { actions: ['markOrphan'] },
    ABORT: { target: 'CLOSED', actions: ['sendRstAck'] },
    'TIMEOUT.RTO': rtoTimeout('CLOSING'),
  },
};
