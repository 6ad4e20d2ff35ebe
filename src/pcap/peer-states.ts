/**
 * Follows each peer's connection state through a trace, the way the diagrams
 * draw it: a listener's LISTEN, then the newest connection's states (the same
 * reading as the sim's peer view).
 */
import type { PeerName, TraceEvent } from '../sim/types.ts';
import type { TcpState } from '../tcp/states.ts';

export class PeerStates {
  readonly state: Record<PeerName, TcpState> = { client: 'CLOSED', server: 'CLOSED' };
  private primary: Record<PeerName, number | null> = { client: null, server: null };

  /** Applies one trace event; returns true when a peer's state changed. */
  apply(e: TraceEvent): boolean {
    if (e.type !== 'state') return false;
    const p = e.peer;
    if ((e.from === 'LISTEN' && e.to === 'SYN_RCVD') || e.cause === 'connect') this.primary[p] = e.sock ?? null;
    const prim = this.primary[p];
    if (prim !== null && e.sock !== prim && !(e.to === 'LISTEN' && e.from === 'CLOSED')) return false;
    if (this.state[p] === e.to) return false;
    this.state[p] = e.to;
    return true;
  }
}
