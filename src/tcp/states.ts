/** The 11 states of RFC 9293, spelled as DESIGN.md's contract (netstat style). */
export const TCP_STATES = [
  'CLOSED',
  'LISTEN',
  'SYN_SENT',
  'SYN_RCVD',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
] as const;

export type TcpState = (typeof TCP_STATES)[number];

/**
 * TCP_STATES.indexOf(s), as a switch: a host looks a state's index up on every state change
 * and every step, and a Map keyed by these strings cost a builtin call and a hash walk each
 * time (~6 % of a lean run's instructions with the other such lookups).
 */
export function stateIndex(s: TcpState): number {
  switch (s) {
    case 'CLOSED':
      return 0;
    case 'LISTEN':
      return 1;
    case 'SYN_SENT':
      return 2;
    case 'SYN_RCVD':
      return 3;
    case 'ESTABLISHED':
      return 4;
    case 'FIN_WAIT_1':
      return 5;
    case 'FIN_WAIT_2':
      return 6;
    case 'CLOSE_WAIT':
      return 7;
    case 'CLOSING':
      return 8;
    case 'LAST_ACK':
      return 9;
    case 'TIME_WAIT':
      return 10;
  }
  return TCP_STATES.indexOf(s);
}

export function isTcpState(s: string): s is TcpState {
  return (TCP_STATES as readonly string[]).includes(s);
}

/** States in which both sides' sequence numbers are known (RFC 9293 §3.10.7.4). */
export const SYNCHRONIZED: ReadonlySet<TcpState> = new Set<TcpState>([
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
]);

/** Display aliases (reference/linux-tcp-defaults.md). */
export const STATE_ALIASES: Record<TcpState, { rfc: string; netstat: string; ss: string }> = {
  CLOSED: { rfc: 'CLOSED', netstat: 'CLOSE', ss: 'UNCONN' },
  LISTEN: { rfc: 'LISTEN', netstat: 'LISTEN', ss: 'LISTEN' },
  SYN_SENT: { rfc: 'SYN-SENT', netstat: 'SYN_SENT', ss: 'SYN-SENT' },
  SYN_RCVD: { rfc: 'SYN-RECEIVED', netstat: 'SYN_RECV', ss: 'SYN-RECV' },
  ESTABLISHED: { rfc: 'ESTABLISHED', netstat: 'ESTABLISHED', ss: 'ESTAB' },
  FIN_WAIT_1: { rfc: 'FIN-WAIT-1', netstat: 'FIN_WAIT1', ss: 'FIN-WAIT-1' },
  FIN_WAIT_2: { rfc: 'FIN-WAIT-2', netstat: 'FIN_WAIT2', ss: 'FIN-WAIT-2' },
  CLOSE_WAIT: { rfc: 'CLOSE-WAIT', netstat: 'CLOSE_WAIT', ss: 'CLOSE-WAIT' },
  CLOSING: { rfc: 'CLOSING', netstat: 'CLOSING', ss: 'CLOSING' },
  LAST_ACK: { rfc: 'LAST-ACK', netstat: 'LAST_ACK', ss: 'LAST-ACK' },
  TIME_WAIT: { rfc: 'TIME-WAIT', netstat: 'TIME_WAIT', ss: 'TIME-WAIT' },
};
