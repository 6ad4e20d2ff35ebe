/**
 * The benchmark itself (run bundled, by bench.ts). Prints DESIGN.md's figures,
 * one per line as `name: value`:
 * - lifecycles_per_s.xstate / .derived: complete lifecycles (connect, 1 KB each
 *   way, close, TIME_WAIT expiry) in a full-trace World, both engines in the same
 *   run, interleaved so their ratio is robust;
 * - machine_steps_per_s: bare derived-stepper steps (a client lifecycle's events);
 * - engine.bytes_per_connection_end: heap per idle ESTABLISHED connection end in
 *   a stack (the fleet.* figures come from bench-fleet.ts).
 */
import { performance } from 'node:perf_hooks';
import type { ScheduledStep } from '../sim/config.ts';
import { World } from '../sim/world.ts';
import { resolveKnobs } from '../tcp/knobs.ts';
import type { EndpointEvent } from '../tcp/machine/events.ts';
import { analyze } from '../tcp/rules/analyze.ts';
import type { Segment } from '../tcp/segment.ts';
import type { Engine } from '../tcp/stack/conn.ts';
import { newConn, stepConn } from '../tcp/stack/conn.ts';
import type { StackEffect } from '../tcp/stack/effects.ts';
import { Stack } from '../tcp/stack/stack.ts';
import { createTcb } from '../tcp/tcb.ts';

const LIFECYCLE: ScheduledStep[] = [
  { at: 0, peer: 'server', do: 'listen' },
  { at: 0.1, peer: 'client', do: 'connect' },
  { at: 1, peer: 'client', do: 'send', bytes: 1024 },
  { at: 1.5, peer: 'server', do: 'send', bytes: 1024 },
  { at: 2, peer: 'client', do: 'close' },
  { when: { peer: 'server', state: 'CLOSE_WAIT' }, after: 0.1, peer: 'server', do: 'close' },
];

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};

function lifecycles(engine: Engine, ms: number, seed0: number): { n: number; dt: number } {
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    const w = new World({ steps: LIFECYCLE, seed: seed0 + n, engine });
    w.runToEnd();
    if (w.state('client') !== 'CLOSED' || w.state('server') !== 'CLOSED') throw new Error('lifecycle did not finish');
    n++;
  }
  return { n, dt: (performance.now() - t0) / 1000 };
}

/** Both engines, interleaved in rounds, so a noisy neighbour hurts both alike. */
function compareEngines(rounds: number, ms: number): Record<Engine, number> {
  const tot = { derived: { n: 0, dt: 0 }, xstate: { n: 0, dt: 0 } };
  lifecycles('derived', 200, 0);
  lifecycles('xstate', 200, 0);
  for (let r = 0; r < rounds; r++) {
    for (const e of ['derived', 'xstate'] as const) {
      const x = lifecycles(e, ms, r * 100_000);
      tot[e].n += x.n;
      tot[e].dt += x.dt;
    }
  }
  return { derived: tot.derived.n / tot.derived.dt, xstate: tot.xstate.n / tot.xstate.dt };
}

/** A client connection's lifecycle as machine events, built against its TCB as it goes. */
function machineSteps(engine: Engine, ms: number): number {
  const k = resolveKnobs('linux');
  const out: StackEffect[] = [];
  let steps = 0;
  const t0 = performance.now();
  let i = 0;
  while (performance.now() - t0 < ms) {
    for (let rep = 0; rep < 100; rep++) {
      const c = newConn(1, createTcb({ k, localPort: 40000, remotePort: 80, iss: (i++ * 7919) >>> 0 }));
      const irs = 5000;
      const seg = (flags: Segment['flags'], seq: number, len = 0): Segment => ({ srcPort: 80, dstPort: 40000, seq, ack: c.tcb.sndNxt, flags, len, win: 65535 });
      const ev = (s: Segment, now: number): EndpointEvent => ({ type: 'SEGMENT', seg: s, v: analyze(c.state, c.tcb, s), now });
      const run = (e: EndpointEvent) => {
        out.length = 0;
        stepConn(c, e, 'bench', out, engine);
        steps++;
      };
      run({ type: 'CONNECT', now: 0 });
      run(ev({ ...seg({ SYN: true, ACK: true }, irs), mss: 1460 }, 0.1));
      run({ type: 'SEND', bytes: 1024, now: 1 });
      run(ev(seg({ ACK: true }, irs + 1), 1.1));
      run(ev(seg({ ACK: true, PSH: true }, irs + 1, 1024), 1.5));
      run({ type: 'READ', bytes: 1024, now: 1.5 });
      run({ type: 'CLOSE', now: 2 });
      run(ev(seg({ ACK: true }, irs + 1025), 2.1));
      run(ev(seg({ FIN: true, ACK: true }, irs + 1025), 2.2));
      run({ type: 'TIMEOUT.TIME_WAIT', now: 62.2 });
      if (c.state !== 'CLOSED') throw new Error(`machine lifecycle ended in ${c.state}`);
    }
  }
  return steps / ((performance.now() - t0) / 1000);
}

function heapPerConnection(count: number): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  const k = resolveKnobs('linux');
  let seed = 1;
  const rand32 = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const server = new Stack({ knobs: k, rand32 });
  const client = new Stack({ knobs: k, rand32, ephemeralBase: 1024 });
  const l = server.socket();
  server.bind(l, 80);
  server.listen(l, 1_000_000, 0);
  const pump = () => {
    for (let moved = true; moved; ) {
      moved = false;
      for (const [from, to] of [
        [client, server],
        [server, client],
      ] as const) {
        for (const e of from.drain()) {
          if (e.kind !== 'send') continue;
          to.deliver(e.seg, 0);
          moved = true;
        }
      }
    }
  };
  const measure = () => {
    gc?.();
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const before = measure();
  for (let i = 0; i < count; i++) {
    client.connect(client.socket(), 80, 0);
    pump();
    server.accept(l);
  }
  const after = measure();
  if (server.countInState('ESTABLISHED') !== count) throw new Error('not all connections established');
  // both ends live in this process: report per connection end
  return (after - before) / (2 * count);
}

const rounds = arg('rounds', 3);
const e = compareEngines(rounds, arg('ms', 1000));
console.log(`lifecycles_per_s.xstate: ${e.xstate.toFixed(0)} complete lifecycles per wall-clock second (full-trace World, XState transition())`);
console.log(`lifecycles_per_s.derived: ${e.derived.toFixed(0)} complete lifecycles per wall-clock second (full-trace World, derived stepper; ${(e.derived / e.xstate).toFixed(1)}x the reference)`);
console.log(`machine_steps_per_s: ${machineSteps('derived', 1000).toFixed(0)} bare derived-stepper steps per second (xstate: ${machineSteps('xstate', 500).toFixed(0)})`);
const gcNote = (globalThis as { gc?: () => void }).gc ? '' : ' (run with --expose-gc for a steadier figure)';
// The fleet's own figures (fleet.*, bench-fleet.ts) include its bookkeeping; this is the engine's share alone.
console.log(`engine.bytes_per_connection_end: ${heapPerConnection(20_000).toFixed(0)} bytes of heap per idle ESTABLISHED connection end in the stack (20000 connections held)${gcNote}`);
