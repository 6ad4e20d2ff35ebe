import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../tcp/knobs.ts';
import type { TcpState } from '../tcp/states.ts';
import { TCP_STATES } from '../tcp/states.ts';
import type { LoadConfig } from './load.ts';
import type { WorldSample } from './world.ts';
import { World } from './world.ts';
import type { PeerName, TraceEvent } from './types.ts';

/**
 * Per-state counts at each whole second, recomputed from a full World's trace alone: every
 * `state` event moves one connection. CLOSED and LISTEN are left out: connections are created
 * in them and forgotten from them without a trace line.
 */
function countsFromTrace(events: readonly TraceEvent[], seconds: number): Record<PeerName, Record<TcpState, number>>[] {
  const zero = () => Object.fromEntries(TCP_STATES.map((s) => [s, 0])) as Record<TcpState, number>;
  const cur: Record<PeerName, Record<TcpState, number>> = { client: zero(), server: zero() };
  const out: Record<PeerName, Record<TcpState, number>>[] = [];
  let i = 0;
  for (let s = 1; s <= seconds; s++) {
    for (; i < events.length && events[i]!.t <= s; i++) {
      const e = events[i]!;
      if (e.type !== 'state') continue;
      cur[e.peer][e.from]--;
      cur[e.peer][e.to]++;
    }
    out.push({ client: { ...cur.client }, server: { ...cur.server } });
  }
  return out;
}

const BUSY: TcpState[] = TCP_STATES.filter((s) => s !== 'CLOSED' && s !== 'LISTEN');
const pick = (c: Record<TcpState, number>) => Object.fromEntries(BUSY.map((s) => [s, c[s]]));

const loadArb: fc.Arbitrary<LoadConfig> = fc.record({
  rate: fc.integer({ min: 2, max: 40 }),
  request: fc.constantFrom(1, 100, 3000),
  response: fc.constantFrom(1, 1000, 5000),
  clients: fc.record({ 'closes-first': fc.nat(3), waits: fc.nat(3), aborts: fc.nat(2), holds: fc.nat(1) }).filter((w) => Object.values(w).some((x) => x > 0)),
  servers: fc.record({ 'close-first': fc.nat(3), 'wait-close': fc.nat(3), leak: fc.nat(2) }).filter((w) => Object.values(w).some((x) => x > 0)),
});
const linkArb = fc.record({ delay: fc.constantFrom(0.005, 0.05, 0.2), loss: fc.constantFrom(0, 0, 3), jitter: fc.constantFrom(0, 0, 0.02), duplicate: fc.constantFrom(0, 2) });

