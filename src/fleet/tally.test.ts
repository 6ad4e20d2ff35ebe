/**
 * The census kept as sockets change (tally.ts) is the census of a full pass over the socket
 * table (sample.ts), at every sample of every preset and of a fleet using every feature.
 */
import { describe, expect, it } from 'vitest';
import { clientAddress } from './addresses.ts';
import type { FleetConfig } from './config.ts';
import { applyOverrides } from './overrides.ts';
import { PRESET_IDS, preset } from './presets/index.ts';
import { census } from './sample.ts';
import { FleetSim } from './sim.ts';
import { small } from './test/configs.ts';

function compare(cfg: FleetConfig, seconds: number): void {
  const sim = new FleetSim(cfg);
  for (let t = 1; t <= seconds; t++) {
    sim.runUntil(t);
    const s = sim.samples[t - 1]!;
    const full = census(sim.server, 5);
    expect(s.states, `states at ${t} s`).toEqual(full.states);
    expect(s.fds, `descriptors at ${t} s`).toBe(full.fds);
    expect(s.orphans, `orphans at ${t} s`).toBe(full.orphans);
    expect(s.sockstat, `sockstat at ${t} s`).toEqual(full.sockstat);
    expect(s.closeWait.map((l) => l.peer), `ss lines at ${t} s`).toEqual(full.closeWait.map((id) => clientAddress(sim.server.sock(id)!.remotePort!)));
  }
}

describe('the running census', { timeout: 240_000 }, () => {
  it.each(PRESET_IDS)('%s: equals a full count at every second (what-ifs included)', (id) => {
    const p = preset(id);
    // keep the run short; move the preset's what-ifs into it so they are exercised
    const seconds = 80;
    const changes = p.changes.map((c, i) => ({ ...c, at: 20 + i * 15 }));
    compare({ ...applyOverrides(p, { minutes: seconds / 60 }), changes }, seconds);
  });

  it('an orphan FIN_WAIT_2 that moves into a TIME_WAIT bucket halfway (tcp_fin_timeout above 60 s) is recounted then', () => {
    compare(applyOverrides(preset('fin-wait-2'), { minutes: 2, set: { tcp_fin_timeout: 90 } }), 100);
  });

  it('a fleet with every client behaviour, app mode, backend calls and a descriptor limit', () => {
    const cfg = small({
      rate: 15,
      seconds: 70,
      mix: { clients: { 'well-behaved': 2, 'closes-first': 2, 'vanish-after-fin': 1, 'vanish-mid': 1, lossy: 1, 'syn-flood': 2 }, app: { 'close-first': 1, 'wait-close': 1, leak: 1 } },
      set: { ulimit_n: 150, tcp_max_syn_backlog: 16, ip_local_port_range: '40000-40030', tcp_keepalive_time: 5, tcp_keepalive_intvl: 1, tcp_keepalive_probes: 2 },
      server: { keepalive: true },
      backend: { per_request: 0.6 },
      clients: { loss: 20, hold: 3 },
      changes: [{ at: 30, set: { tcp_tw_reuse: 1, ulimit_n: 400 } }, { at: 45, server: { read_timeout: 4 } }],
    });
    compare(cfg, 70);
  });

  it('forgets sockets that only passed through CLOSE_WAIT: its listing heap stays the size of the sockets still there', () => {
    // every server end passes CLOSE_WAIT; the leaking tenth stays there, the rest go on to LAST_ACK
    const sim = new FleetSim(small({ rate: 200, seconds: 60, mix: { clients: { 'closes-first': 1 }, app: { 'wait-close': 9, leak: 1 } } }));
    sim.runUntil(60);
    const passed = sim.counters.Accepted;
    expect(passed).toBeGreaterThan(10_000);
    const ranks = (sim as unknown as { tally: { closeWaitRanks: number[] } }).tally.closeWaitRanks;
    const still = sim.samples.at(-1)!.states.CLOSE_WAIT;
    expect(still).toBeGreaterThan(5);
    expect(ranks.length).toBeLessThan(2 * still + 64 + 200);
  });
});

