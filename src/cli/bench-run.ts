/**
 * The benchmark itself (run bundled, by bench.ts). Prints DESIGN.md's figures,
 * one per line as `name: value`:
 * - lifecycles_per_s.xstate / .derived: complete lifecycles (connect, 1 KB each
 *   way, close, TIME_WAIT expiry) in a full-trace World, both engines in the same
 *   run, interleaved in rounds of equal CPU time; the ratio printed is the median of
 *   the rounds' ratios (with their range), so one noisy round does not move it;
 * Rates are per CPU second of this (single-threaded) process: on a shared machine
 * wall time measures the neighbours.
 * - machine_steps_per_s: bare derived-stepper steps (a client lifecycle's events);
 * - engine.bytes_per_connection_end: memory (heap and typed arrays, benchMemory.ts) per idle
 *   ESTABLISHED connection end in a stack alone;
 * - fleet.lifecycles_per_s: a lean World (WorldConfig.lean) with a load of 1000 new
 *   connections per virtual second and mixed closes (a leaking server among them, as
 *   in preset close-wait-leak), connections opened per CPU second of this process
 *   (one core; the wall-clock rate is printed next to it);
 * - fleet.bytes_per_connection: memory (heap and typed arrays) per idle ESTABLISHED connection
 *   end of a lean World, its bookkeeping included.
 * (The fleet page's own figures, fleet.page_*, come from bench-fleet.ts.)
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { ScheduledStep } from '../sim/config.ts';
import { FLEET_LOAD } from './benchFleet/lean.ts';
import { describeMemory, gcNote, memoryNow, perItem } from './benchMemory.ts';
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

/** CPU seconds this process has used: a busy machine stretches wall time, not this. */
const cpuSeconds = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

/** Lifecycles run for `ms` of this process's CPU time (so a noisy neighbour does not skew the engines' ratio). */
function lifecycles(engine: Engine, ms: number, seed0: number): { n: number; dt: number } {
  let n = 0;
  const t0 = cpuSeconds();
  while (cpuSeconds() - t0 < ms / 1000) {
    const w = new World({ steps: LIFECYCLE, seed: seed0 + n, engine });
    w.runToEnd();
    if (w.state('client') !== 'CLOSED' || w.state('server') !== 'CLOSED') throw new Error('lifecycle did not finish');
    n++;
  }
  return { n, dt: cpuSeconds() - t0 };
}

/**
 * Both engines in turn, 150 ms slices each, for at least `minMs` and until the derived
 * engine's rate holds (two turns within 10 %), at most 6 s: the code they share (World,
 * Stack, rules) sees both engines' TCB shapes, so V8 optimises it, deoptimises it when the
 * other engine's objects arrive, and settles only after a few turns of both.
 */
function warm(minMs: number): void {
  let last = 0;
  for (let spent = 0; spent < 6000; spent += 300) {
    const x = lifecycles('derived', 150, 1_000_000 + spent);
    lifecycles('xstate', 150, 2_000_000 + spent);
    const rate = x.n / x.dt;
    if (spent >= minMs && Math.abs(rate - last) <= 0.1 * last) return;
    last = rate;
  }
}

/**
 * Both engines, interleaved in rounds (which one goes first alternates), so a noisy neighbour
 * hurts both alike. The ratio is the median of the rounds' own ratios: a burst of load on
 * the machine spoils one round, not the figure. Rates are the median rounds' too.
 */
function compareEngines(rounds: number, ms: number): Record<Engine, number> & { ratio: number; low: number; high: number } {
  // Warm-up until V8 is done optimising for both engines: rounds run before that measured
  // half-optimised code (the first rounds of a run came out at 4-13x, later ones at 30-40x).
  warm(2000);
  const per: { derived: number; xstate: number; ratio: number }[] = [];
  for (let r = 0; r < rounds; r++) {
    const rate = { derived: 0, xstate: 0 };
    for (const e of r % 2 === 0 ? (['derived', 'xstate'] as const) : (['xstate', 'derived'] as const)) {
      // the XState reference is ~20x slower: give it the same CPU time, so each round is two equal slices
      const x = lifecycles(e, ms, r * 100_000);
      rate[e] = x.n / x.dt;
    }
    per.push({ ...rate, ratio: rate.derived / rate.xstate });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const ratios = per.map((p) => p.ratio);
  return { derived: median(per.map((p) => p.derived)), xstate: median(per.map((p) => p.xstate)), ratio: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios) };
}

