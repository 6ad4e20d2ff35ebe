import type { StateConfig } from '../chart.ts';

/** Passive open. The host spawns a child per SYN; the child starts here and moves on. */
export const LISTEN: StateConfig = {
  on: {
    // The option is remembered; the timer only runs on a synchronized connection.
    SET_KEEPALIVE: { actions: [{ type: 'setKeepalive', params: { armed: false } }] },
    SEGMENT: [{ guard: 'rcvSyn', target: 'SYN_RCVD', actions: ['recordSyn', 'sendSynAck'] }],
    CLOSE: { target: 'CLOSED' },
    ABORT: { target: 'CLOSED' },
  },
};
