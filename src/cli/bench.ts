/**
 * `npm run bench`: figures, not pass/fail.
 * 1. complete connection lifecycles (connect, 1 KB each way, close, TIME_WAIT expiry) simulated per wall-clock second;
 * 2. heap bytes per idle ESTABLISHED connection held by a host's stack.
 */
import { performance } from 'node:perf_hooks';
import { World } from '../sim/world.ts';
import type { ScheduledStep } from '../sim/config.ts';
import { resolveKnobs } from '../tcp/knobs.ts';
import { Stack } from '../tcp/stack/stack.ts';

const LIFECYCLE: ScheduledStep[] = [
  { at: 0, peer: 'server', do: 'listen' },
  { at: 0.1, peer: 'client', do: 'connect' },
  { at: 1, peer: 'client', do: 'send', bytes: 1024 },
  { at: 1.5, peer: 'server', do: 'send', bytes: 1024 },
  { at: 2, peer: 'client', do: 'close' },
  { when: { peer: 'server', state: 'CLOSE_WAIT' }, after: 0.1, peer: 'server', do: 'close' },
];

function lifecycles(seconds: number): { perSecond: number; eventsPerSecond: number } {
  let n = 0;
  let events = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    const w = new World({ steps: LIFECYCLE, seed: n });
    w.runToEnd();
    if (w.state('client') !== 'CLOSED' || w.state('server') !== 'CLOSED') throw new Error('lifecycle did not finish');
    events += w.trace.length;
    n++;
  }
  const dt = (performance.now() - t0) / 1000;
  return { perSecond: n / dt, eventsPerSecond: events / dt };
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
  server.listen(l, 65535, 0);
  const pump = () => {
    for (let moved = true; moved; ) {
      moved = false;
      for (const [from, to] of [[client, server], [server, client]] as const) {
        for (const e of from.drain()) if (e.kind === 'send') { to.deliver(e.seg, 0); moved = true; }
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
  // both ends live in this process: report per connection end (one host's share)
  return (after - before) / (2 * count);
}

const gcNote = (globalThis as { gc?: () => void }).gc ? '' : ' (run with --expose-gc for a steadier figure)';
const lc = lifecycles(3);
console.log(`lifecycles: ${lc.perSecond.toFixed(0)} complete connection lifecycles per wall-clock second (${lc.eventsPerSecond.toFixed(0)} trace events/s)`);
const bytes = heapPerConnection(20000);
console.log(`memory: ${bytes.toFixed(0)} bytes of heap per idle ESTABLISHED connection (20000 connections held)${gcNote}`);
