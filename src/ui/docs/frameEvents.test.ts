import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../sim/types.ts';
import { pendingEvents } from './frameEvents.ts';

const st = (t: number, peer: 'client' | 'server', from: string, to: string) => ({ t, type: 'state', peer, from, to, cause: 'x' }) as unknown as TraceEvent;
const other = (t: number) => ({ t, type: 'timer', peer: 'client', timer: 'RTO', action: 'set', due: t + 1 }) as unknown as TraceEvent;

describe('pendingEvents', () => {
  it('reports each new state change once, in trace order, and nothing else of the trace', () => {
    const trace = [st(0, 'server', 'CLOSED', 'LISTEN'), other(0.1), st(0.1, 'client', 'CLOSED', 'SYN_SENT')];
    const a = pendingEvents(trace.slice(0, 2), -1, undefined, { seen: 0, note: -1 });
    expect(a.events).toEqual([{ type: 'state', peer: 'server', from: 'CLOSED', to: 'LISTEN', t: 0 }]);
    const b = pendingEvents(trace, -1, undefined, a.next);
    expect(b.events).toEqual([{ type: 'state', peer: 'client', from: 'CLOSED', to: 'SYN_SENT', t: 0.1 }]);
    expect(pendingEvents(trace, -1, undefined, b.next).events).toEqual([]);
  });

  it('puts a note after the changes at or before its instant and before later ones', () => {
    const trace = [st(0, 'server', 'CLOSED', 'LISTEN'), st(0.1, 'client', 'CLOSED', 'SYN_SENT'), st(0.2, 'server', 'LISTEN', 'SYN_RCVD')];
    const { events } = pendingEvents(trace, 1, 0.1, { seen: 0, note: -1 });
    expect(events.map((e) => e.type)).toEqual(['state', 'state', 'note', 'state']);
    expect(events[2]).toEqual({ type: 'note', index: 1, t: 0.1 });
  });

  it('says nothing when the trace shrinks (a step back), then continues from there', () => {
    const trace = [st(0, 'server', 'CLOSED', 'LISTEN'), st(0.1, 'client', 'CLOSED', 'SYN_SENT')];
    const back = pendingEvents(trace.slice(0, 1), 0, 0, { seen: 2, note: 0 });
    expect(back.events).toEqual([]);
    expect(back.next.seen).toBe(1);
    expect(pendingEvents(trace, 0, 0, back.next).events).toEqual([{ type: 'state', peer: 'client', from: 'CLOSED', to: 'SYN_SENT', t: 0.1 }]);
  });

  it('reports a note only when the note in force changes to one', () => {
    expect(pendingEvents([], 2, 1, { seen: 0, note: 2 }).events).toEqual([]);
    expect(pendingEvents([], -1, undefined, { seen: 0, note: 2 }).events).toEqual([]);
    expect(pendingEvents([], 1, 0.5, { seen: 0, note: 2 }).events).toEqual([{ type: 'note', index: 1, t: 0.5 }]);
  });
});
