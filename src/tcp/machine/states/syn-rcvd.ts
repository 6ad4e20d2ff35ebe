import { and } from 'xstate';
import type { StateConfig } from '../chart.ts';
import { err } from '../chart.ts';
import { rtoTimeout } from '../shared.ts';

/** Our SYN,ACK is out; waiting for the ACK that completes the handshake. */
export const SYN_RCVD: StateConfig = {
  on: {
    // The option is remembered; the timer only runs on a synchronized connection.
    SET_KEEPALIVE: { actions: [{ type: 'setKeepalive', params: { armed: false } }] },
    SEGMENT: [
      { guard: 'rcvFin', target: 'CLOSE_WAIT', actions: ['acceptSegment', 'sendAck', 'armKeepalive', 'output'] },
      { guard: 'rcvAck', target: 'ESTABLISHED', actions: ['acceptSegment', 'releaseHeldText', 'ackData', 'armKeepalive', 'output'] },
      { guard: 'rcvSynAgain', actions: ['resendSynAck'] },
      // A connection that came from LISTEN goes back there (RFC 9293 §3.10.7.4).
      { guard: and(['rcvRst', 'passiveOpen']), target: 'LISTEN', actions: ['cancelTimers'] },
      { guard: 'rcvRst', target: 'CLOSED', actions: [err('ECONNREFUSED')] },
      { guard: 'rcvSynInWindow', target: 'CLOSED', actions: ['sendRstAck', err('ECONNRESET')] },
    ],
    'TIMEOUT.RTO': rtoTimeout('SYN_RCVD'),
    CLOSE: [
      { guard: 'closeResets', target: 'CLOSED', actions: ['sendRstAck'] },
      { target: 'FIN_WAIT_1', actions: ['markOrphan', 'queueFin', 'output'] },
    ],
    ABORT: { target: 'CLOSED', actions: ['sendRstAck'] },
  },
};