/** A client connection's lifecycle as machine events, built against its TCB as it goes. */
function machineSteps(engine: Engine, ms: number): number {
  const k = resolveKnobs('linux');
  const out: StackEffect[] = [];
  let steps = 0;
  const t0 = cpuSeconds();
  let i = 0;
  while (cpuSeconds() - t0 < ms / 1000) {
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
  return steps / (cpuSeconds() - t0);
}

/** Memory per idle ESTABLISHED connection end in two stacks alone (no World): the engine's share. */
function memoryPerEnd(count: number): ReturnType<typeof perItem> {
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
  const before = memoryNow();
  for (let i = 0; i < count; i++) {
    client.connect(client.socket(), 80, 0);
    pump();
    server.accept(l);
  }
  const after = memoryNow();
  if (server.countInState('ESTABLISHED') !== count) throw new Error('not all connections established');
  // both ends live in this process: report per connection end
  return perItem(before, after, 2 * count);
}

/** Lifecycles of a lean World per CPU second (and per wall second), over up to `virtualS` virtual seconds or `wallMs`. */
function leanLifecycles(virtualS: number, wallMs: number): { cpu: number; wall: number; virtual: number; opened: number } {
  const w = new World({ seed: 1, load: FLEET_LOAD, lean: true });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let t = 0;
  while (t < virtualS && performance.now() - t0 < wallMs) w.runUntil(++t);
  const c = process.cpuUsage(c0);
  const opened = w.load!.opened;
  return { cpu: opened / ((c.user + c.system) / 1e6), wall: opened / ((performance.now() - t0) / 1000), virtual: t, opened };
}

/** Memory per idle ESTABLISHED connection end in a lean World (both ends live in it). */
function leanBytesPerEnd(count: number): ReturnType<typeof perItem> {
  const before = memoryNow();
  // opened at the fleet figure's rate: a faster burst leaves the timer and queue tables at the
  // size its handshakes' timers needed all at once (typed arrays keep their size), which is not
  // memory the idle connections hold
  const rate = 1000;
  const w = new World({ seed: 1, lean: true, load: { rate, until: (count - 1) / rate, clients: { holds: 1 }, servers: { 'wait-close': 1 } } });
  w.runUntil(Math.ceil(count / rate) + 2);
  const after = memoryNow();
  const ends = w.stacks.client.countInState('ESTABLISHED') + w.stacks.server.countInState('ESTABLISHED');
  if (ends !== 2 * count) throw new Error(`${ends} ESTABLISHED ends, expected ${2 * count}`);
  return perItem(before, after, ends);
}

/**
 * leanLifecycles() in `runs` fresh processes of this bundle, one after another: the median run
 * (by CPU rate) and the range. In this process the figure came after the engines' comparison had
 * grown the heap (about 5 % lower), and one run on a shared machine varies by a quarter either way.
 */
function leanRuns(runs: number, virtualS: number, wallMs: number): ReturnType<typeof leanLifecycles> & { low: number; high: number; runs: number } {
  const all: ReturnType<typeof leanLifecycles>[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [process.argv[1]!, '--lean-once', '--fleet-seconds', String(virtualS), '--fleet-ms', String(wallMs)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`lean run ${i + 1} failed: ${r.stderr || r.error?.message}`);
    all.push(JSON.parse(r.stdout.trim().split('\n').pop()!) as ReturnType<typeof leanLifecycles>);
  }
  const byCpu = [...all].sort((a, b) => a.cpu - b.cpu);
  return { ...byCpu[Math.floor((byCpu.length - 1) / 2)]!, low: byCpu[0]!.cpu, high: byCpu.at(-1)!.cpu, runs };
}

if (process.argv.includes('--lean-once')) {
  // a child of leanRuns(): one lean run, reported as JSON on the last line
  console.log(JSON.stringify(leanLifecycles(arg('fleet-seconds', 600), arg('fleet-ms', 20_000))));
} else {
  main();
}

function main(): void {
  const rounds = arg('rounds', 9);
  const e = compareEngines(rounds, arg('ms', 500));
  console.log(`lifecycles_per_s.xstate: ${e.xstate.toFixed(0)} complete lifecycles per CPU second (full-trace World, XState transition(); median of ${rounds} rounds)`);
  console.log(
    `lifecycles_per_s.derived: ${e.derived.toFixed(0)} complete lifecycles per CPU second (full-trace World, derived stepper; ${e.ratio.toFixed(1)}x the reference, median of ${rounds} interleaved rounds, range ${e.low.toFixed(1)}-${e.high.toFixed(1)}x)`,
  );
  console.log(`machine_steps_per_s: ${machineSteps('derived', 1000).toFixed(0)} bare derived-stepper steps per CPU second (xstate: ${machineSteps('xstate', 500).toFixed(0)})`);
  // The fleet's own figures (fleet.*, bench-fleet.ts) include its bookkeeping; this is the engine's share alone.
  console.log(`engine.bytes_per_connection_end: ${describeMemory(memoryPerEnd(20_000))} per idle ESTABLISHED connection end in the stack (20000 connections held)${gcNote()}`);
  const lean = leanRuns(arg('fleet-runs', 3), arg('fleet-seconds', 600), arg('fleet-ms', 20_000));
  console.log(
    `fleet.lifecycles_per_s: ${lean.cpu.toFixed(0)} connection lifecycles per CPU second on one core (lean World, 1000 new connections per virtual second, mixed closes; ${lean.opened} connections over ${lean.virtual} virtual s; median of ${lean.runs} runs in fresh processes, range ${lean.low.toFixed(0)}-${lean.high.toFixed(0)}; ${lean.wall.toFixed(0)} per wall second on this machine)`,
  );
  console.log(`fleet.ten_minutes_cpu_s: ${(600_000 / lean.cpu).toFixed(1)} CPU seconds for 10 virtual minutes of that load (projected from the rate above)`);
  console.log(`fleet.bytes_per_connection: ${describeMemory(leanBytesPerEnd(20_000))} per idle ESTABLISHED connection end in a lean World (20000 connections, both ends, bookkeeping included)${gcNote()}`);
}
