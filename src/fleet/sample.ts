/**
 * One per-second sample of the server host (DESIGN.md "Fleet"): sockets per state counted the
 * way `ss -tan` counts them (listeners included), open descriptors, and cumulative error
 * counters (like /proc/net/netstat: rates are differences of consecutive samples).
 */
import { ehashRank, rankId } from './ehash.ts';
import type { Stack } from '../tcp/stack/stack.ts';
import { TCP_STATES } from '../tcp/states.ts';
import type { TcpState } from '../tcp/states.ts';
import type { SockstatTcp } from '../tcp/stack/sockstat.ts';
import { addShare, sockstatShare, zeroSockstat } from '../tcp/stack/sockstat.ts';

export interface FleetErrors {
  EMFILE: number;
  EADDRNOTAVAIL: number;
  ListenOverflows: number;
}

/** Further counters an operator reads in `nstat` / `netstat -s`. */
export interface FleetCounters {
  ListenDrops: number;
  SyncookiesSent: number;
  /** Tcp: OutRsts, RST segments sent */
  OutRsts: number;
  /** TcpExt: TCPAbortOnTimeout, connections given up when their retransmissions or keepalive probes ran out */
  TCPAbortOnTimeout: number;
  TwOverflow: number;
  /** TcpExt: EmbryonicRsts, connection requests (SYN_RCVD) reset: by tcp_abort_on_overflow = 1, or by a RST from the client */
  EmbryonicRsts: number;
  Accepted: number;
  Arrivals: number;
}

/** One socket line of `ss -tan` for the readouts. */
export interface SockLine {
  state: TcpState;
  recvQ: number;
  sendQ: number;
  local: string;
  peer: string;
}

export interface Sample {
  t: number;
  states: Record<TcpState, number>;
  fds: number;
  errors: FleetErrors;
  counters: FleetCounters;
  /** half-open children (SYN queue) and established, not yet accepted (accept queue) */
  queues: { syn: number; accept: number };
  /**
   * closed by the application, still alive in FIN_WAIT_1, FIN_WAIT_2, CLOSING or LAST_ACK, as
   * Linux counts orphans: an orphan's FIN_WAIT_2 kept in a TIME_WAIT bucket is not one (sockstat.tw)
   */
  orphans: number;
  /** /proc/net/sockstat's `TCP:` line (src/tcp/stack/sockstat.ts), which `ss -s` and node_exporter print */
  sockstat: SockstatTcp;
  /** the first few CLOSE_WAIT sockets, for `ss -tan state close-wait` */
  closeWait: SockLine[];
}

export const zeroErrors = (): FleetErrors => ({ EMFILE: 0, EADDRNOTAVAIL: 0, ListenOverflows: 0 });
export const zeroCounters = (): FleetCounters => ({ ListenDrops: 0, SyncookiesSent: 0, OutRsts: 0, TCPAbortOnTimeout: 0, TwOverflow: 0, EmbryonicRsts: 0, Accepted: 0, Arrivals: 0 });

export function zeroStates(): Record<TcpState, number> {
  const o = {} as Record<TcpState, number>;
  for (const s of TCP_STATES) o[s] = 0;
  return o;
}


export interface Census {
  states: Record<TcpState, number>;
  fds: number;
  orphans: number;
  sockstat: SockstatTcp;
  /** ids of the first CLOSE_WAIT sockets `ss -tan` lists (ehash.ts) */
  closeWait: number[];
}

/**
 * One pass over the host's socket table. Counted like Stack.countInState: every socket with a
 * connection, a CLOSED one only while a descriptor still holds it (which `ss -tan` and netstat do
 * not list: such a socket is in no hash table).
 */
export function census(stack: Stack, closeWaitLines = 5): Census {
  const states = zeroStates();
  let fds = 0;
  const sockstat = zeroSockstat();
  const closeWait: number[] = [];
  for (const s of stack.allSocks()) {
    if (s.fdOpen) fds++;
    addShare(sockstat, sockstatShare(s, stack.holdsTwBucket(s.id)), 1);
    if (!s.conn || s.kind === 'fresh') continue;
    const st = s.conn.state;
    if (st === 'CLOSED' && !s.fdOpen) continue;
    states[st]++;
    if (st === 'CLOSE_WAIT') closeWait.push(ehashRank(s.remotePort ?? 0, s.id));
  }
  closeWait.sort((a, b) => a - b);
  return { states, fds, orphans: sockstat.orphan, sockstat, closeWait: closeWait.slice(0, closeWaitLines).map(rankId) };
}

export const totalSockets = (states: Record<TcpState, number>): number => TCP_STATES.reduce((n, s) => n + states[s], 0);
