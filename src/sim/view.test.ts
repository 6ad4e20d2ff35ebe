import { describe, expect, it } from 'vitest';
import { getScenario, SCENARIOS } from '../scenarios/index.ts';
import { createWorld } from '../scenarios/world.ts';
import { viewOf } from './view.ts';

describe('the drawn state of a peer', () => {
  it('is the last state of its drawn path, after every event of every scenario', () => {
    for (const sc of SCENARIOS) {
      const w = createWorld(sc);
      for (let n = 0; n < 400 && w.step(); n++) {
        const v = viewOf(w);
        for (const p of ['client', 'server'] as const) {
          if (v.peers[p].crashed) continue;
          expect(`${sc.id} ${w.now} ${p} ${v.peers[p].history.at(-1)!.state}`).toBe(`${sc.id} ${w.now} ${p} ${v.peers[p].state}`);
        }
      }
    }
  });

  it('is LISTEN when only the listener is left, and the server answers the next SYN from there', () => {
    const w = createWorld(getScenario('time-wait-reuse')!);
    w.runUntil(2.35);
    const closed = viewOf(w).peers.server;
    expect(closed.state).toBe('LISTEN');
    // the connection's own end is still its last transition; the return to the listener follows it
    expect(closed.history.slice(-3).map((h) => h.state)).toEqual(['LAST_ACK', 'CLOSED', 'LISTEN']);
    w.runUntil(63.02); // the new SYN is on the wire
    expect(viewOf(w).peers.server.state).toBe('LISTEN');
    w.runUntil(63.05);
    const v = viewOf(w).peers.server;
    expect(v.state).toBe('SYN_RCVD');
    expect(v.history.slice(-2).map((h) => h.state)).toEqual(['LISTEN', 'SYN_RCVD']);
  });

  it('stays the connection’s CLOSED while the application still holds its descriptor', () => {
    const w = createWorld(getScenario('close-wait-leak')!);
    w.runUntil(82.3);
    expect(viewOf(w).peers.server.state).toBe('CLOSED');
  });

  it('is restored with the snapshot', () => {
    const w = createWorld(getScenario('time-wait-reuse')!);
    w.runUntil(2.3);
    const snap = w.snapshot();
    const before = JSON.stringify(viewOf(w).peers);
    w.runUntil(70);
    w.restore(snap);
    expect(JSON.stringify(viewOf(w).peers)).toBe(before);
    w.runUntil(2.35);
    expect(viewOf(w).peers.server.state).toBe('LISTEN');
  });
});

describe('the segments of a view', () => {
  it('equal the world’s at every step, and are the same objects as the last view’s while nothing they show changed', () => {
    const w = createWorld(getScenario('teardown')!);
    let prev = viewOf(w, { segments: 200, events: 400 });
    let reused = 0;
    let changed = 0;
    while (w.step()) {
      const v = viewOf(w, { segments: 200, events: 400 });
      const world = w.segmentViews().slice(-200);
      expect(v.segments).toEqual(world);
      for (const s of v.segments) {
        // a copy, never the world's own object (the world goes on changing it)
        expect(world.includes(s)).toBe(false);
        const before = prev.segments.find((p) => p.id === s.id);
        if (!before) continue;
        if (before === s) reused++;
        else {
          // a new copy only when the segment arrived or was lost since
          expect(before.status).not.toBe(s.status);
          changed++;
        }
      }
      prev = v;
    }
    expect(reused).toBeGreaterThan(0);
    expect(changed).toBeGreaterThan(0);
  });
});
