/**
 * The fleet's output, pinned: a digest of every per-second sample (counts per state, descriptors,
 * errors, counters, queues, orphans, the `ss` lines) of short runs of the bench's load and of each
 * preset. Speed work on the fleet's plumbing (queue, routing, pooling) must not change a single
 * count; when a deliberate change of behaviour moves a digest, the new value goes here with the
 * reason in the commit.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyOverrides } from './overrides.ts';
import { PRESET_IDS, preset } from './presets/index.ts';
import type { PresetId } from './presets/index.ts';
import { FleetSim } from './sim.ts';
import type { FleetConfig } from './config.ts';

function digest(cfg: FleetConfig, seconds: number, lean = false): string {
  const sim = new FleetSim(cfg, { lean });
  sim.runUntil(seconds);
  expect(sim.samples).toHaveLength(seconds);
  return createHash('sha256').update(JSON.stringify({ samples: sim.samples, markers: sim.markers })).digest('hex').slice(0, 16);
}

const PINNED: Record<PresetId, string> = {
  'close-wait-leak': '889109a58d9a5350',
  'last-ack-pileup': 'f9b0eee058112661',
  'time-wait-backend': '439957fc36baec78',
  'fin-wait-2': '2932756cbe704a83',
  'syn-flood': '67215f60fc254abd',
};

describe('fleet output digests', { timeout: 120_000 }, () => {
  it('the bench load (close-wait-leak at 1000 new connections/s): 40 virtual s, sample for sample', () => {
    const cfg = applyOverrides(preset('close-wait-leak'), { rate: 1000, minutes: 10 });
    expect(digest(cfg, 40, true)).toBe('6fb763c0e6ad7cf3');
  });

  it.each(PRESET_IDS)('preset %s: 90 virtual s at its own rate, sample for sample', (id) => {
    expect(digest(preset(id), 90)).toBe(PINNED[id]);
  });

  it('a digest moves when one count moves (the check can fail)', () => {
    const a = applyOverrides(preset('fin-wait-2'), { minutes: 1 });
    const b = applyOverrides(preset('fin-wait-2'), { minutes: 1, set: { tcp_fin_timeout: 59 } });
    expect(digest(a, 60)).not.toBe(digest(b, 60));
  });
});
