import type { TcpState } from '../../tcp/states.ts';

/** One colour per state, the same on every chart and legend of the fleet page. */
export const STATE_COLOURS: Record<TcpState, string> = {
  CLOSED: '#9e9e9e',
  LISTEN: '#4e79a7',
  SYN_SENT: '#a0cbe8',
  SYN_RCVD: '#f28e2b',
  ESTABLISHED: '#59a14f',
  FIN_WAIT_1: '#e15759',
  FIN_WAIT_2: '#ff9d9a',
  CLOSE_WAIT: '#b07aa1',
  CLOSING: '#edc948',
  LAST_ACK: '#9c755f',
  TIME_WAIT: '#76b7b2',
};
