import type { StateConfig } from '../chart.ts';
import { err } from '../chart.ts';
import { rtoTimeout } from '../shared.ts';

/** Active open: our SYN is out, waiting for the peer's SYN. */
export const SYN_SENT: StateConfig = {
  on: {
    // The option is remembered; the timer only runs on a synchronized connection.
    SET_KEEPALIVE: { actions: [{ type: 'setKeepalive', params: { armed: false } }] },
    SEGMENT: [
      { guard: 'rcvSynAckWithFin', target: 'CLOSE_WAIT', actions: ['recordSyn', 'acceptSegment', 'sendAck', 'armKeepalive', 'output'] },
      { guard: 'rcvSynAck', target: 'ESTABLISHED', actions: ['recordSyn', 'acceptSegment', 'sendAck', 'armKeepalive', 'output'] },
      // Simultaneous open: the peer's SYN crossed ours.
      { guard: 'rcvSyn', target: 'SYN_RCVD', actions: ['recordSyn', 'sendSynAck'] },
      { guard: 'rcvRstForSyn', target: 'CLOSED', actions: [err('ECONNREFUSED')] },
    ],
    'TIMEOUT.RTO': rtoTimeout('SYN_SENT'),
    CLOSE: { target: 'CLOSED' },
    ABORT: { target: 'CLOSED' },
  },
};
