/**
 * A world that keeps only recent history (`retain`) is the same world: its trace and segments are
 * the newest part of the full ones, its summaries equal a scan of the full trace, and snapshots
 * restore it exactly however much was trimmed in between.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScheduledStep } from './config.ts';
import { OPEN } from './test/helpers.ts';
import { peerView } from './view.ts';
import { World } from './world.ts';

const busy: ScheduledStep[] = [
  ...OPEN,
  { when: { peer: 'client', state: 'ESTABLISHED' }, after: 0.5, peer: 'client', do: 'send', bytes: 30000 },
  { when: { peer: 'server', state: 'ESTABLISHED' }, after: 1, peer: 'server', do: 'send', bytes: 8000 },
  { at: 3, peer: 'client', do: 'keepalive', on: true, idle: 1, intvl: 1, cnt: 5 },
  { at: 30, net: 'partition' },
  { at: 34, net: 'heal' },
  { at: 60, peer: 'client', do: 'close' },
  { when: { peer: 'server', state: 'CLOSE_WAIT' }, after: 1, peer: 'server', do: 'close' },
];
const LINK = { loss: 10, jitter: 0.02, duplicate: 5 };
const strip = (segs: readonly object[]) => JSON.stringify(segs);

describe('World with retain', () => {
  it('keeps the newest events and segments of the full run, and the same summaries', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 200 }), (events, segments, seed, until) => {
        const full = new World({ steps: busy, seed, link: LINK });
        const kept = new World({ steps: busy, seed, link: LINK, retain: { events, segments } });
        full.runUntil(until);
        kept.runUntil(until);
        expect(kept.eventCount).toBe(full.trace.length);
        expect(kept.trace.length).toBeLessThanOrEqual(2 * events);
        expect(kept.trace).toEqual(full.trace.slice(full.trace.length - kept.trace.length));
        const ks = kept.segmentViews();
        expect(kept.segmentCount).toBe(full.segmentViews().length);
        expect(strip(ks)).toBe(strip(full.segmentViews().slice(full.segmentViews().length - ks.length)));
        for (const p of ['client', 'server'] as const) {
          const a = peerView(full, p);
          const b = peerView(kept, p);
          expect(b).toEqual(a);
        }
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it('restores any snapshot exactly, even after the history it saw was trimmed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (events, segments, seed, where) => {
        const ref = new World({ steps: busy, seed, link: LINK });
        ref.runUntil(200);
        const w = new World({ steps: busy, seed, link: LINK, retain: { events, segments } });
        const at = Math.round(where * 100_000) / 1000;
        w.runUntil(at);
        const snap = w.snapshot();
        const n = w.eventCount;
        w.runUntil(200);
        w.restore(snap);
        expect(w.eventCount).toBe(n);
        expect(w.now).toBe(at);
        w.runUntil(200);
        expect(w.eventCount).toBe(ref.trace.length);
        expect(w.trace).toEqual(ref.trace.slice(ref.trace.length - w.trace.length));
        expect(strip(w.segmentViews())).toBe(strip(ref.segmentViews().slice(ref.segmentViews().length - w.segmentViews().length)));
        expect(w.state('client')).toBe(ref.state('client'));
        expect(w.state('server')).toBe(ref.state('server'));
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
