import type { StateConfig } from '../chart.ts';

/** No connection. Entering it ends every timer; the host frees the TCB (or keeps the fd open). */
export const CLOSED: StateConfig = {
  entry: ['cancelTimers'],
  on: {
    // The option is remembered; the timer only runs on a synchronized connection.
    SET_KEEPALIVE: { actions: [{ type: 'setKeepalive', params: { armed: false } }] },
    CONNECT: { target: 'SYN_SENT', actions: ['sendSyn'] },
    LISTEN: { target: 'LISTEN' },
  },
};
