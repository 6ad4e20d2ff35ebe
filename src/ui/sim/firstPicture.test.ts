import { describe, expect, it } from 'vitest';
import { EDGES as BUILT_EDGES } from 'virtual:tcp-edges';
import PICTURES from 'virtual:first-pictures';
import { SCENARIOS } from '../../scenarios/index.ts';
import { EDGES, drawnEdgeSources } from '../../tcp/machine/edges.ts';
import { viewOf } from '../../sim/view.ts';
import { buildWorld } from './controller.ts';
import { VIEW_LIMITS } from './useSimulation.ts';

const plain = <T,>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('data computed at build time for pages drawn before the engine loads', () => {
  it('the state diagram edges are the ones derived from the endpoint machine', () => {
    expect(BUILT_EDGES.length).toBeGreaterThan(20);
    expect(BUILT_EDGES).toEqual(plain(drawnEdgeSources(EDGES)));
  });

  it('ships no field a page does not draw, and each edge stays told apart by what is shipped', () => {
    expect(Object.keys(BUILT_EDGES[0]!).sort()).toEqual(['does', 'event', 'from', 'guard', 'on', 'to']);
    // StateInfo keys its list items by these four fields, as the machine's edge ids do
    expect(new Set(BUILT_EDGES.map((e) => `${e.from}${e.to}${e.event}${e.guard}`)).size).toBe(EDGES.length);
  });

  it('each first picture is the view of a fresh world at t = 0, as the lesson player opens it', () => {
    expect(Object.keys(PICTURES).sort()).toEqual(['free', ...SCENARIOS.map((s) => s.id)].sort());
    for (const s of [null, ...SCENARIOS]) {
      const world = buildWorld({ scenario: s, profile: s?.profile ?? 'linux', knobs: {} });
      // a lesson whose first note is due at 0 opens at that note: what is due at 0 has happened
      const opensAtNote = (s?.notes[0]?.at ?? Infinity) <= 0;
      if (opensAtNote) world.runUntil(0);
      const p = PICTURES[s?.id ?? 'free']!;
      expect(p.view, s?.id ?? 'free').toEqual(plain(viewOf(world, VIEW_LIMITS)));
      expect(p.time).toBe(0);
      // a fresh run that is not autoplaying waits for Play (or shows a note due at 0)
      expect(p.status).toBe(opensAtNote ? 'note' : 'idle');
      expect(p.noteIndex).toBe(opensAtNote ? 0 : -1);
    }
  });
});
