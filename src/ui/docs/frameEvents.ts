/**
 * Which protocol events a change of the view calls for, in time order (pure, unit-tested):
 * every new `state` trace event, and a `note` when the note in force changes to a new one.
 */
import type { TraceEvent } from '../../sim/types.ts';
import type { FrameEvent } from './protocol.ts';

export interface EventCursor {
  /** trace events already reported */
  seen: number;
  /** the note index last reported (-1: none) */
  note: number;
}

export function pendingEvents(trace: readonly TraceEvent[], noteIndex: number, noteAt: number | undefined, cur: EventCursor): { events: FrameEvent[]; next: EventCursor } {
  const events: FrameEvent[] = [];
  // a step back or seek into the past shortens the trace: start counting from there, say nothing
  const from = trace.length < cur.seen ? trace.length : cur.seen;
  for (let i = from; i < trace.length; i++) {
    const e = trace[i]!;
    if (e.type === 'state') events.push({ type: 'state', peer: e.peer, from: e.from, to: e.to, t: e.t });
  }
  if (noteIndex !== cur.note && noteIndex >= 0 && noteAt !== undefined) {
    const note: FrameEvent = { type: 'note', index: noteIndex, t: noteAt };
    // after the state changes that happened at or before the note's instant
    let k = events.length;
    while (k > 0 && (events[k - 1] as { t: number }).t > noteAt) k--;
    events.splice(k, 0, note);
  }
  return { events, next: { seen: trace.length, note: noteIndex } };
}
