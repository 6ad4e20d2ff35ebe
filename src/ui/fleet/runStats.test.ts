/** The page's whole-run figures, kept as chunks arrive, equal the ones counted over all samples at once. */
import { describe, expect, it } from 'vitest';
import { FleetSim } from '../../fleet/sim.ts';
import { small } from '../../fleet/test/configs.ts';
import { TCP_STATES } from '../../tcp/states.ts';
import { activeStates, RunStats } from './runStats.ts';

describe('RunStats', () => {
  it('counts the same in chunks as over the whole run, and starts over for another run', () => {
    const sim = new FleetSim(small({ rate: 20, seconds: 60, mix: { clients: { 'well-behaved': 2, 'vanish-after-fin': 1 }, app: { 'close-first': 1, leak: 1 } } }));
    sim.runUntil(sim.duration);
    const all = sim.samples;
    expect(all.length).toBeGreaterThan(20);
    const whole = new RunStats().update(all);
    const chunked = new RunStats();
    for (let n = 0; n <= all.length; n += 7) chunked.update(all.slice(0, n));
    chunked.update(all);
    const sums = all.map((s) => TCP_STATES.reduce((a, st) => a + s.states[st], 0));
    expect(chunked.maxStacked).toBe(Math.max(1, ...sums));
    expect(chunked.maxLine).toBe(Math.max(1, ...all.flatMap((s) => TCP_STATES.map((st) => s.states[st]))));
    const ever = TCP_STATES.filter((st) => st === 'LISTEN' || all.some((s) => s.states[st] > 0));
    expect(activeStates(chunked, new RunStats())).toEqual(ever);
    expect([...chunked.on].sort()).toEqual([...whole.on].sort());
    expect(ever.length).toBeGreaterThan(2);
    // a new run (shorter, other samples): nothing of the first one stays
    const first = all.slice(0, 1);
    chunked.update(first);
    expect(chunked.maxStacked).toBe(Math.max(1, sums[0]!));
    expect(activeStates(chunked, new RunStats())).toEqual(TCP_STATES.filter((st) => st === 'LISTEN' || first[0]!.states[st] > 0));
  });
});
