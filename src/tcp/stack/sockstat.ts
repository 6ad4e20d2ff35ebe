/**
 * How Linux counts a host's TCP sockets in /proc/net/sockstat's `TCP:` line, which `ss -s` and
 * node_exporter's node_sockstat_TCP_* series print. Read off the kernel (the packetdrill script
 * tests/packetdrill/linux/sockstat-fin-wait-2-bucket.pkt, and runs of kernel 6.18 by hand):
 * - alloc: full sockets, from socket() until the kernel lets go of them. A connection still in a
 *   listener's SYN queue is a request sock, and a TIME_WAIT (or an orphan's FIN_WAIT_2 moved into
 *   a TIME_WAIT bucket) is a timewait sock: neither is a full socket;
 * - inuse: full sockets in the listening or established hash: every state but CLOSED. A fresh
 *   socket, and a CLOSED one whose descriptor is still open, are allocated but not hashed;
 * - orphan: full sockets the application has closed and the kernel still keeps (FIN_WAIT_1,
 *   FIN_WAIT_2 outside a bucket, CLOSING, LAST_ACK);
 * - tw: timewait socks. An orphan's FIN_WAIT_2 counts here and not as an orphan, though `ss -tan`
 *   and netstat still show it as FIN-WAIT-2.
 * `ss -s` prints `TCP: alloc + tw (estab E, closed alloc - inuse + tw, orphaned orphan, timewait tw)`.
 */
import type { TcpState } from '../states.ts';
import type { Sock } from './sockets.ts';

/** A socket's share of the line, as bits */
export const SS_ALLOC = 1;
export const SS_INUSE = 2;
export const SS_ORPHAN = 4;
export const SS_TW = 8;

export interface SockstatTcp {
  inuse: number;
  orphan: number;
  tw: number;
  alloc: number;
}

const ORPHAN_STATES: ReadonlySet<TcpState> = new Set(['FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSING', 'LAST_ACK']);

/** Socket `s`'s share (SS_* bits); `bucket`: whether it holds a TIME_WAIT bucket (Stack.holdsTwBucket). */
export function sockstatShare(s: Sock, bucket: boolean): number {
  if (!s.conn || s.kind === 'fresh') return s.fdOpen ? SS_ALLOC : 0;
  if (bucket) return SS_TW;
  const st = s.conn.state;
  if (st === 'CLOSED') return s.fdOpen ? SS_ALLOC : 0;
  // a child of a listener still in SYN_RCVD is a request sock until the handshake completes
  if (st === 'SYN_RCVD' && s.parent !== null) return 0;
  const orphan = !s.fdOpen && s.parent === null && ORPHAN_STATES.has(st);
  return SS_ALLOC | SS_INUSE | (orphan ? SS_ORPHAN : 0);
}

export const zeroSockstat = (): SockstatTcp => ({ inuse: 0, orphan: 0, tw: 0, alloc: 0 });

/** Adds (sign 1) or takes away (sign -1) one socket's share. */
export function addShare(into: SockstatTcp, share: number, sign: 1 | -1): void {
  if (share & SS_ALLOC) into.alloc += sign;
  if (share & SS_INUSE) into.inuse += sign;
  if (share & SS_ORPHAN) into.orphan += sign;
  if (share & SS_TW) into.tw += sign;
}

/** The `TCP:` line of /proc/net/sockstat (memory in pages is not modelled: 0). */
export const sockstatLine = (s: SockstatTcp): string => `TCP: inuse ${s.inuse} orphan ${s.orphan} tw ${s.tw} alloc ${s.alloc} mem 0`;
