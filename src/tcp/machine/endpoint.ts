/**
 * The TCP endpoint: one XState machine per connection with the 11 states of
 * RFC 9293. The chart lives in states/, one file per state; implementations
 * live in setup.ts. The host drives it with the pure `transition()` function, so
 * a connection is plain data (value + TCB) and the world can be snapshotted.
 */
import { endpointSetup } from './setup.ts';
import { CLOSED } from './states/closed.ts';
import { LISTEN } from './states/listen.ts';
import { SYN_SENT } from './states/syn-sent.ts';
import { SYN_RCVD } from './states/syn-rcvd.ts';
import { ESTABLISHED } from './states/established.ts';
import { FIN_WAIT_1 } from './states/fin-wait-1.ts';
import { FIN_WAIT_2 } from './states/fin-wait-2.ts';
import { CLOSE_WAIT } from './states/close-wait.ts';
import { CLOSING } from './states/closing.ts';
import { LAST_ACK } from './states/last-ack.ts';
import { TIME_WAIT } from './states/time-wait.ts';

export const endpointMachine = endpointSetup.createMachine({
  id: 'tcp',
  context: ({ input }) => input,
  initial: 'CLOSED',
  // Handled the same way in every state unless a state says otherwise.
  on: {
    SEGMENT: [
      { guard: 'replyAck', actions: ['sendOowAck'] },
      { guard: 'replyRst', actions: ['sendRstReply'] },
    ],
    READ: { actions: ['consumeRead'] },
    SHUTDOWN_RD: { actions: ['shutRead'] },
    SET_LINGER0: { actions: ['setLinger0'] },
    SET_KEEPALIVE: { actions: [{ type: 'setKeepalive', params: { armed: true } }] },
  },
  states: { CLOSED, LISTEN, SYN_SENT, SYN_RCVD, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT },
});

export type EndpointMachine = typeof endpointMachine;