describe('lean World', () => {
  it("gives the full World's per-state counts, every second, for the same seed (and the trace's own)", () => {
    fc.assert(
      fc.property(loadArb, linkArb, fc.integer({ min: 0, max: 1000 }), fc.constantFrom('linux' as const, 'rfc9293' as const), (load, link, seed, profile) => {
        const until = 12;
        const full = new World({ seed, load, link, profile, samples: true });
        const lean = new World({ seed, load, link, profile, lean: true });
        full.runUntil(until);
        lean.runUntil(until);
        expect(lean.samples).toHaveLength(until);
        expect(lean.samples).toEqual(full.samples);
        expect(lean.load!.opened).toBe(full.load!.opened);
        expect(lean.segmentCount).toBe(full.segmentCount);
        expect(lean.trace).toHaveLength(0);
        const fromTrace = countsFromTrace(full.trace, until);
        full.samples.forEach((s: WorldSample, i) => {
          expect(pick(s.client), `client at ${s.t} s`).toEqual(pick(fromTrace[i]!.client));
          expect(pick(s.server), `server at ${s.t} s`).toEqual(pick(fromTrace[i]!.server));
        });
      }),
      { numRuns: 12 },
    );
  });

  it('runs scenario steps as the full World does (same final states and counts)', () => {
    const steps = [
      { at: 0, peer: 'server' as const, do: 'listen' as const },
      { at: 0.1, peer: 'client' as const, do: 'connect' as const },
      { at: 1, peer: 'client' as const, do: 'send' as const, bytes: 5000 },
      { at: 2, peer: 'client' as const, do: 'close' as const },
      { when: { peer: 'server' as const, state: 'CLOSE_WAIT' as const }, after: 0.5, peer: 'server' as const, do: 'close' as const },
    ];
    for (const at of [1.5, 2.1, 3, 70]) {
      const full = new World({ steps, samples: true });
      const lean = new World({ steps, lean: true });
      full.runUntil(at);
      lean.runUntil(at);
      expect(lean.state('client')).toBe(full.state('client'));
      expect(lean.state('server')).toBe(full.state('server'));
      expect(lean.samples).toEqual(full.samples);
      expect(lean.timers().map(({ peer, sock, timer, due }) => ({ peer, sock, timer, due }))).toEqual(full.timers().map(({ peer, sock, timer, due }) => ({ peer, sock, timer, due })));
    }
  });

  it('keeps the running timers and their due times exact while re-arms are deferred (random transfers, loss, RTT changes)', () => {
    // retransmission timers are re-armed at every send and ACK, later and earlier than before
    // (the RTO shrinks once an RTT is measured, grows with backoff): the lean World queues one
    // carrier per timer, yet must show the same timers, due at the same times, as the full World
    const send = fc.record({ at: fc.integer({ min: 4, max: 40 }), bytes: fc.integer({ min: 1, max: 20_000 }) });
    const net = fc.record({ at: fc.integer({ min: 8, max: 40 }), percent: fc.constantFrom(0, 20, 60) });
    fc.assert(
      fc.property(fc.array(send, { maxLength: 12 }), fc.array(net, { maxLength: 3 }), fc.integer({ min: 0, max: 1000 }), fc.constantFrom(0.005, 0.3), (sends, losses, seed, delay) => {
        const steps = [
          { at: 0, peer: 'server' as const, do: 'listen' as const },
          { at: 0.1, peer: 'client' as const, do: 'connect' as const },
          ...sends.map((x) => ({ at: x.at / 4, peer: 'client' as const, do: 'send' as const, bytes: x.bytes })),
          { when: { peer: 'server' as const, state: 'ESTABLISHED' as const }, after: 2, peer: 'server' as const, do: 'send' as const, bytes: 30_000 },
          ...losses.map((x) => ({ at: x.at / 4, net: 'loss' as const, percent: x.percent })),
          { at: 11, peer: 'client' as const, do: 'close' as const },
          { when: { peer: 'server' as const, state: 'CLOSE_WAIT' as const }, after: 0.3, peer: 'server' as const, do: 'close' as const },
        ];
        const full = new World({ steps, seed, link: { delay }, samples: true });
        const lean = new World({ steps, seed, link: { delay }, lean: true });
        const timers = (w: World) => w.timers().map(({ peer, sock, timer, due }) => `${peer} ${sock} ${timer} ${due}`);
        for (let t = 0.25; t <= 14; t += 0.25) {
          full.runUntil(t);
          lean.runUntil(t);
          expect(timers(lean), `timers at ${t} s`).toEqual(timers(full));
          expect(lean.nextTimerAt()).toBe(full.nextTimerAt());
          expect(lean.state('client')).toBe(full.state('client'));
          expect(lean.state('server')).toBe(full.state('server'));
        }
        expect(lean.segmentCount).toBe(full.segmentCount);
        expect(lean.samples).toEqual(full.samples);
      }),
      { numRuns: 40 },
    );
  });

  it('shows the load: client-first closes leave TIME_WAIT on the client, a leaking server CLOSE_WAIT', () => {
    const w = new World({ seed: 1, load: { rate: 10, clients: { 'closes-first': 1 }, servers: { leak: 1 } }, lean: true });
    w.runUntil(30);
    const last = w.samples.at(-1)!;
    // every connection's client closed first and the server never did: ~300 in CLOSE_WAIT
    expect(last.server.CLOSE_WAIT).toBeGreaterThanOrEqual(295);
    expect(last.server.TIME_WAIT).toBe(0);
    // orphaned FIN_WAIT_2 ends after tcp_fin_timeout (60 s): all still there at 30 s
    expect(last.client.FIN_WAIT_2).toBeGreaterThanOrEqual(295);
    const w2 = new World({ seed: 1, load: { rate: 10, clients: { 'closes-first': 1 }, servers: { 'wait-close': 1 } }, lean: true });
    w2.runUntil(30);
    expect(w2.samples.at(-1)!.client.TIME_WAIT).toBeGreaterThanOrEqual(295);
    expect(w2.samples.at(-1)!.server.CLOSE_WAIT).toBe(0);
    expect(w2.samples.at(-1)!.server.TIME_WAIT).toBe(0);
  });

  it('records the load in a full World trace (connect, accept, send, read, close)', () => {
    const w = new World({ seed: 2, load: { rate: 1, until: 0, request: 10, response: 20 } });
    w.runUntil(5);
    const calls = w.trace.filter((e) => e.type === 'app').map((e) => `${e.peer} ${(e as { call: string }).call} ${(e as { result: string }).result}`);
    expect(calls).toEqual(['server listen 0', 'client connect EINPROGRESS', 'client connect 0', 'client send 10', 'server accept 2', 'server read 10', 'server send 20', 'client read 20', 'client close 0', 'server read 0', 'server close 0']);
    expect(w.load!.opened).toBe(1);
  });

  it('keeps no trace or snapshots in lean mode, and refuses a bad load naming the field', () => {
    const w = new World({ lean: true, load: { rate: 5 } });
    w.runUntil(3);
    expect(w.trace).toEqual([]);
    expect(w.segmentViews()).toEqual([]);
    expect(w.segmentCount).toBeGreaterThan(0);
    expect(() => w.snapshot()).toThrow(/lean/);
    expect(() => new World({ load: { rate: 0 } })).toThrow(InputError);
    expect(() => new World({ load: { rate: 0 } })).toThrow(/load\.rate/);
    expect(() => new World({ load: { rate: 1, clients: { lazy: 1 } as never } })).toThrow(/load\.clients\.lazy/);
    expect(() => new World({ load: { rate: 1, servers: { leak: 0 } } })).toThrow(/load\.servers/);
  });
});
