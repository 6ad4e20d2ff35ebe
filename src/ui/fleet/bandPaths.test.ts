/**
 * The chart's incremental paths write exactly what d3's stack + area / line write for the same
 * samples, whether the samples arrive at once or in chunks, and start over when the scales change.
 */
import { zeroSockstat } from './../../tcp/stack/sockstat.ts';
import { area, line, scaleLinear, scaleSymlog, stack } from 'd3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zeroCounters, zeroErrors, zeroStates } from '../../fleet/sample.ts';
import type { Sample } from '../../fleet/sample.ts';
import { TCP_STATES } from '../../tcp/states.ts';
import type { TcpState } from '../../tcp/states.ts';
import { BandPaths } from './bandPaths.ts';

const sample = (t: number, counts: readonly number[], states: readonly TcpState[]): Sample => {
  const s = zeroStates();
  states.forEach((st, i) => (s[st] = counts[i] ?? 0));
  return { t, states: s, fds: 0, errors: zeroErrors(), counters: zeroCounters(), queues: { syn: 0, accept: 0 }, orphans: 0, sockstat: zeroSockstat(), closeWait: [] };
};

function d3Paths(data: Sample[], states: readonly TcpState[], mode: 'stacked' | 'lines', x: (v: number) => number, y: (v: number) => number) {
  if (mode === 'stacked') {
    const series = stack<Sample, TcpState>()
      .keys(states)
      .value((d, k) => d.states[k])(data);
    const gen = area<[number, number] & { data: Sample }>()
      .x((d) => x(d.data.t))
      .y0((d) => y(d[0]))
      .y1((d) => y(d[1]));
    return series.map((s) => gen(s as unknown as ([number, number] & { data: Sample })[]));
  }
  return states.map((st) =>
    line<Sample>()
      .x((d) => x(d.t))
      .y((d) => y(d.states[st]))(data),
  );
}

const scales = (total: number, yMax: number, log: boolean, width: number) => {
  const x = scaleLinear().domain([0, total]).range([52, width - 14]);
  const y = (log ? scaleSymlog().constant(1) : scaleLinear()).domain([0, yMax]).range([222, 28]).nice();
  return { x, y, key: `${x.domain()}|${x.range()}|${y.domain()}|${y.range()}|${log}` };
};

describe('BandPaths', () => {
  it('writes what d3 writes, with the samples arriving in chunks of any size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(5000), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom<'stacked' | 'lines'>('stacked', 'lines'),
        fc.boolean(),
        fc.integer({ min: 240, max: 1400 }),
        (rows, chunks, mode, log, width) => {
          const states: TcpState[] = ['LISTEN', 'ESTABLISHED', 'CLOSE_WAIT', 'TIME_WAIT'];
          const all = rows.map((c, i) => sample(i + 1, c, states));
          const { x, y, key } = scales(600, 20000, log, width);
          const bands = new BandPaths();
          let got = bands.update([], states, mode, x, y, key);
          expect(got).toEqual([]);
          let n = 0;
          for (let k = 0; n < all.length; k++) {
            n = Math.min(all.length, n + chunks[k % chunks.length]!);
            got = bands.update(all.slice(0, n), states, mode, x, y, key);
            expect(got.map((b) => b.d)).toEqual(d3Paths(all.slice(0, n), states, mode, x, y));
          }
          expect(got.map((b) => b.state)).toEqual(states);
          expect(got.every((b) => b.fill === (mode === 'stacked'))).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('starts over when the scales, the states, the mode or the run change', () => {
    const states: TcpState[] = ['LISTEN', 'ESTABLISHED', 'CLOSE_WAIT'];
    const all = Array.from({ length: 30 }, (_, i) => sample(i + 1, [1, i * 10, i * i], states));
    const bands = new BandPaths();
    const a = scales(600, 1000, false, 900);
    bands.update(all.slice(0, 10), states, 'stacked', a.x, a.y, a.key);
    // the y axis grows (a new nice top): every earlier point moves
    const b = scales(600, 2000, false, 900);
    expect(bands.update(all, states, 'stacked', b.x, b.y, b.key).map((p) => p.d)).toEqual(d3Paths(all, states, 'stacked', b.x, b.y));
    // a state appears
    const more: TcpState[] = [...states, 'TIME_WAIT'];
    expect(bands.update(all, more, 'stacked', b.x, b.y, b.key).map((p) => p.d)).toEqual(d3Paths(all, more, 'stacked', b.x, b.y));
    expect(bands.update(all, more, 'lines', b.x, b.y, b.key).map((p) => p.d)).toEqual(d3Paths(all, more, 'lines', b.x, b.y));
    // another run (a new preset) of the same length: its own samples, not the old ones
    const other = all.map((s) => sample(s.t, [2, 3, 4], states));
    expect(bands.update(other, more, 'lines', b.x, b.y, b.key).map((p) => p.d)).toEqual(d3Paths(other, more, 'lines', b.x, b.y));
  });

  it('covers every state the fleet counts', () => {
    const all = Array.from({ length: 5 }, (_, i) => sample(i + 1, TCP_STATES.map((_, j) => i * j), TCP_STATES));
    const { x, y, key } = scales(600, 500, true, 1000);
    expect(new BandPaths().update(all, TCP_STATES, 'stacked', x, y, key).map((p) => p.d)).toEqual(d3Paths(all, TCP_STATES, 'stacked', x, y));
  });
});
