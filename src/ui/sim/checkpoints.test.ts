import { describe, expect, it } from 'vitest';
import { viewOf } from '../../sim/view.ts';
import type { JournalEntry } from './controller.ts';
import { SimController } from './controller.ts';

/** A connection with keepalive probes every second: history grows for as long as it runs. */
const KEEPALIVE: JournalEntry[] = [
  { at: 0, action: { peer: 'server', do: 'listen' } },
  { at: 0.1, action: { peer: 'client', do: 'connect' } },
  { at: 1, action: { peer: 'client', do: 'keepalive', on: true, idle: 1, intvl: 1, cnt: 9 } },
  { at: 1, action: { peer: 'server', do: 'keepalive', on: true, idle: 1, intvl: 1, cnt: 9 } },
];
const free = { scenario: null, profile: 'linux', knobs: {} } as const;
const picture = (c: SimController) => JSON.stringify({ ...viewOf(c.world, { segments: 200, events: 400 }), events: c.world.eventCount });

describe('checkpoints and bounded history', () => {
  it('seeks back exactly to any instant of a long run, user actions included', () => {
    const actions: JournalEntry[] = [...KEEPALIVE, { at: 700, action: { peer: 'client', do: 'send', bytes: 100 } }, { at: 1000, action: { net: 'partition' } }];
    const c = new SimController(free, 1200, actions);
    for (const t of [1199, 1000, 800.5, 700, 300, 12.25]) {
      c.seek(t);
      const fresh = new SimController(free, t, actions.filter((a) => a.at <= t));
      // compared piece by piece: a difference prints small
      const [a, b] = [JSON.parse(picture(c)), JSON.parse(picture(fresh))];
      for (const k of Object.keys(b)) expect([t, k, a[k]]).toEqual([t, k, b[k]]);
      expect(c.actions).toEqual(fresh.actions);
    }
  }, 120_000);

  it('keeps memory bounded: the trace window, the segments and the checkpoints stay small however long the run', () => {
    const c = new SimController(free, 0, KEEPALIVE.filter((a) => a.at === 0));
    for (const j of KEEPALIVE.slice(1)) {
      c.advanceTo(j.at);
      c.perform(j.action);
    }
    c.advanceTo(8_000);
    expect(c.world.eventCount).toBeGreaterThan(50_000);
    expect(c.world.trace.length).toBeLessThanOrEqual(2_000);
    expect(c.world.segmentViews().length).toBeLessThanOrEqual(800);
    expect(c.checkpointCount).toBeLessThanOrEqual(65);
  }, 120_000);

  it('replays a link of 5000 actions without a snapshot per action', () => {
    const many: JournalEntry[] = [...KEEPALIVE];
    for (let i = 0; i < 5000; i++) many.push({ at: 2 + i * 0.05, action: { peer: 'client', do: 'send', bytes: 10 } });
    const c = new SimController(free, 300, many);
    expect(c.actions).toHaveLength(many.length);
    expect(c.checkpointCount).toBeLessThanOrEqual(65);
    expect(c.world.trace.length).toBeLessThanOrEqual(2_000);
  }, 120_000);
});
