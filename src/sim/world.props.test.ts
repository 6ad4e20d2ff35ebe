/** Determinism, snapshots and fast-check properties of the world. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TCP_STATES } from '../tcp/states.ts';
import type { ScheduledStep } from './config.ts';
import { OPEN, run } from './test/helpers.ts';
import { World } from './world.ts';

const lossy: ScheduledStep[] = [...OPEN, { at: 1, peer: 'client', do: 'send', bytes: 20000 }, { at: 2, peer: 'server', do: 'send', bytes: 5000 }, { at: 5, peer: 'client', do: 'close' }, { when: { peer: 'server', state: 'CLOSE_WAIT' }, after: 1, peer: 'server', do: 'close' }];

describe('determinism', () => {
  it('same scenario + seed gives the same trace byte for byte', () => {
    const a = run(lossy, 600, { seed: 7, link: { loss: 20, jitter: 0.02, duplicate: 5 } });
    const b = run(lossy, 600, { seed: 7, link: { loss: 20, jitter: 0.02, duplicate: 5 } });
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
    const c = run(lossy, 600, { seed: 8, link: { loss: 20, jitter: 0.02, duplicate: 5 } });
    expect(JSON.stringify(c.toJSON())).not.toBe(JSON.stringify(a.toJSON()));
  });
});

describe('snapshot and restore', () => {
  it('restoring a snapshot and running again reproduces the rest of the trace', () => {
    const full = run(lossy, 600, { seed: 3, link: { loss: 10 } });
    const w = new World({ steps: lossy, seed: 3, link: { loss: 10 } });
    const snaps: { n: number; s: ReturnType<World['snapshot']> }[] = [];
    while (w.step()) snaps.push({ n: w.trace.length, s: w.snapshot() });
    // step back to the middle, then run forward again
    const mid = snaps[Math.floor(snaps.length / 2)]!;
    w.restore(mid.s);
    expect(w.trace.length).toBe(mid.n);
    w.runUntil(600);
    expect(JSON.stringify(w.toJSON())).toBe(JSON.stringify(full.toJSON()));
  });
  it('restore brings back states, timers and in-flight segments', () => {
    const w = new World({ steps: [...OPEN, { at: 1, peer: 'client', do: 'close' }, { at: 2, peer: 'server', do: 'close' }] });
    w.runUntil(3);
    const s = w.snapshot();
    const before = { c: w.state('client'), s: w.state('server'), timers: w.timers(), segs: w.segmentViews().length };
    w.runUntil(100);
    expect(w.state('client')).toBe('CLOSED');
    w.restore(s);
    expect({ c: w.state('client'), s: w.state('server'), timers: w.timers(), segs: w.segmentViews().length }).toEqual(before);
    expect(before.c).toBe('TIME_WAIT');
  });
});

const peer = fc.constantFrom('client' as const, 'server' as const);
const action = fc.oneof(
  fc.record({ peer, do: fc.constantFrom('listen', 'connect', 'close', 'abort', 'read') }),
  fc.record({ peer, do: fc.constant('send'), bytes: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ peer, do: fc.constant('shutdown'), how: fc.constantFrom('wr', 'rd', 'rdwr') }),
  fc.record({ peer, do: fc.constant('keepalive'), on: fc.boolean(), idle: fc.integer({ min: 1, max: 50 }), intvl: fc.integer({ min: 1, max: 10 }), cnt: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ peer, do: fc.constantFrom('crash', 'reboot') }),
  fc.record({ net: fc.constant('drop-next'), dir: fc.constantFrom('client->server', 'server->client'), flags: fc.constantFrom('SYN', 'FIN', 'ACK', 'RST', 'SYN,ACK', '') }),
  fc.record({ net: fc.constantFrom('partition', 'heal') }),
  fc.record({ net: fc.constant('loss'), percent: fc.integer({ min: 0, max: 60 }) }),
);
const knobs = fc.record({ tcp_fin_timeout: fc.integer({ min: 1, max: 120 }), time_wait_len: fc.integer({ min: 1, max: 120 }), rfc5961: fc.constantFrom(0, 1), tcp_rfc1337: fc.constantFrom(0, 1), tcp_syn_retries: fc.integer({ min: 1, max: 4 }), tcp_retries2: fc.integer({ min: 1, max: 6 }), tcp_orphan_retries: fc.integer({ min: 1, max: 4 }) }, { requiredKeys: [] });
const scenario = fc.record({
  profile: fc.constantFrom('linux' as const, 'rfc9293' as const),
  seed: fc.integer({ min: 0, max: 1000 }),
  set: knobs,
  steps: fc.array(fc.tuple(fc.integer({ min: 0, max: 3000 }), action), { maxLength: 14 }),
});

/** Apply actions at their times, skipping the ones invalid in the state they meet (those are InputErrors by design). */
type Sc = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function play(sc: Sc): World {
  const w = new World({ profile: sc.profile, seed: sc.seed, set: sc.set, link: { delay: 0.05 } });
  const steps = [...sc.steps].sort((a, b) => a[0] - b[0]);
  for (const [ms, a] of steps) {
    w.runUntil(ms / 100);
    try {
      w.perform(a as never);
    } catch (e) {
      if (!(e instanceof Error) || e.name !== 'InputError') throw e;
    }
  }
  return w;
}

describe('properties (fast-check)', () => {
  it('random calls, faults and knobs never throw, never leave the 11 states, never deliver what was not sent', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const w = play(sc);
        w.runUntil(w.now + 400);
        const sent = new Set<number>();
        for (const e of w.trace) {
          if (e.type === 'send') sent.add(e.seg.id);
          if (e.type === 'deliver' || e.type === 'drop') expect(sent.has(e.seg.id)).toBe(true);
          if (e.type === 'state') {
            expect(TCP_STATES).toContain(e.from);
            expect(TCP_STATES).toContain(e.to);
          }
        }
        for (const p of ['client', 'server'] as const) expect(TCP_STATES).toContain(w.state(p));
      }),
      { numRuns: 120 },
    );
  });

  it('after the network heals and both applications close, both peers reach CLOSED within the timers\' bounds', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const w = play({ ...sc, steps: sc.steps.filter(([, a]) => !('do' in a && a.do === 'crash')) });
        w.perform({ net: 'heal' });
        w.perform({ net: 'loss', percent: 0 });
        for (const p of ['client', 'server'] as const) {
          for (let i = 0; i < 3; i++) {
            if (w.apps[p].canCall().close) w.perform({ peer: p, do: 'close' });
          }
        }
        // Bound: the longest retransmission give-up (retries2/orphan retries at rto_max) plus TIME_WAIT and FIN_WAIT_2.
        w.runUntil(w.now + 10_000);
        expect(w.state('client')).toBe('CLOSED');
        expect(w.state('server')).toBe('CLOSED');
      }),
      { numRuns: 120 },
    );
  });
});
