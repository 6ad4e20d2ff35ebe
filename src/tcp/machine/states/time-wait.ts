import { and } from 'xstate';
import type { StateConfig } from '../chart.ts';

/**
 * The side that closed first waits out old duplicates (2 x MSL; 60 s on Linux).
 * A retransmitted FIN is ACKed again and restarts the wait; with tw_restart_on_ack
 * (Linux) so does every segment carrying an ACK, answered or not.
 */
export const TIME_WAIT: StateConfig = {
  entry: ['cancelTimers', 'armTimeWait'],
  on: {
    // The option is remembered; the timer only runs on a synchronized connection.
    SET_KEEPALIVE: { actions: [{ type: 'setKeepalive', params: { armed: false } }] },
    SEGMENT: [
      { guard: 'rcvFin', target: 'TIME_WAIT', reenter: true, actions: ['sendOowAck'] },
      { guard: and(['replyAck', 'twAnswerRestarts']), target: 'TIME_WAIT', reenter: true, actions: ['sendOowAck'] },
      { guard: and(['rcvAck', 'twAnswerRestarts']), target: 'TIME_WAIT', reenter: true },
      { guard: 'rcvRst', target: 'CLOSED' },
      { guard: 'rcvSynInWindow', target: 'CLOSED', actions: ['sendRstAck'] },
      { guard: 'rcvNewSyn', target: 'CLOSED' },
    ],
    CLOSE: { actions: ['markOrphan'] },
    ABORT: { target: 'CLOSED' },
    'TIMEOUT.TIME_WAIT': { target: 'CLOSED' },
    TW_OVERFLOW: { target: 'CLOSED' },
  },
};
