/**
 * The last state change of the trace (the state diagram flashes its edge), found by reading
 * only the events added since the last call: a long transfer has thousands of events after
 * its last state change, and this runs every frame.
 */
import type { TraceEvent } from '../sim/types.ts';
import type { LastEdge } from './diagrams/index.ts';

export class LastEdgeTracker {
  private read = 0;
  private lastEvent: TraceEvent | undefined;
  private found: LastEdge | null = null;

  update(trace: readonly TraceEvent[]): LastEdge | null {
    const same = trace.length >= this.read && (this.read === 0 || trace[this.read - 1] === this.lastEvent);
    const stop = same ? this.read : 0;
    if (!same) this.found = null;
    for (let i = trace.length - 1; i >= stop; i--) {
      const e = trace[i]!;
      if (e.type === 'state') {
        this.found = { from: e.from, to: e.to, peer: e.peer, key: i };
        break;
      }
    }
    this.read = trace.length;
    this.lastEvent = trace[trace.length - 1];
    return this.found;
  }
}
