/**
 * The world under the derived stepper and under the XState reference: every
 * library scenario on both profiles, several seeds and link settings, and random
 * scenarios with loss, jitter and duplication, give byte-identical traces, views
 * and snapshots.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_UNTIL, SCENARIOS } from '../scenarios/index.ts';
import { createWorld } from '../scenarios/world.ts';
import type { Engine } from '../tcp/stack/conn.ts';
import type { LinkConfig } from './link.ts';
import { viewOf } from './view.ts';
import { World } from './world.ts';

/** Everything observable about a world at a moment, as one string. */
const observe = (w: World) => JSON.stringify({ trace: w.toJSON(), view: viewOf(w), snap: w.snapshot() });

/** Runs in steps so the world is compared mid-way too (views, snapshots), not only at the end. */
function film(make: (engine: Engine) => World, until: number): (engine: Engine) => string[] {
  return (engine) => {
    const w = make(engine);
    const frames: string[] = [];
    try {
      for (const t of [until / 8, until / 2, until]) {
        w.runUntil(t);
        frames.push(observe(w));
      }
    } catch (e) {
      // on a lossy link a scripted call can meet a state it is invalid in; both engines must stop at the same point
      if (!(e instanceof Error) || e.name !== 'InputError') throw e;
      frames.push(`refused: ${e.message}`, observe(w));
    }
    return frames;
  };
}

const LINKS: (Partial<LinkConfig> | null)[] = [null, { delay: 0.12, loss: 15, jitter: 0.04, duplicate: 10 }];

describe('derived = xstate on the scenario library', () => {
  for (const sc of SCENARIOS) {
    it(`${sc.id}: both profiles, seeds 1 and 7, own and lossy links`, () => {
      for (const profile of ['linux', 'rfc9293'] as const) {
        for (const seed of [1, 7]) {
          for (const link of LINKS) {
            const s = link ? { ...sc, link: { ...sc.link, ...link } } : sc;
            const run = film((engine) => createWorld(s, { profile, seed, engine }), sc.until ?? DEFAULT_UNTIL);
            const a = run('derived');
            const b = run('xstate');
            for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) expect(a[i]).toBe(b[i]);
          }
        }
      }
    });
  }
});

const peer = fc.constantFrom('client' as const, 'server' as const);
const action = fc.oneof(
  fc.record({ peer, do: fc.constantFrom('listen', 'connect', 'close', 'abort', 'read') }),
  fc.record({ peer, do: fc.constant('send'), bytes: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ peer, do: fc.constant('shutdown'), how: fc.constantFrom('wr', 'rd', 'rdwr') }),
  fc.record({ peer, do: fc.constant('keepalive'), on: fc.boolean(), idle: fc.integer({ min: 1, max: 30 }), intvl: fc.integer({ min: 1, max: 10 }), cnt: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ peer, do: fc.constantFrom('crash', 'reboot', 'never-close', 'auto-read'), on: fc.boolean() }),
  fc.record({ net: fc.constant('drop-next'), dir: fc.constantFrom('client->server', 'server->client'), flags: fc.constantFrom('SYN', 'FIN', 'ACK', 'RST', 'SYN,ACK', '') }),
  fc.record({ net: fc.constantFrom('partition', 'heal') }),
);
const scenario = fc.record({
  profile: fc.constantFrom('linux' as const, 'rfc9293' as const),
  seed: fc.integer({ min: 0, max: 1000 }),
  link: fc.record({ delay: fc.constantFrom(0.01, 0.05, 0.3), loss: fc.integer({ min: 0, max: 30 }), jitter: fc.constantFrom(0, 0.02, 0.2), duplicate: fc.integer({ min: 0, max: 20 }) }),
  set: fc.record({ tcp_fin_timeout: fc.integer({ min: 1, max: 90 }), time_wait_len: fc.integer({ min: 1, max: 90 }), tcp_retries2: fc.integer({ min: 1, max: 5 }), delayed_ack: fc.constantFrom(0, 0.04) }, { requiredKeys: [] }),
  steps: fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), action), { maxLength: 12 }),
});

describe('derived = xstate on random scenarios', () => {
  it('loss, jitter, duplication, faults: same trace, view and snapshot', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const steps = [...sc.steps].sort((x, y) => x[0] - y[0]);
        const run = (engine: Engine) => {
          const w = new World({ profile: sc.profile, seed: sc.seed, link: sc.link, set: sc.set, engine });
          const frames: string[] = [];
          for (const [t, a] of steps) {
            w.runUntil(t / 10);
            try {
              w.perform(a as never);
            } catch (e) {
              // a call invalid in the state it meets is refused (an InputError); both engines must refuse it alike
              if (!(e instanceof Error) || e.name !== 'InputError') throw e;
              frames.push(`refused: ${e.message}`);
            }
          }
          frames.push(observe(w));
          w.runUntil(w.now + 400);
          frames.push(observe(w));
          return frames;
        };
        const a = run('derived');
        const b = run('xstate');
        for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) expect(a[i]).toBe(b[i]);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
