import type { StateConfig } from '../chart.ts';
import { err } from '../chart.ts';
import { rtoTimeout } from '../shared.ts';

/** We closed after the peer did; waiting for the ACK of our FIN. */
export const LAST_ACK: StateConfig = {
  on: {
    SEGMENT: [
      { guard: 'rcvAckOfFin', target: 'CLOSED', actions: ['acceptSegment'] },
      { guard: 'rcvAck', actions: ['acceptSegment'] },
      { guard: 'rcvRst', target: 'CLOSED', actions: [err('ECONNRESET')] },
      { guard: 'rcvSynInWindow', target: 'CLOSED', actions: ['sendRstAck', err('ECONNRESET')] },
    ],
    CLOSE: { actions: ['markOrphan'] },
    ABORT: { target: 'CLOSED', actions: ['sendRstAck'] },
    'TIMEOUT.RTO': rtoTimeout('LAST_ACK'),
  },
};
