/**
 * The fleet's invariants on its per-second samples (issue: "The fleet view"): counts add up,
 * steady states follow rate × lifetime, descriptors run out exactly at ulimit -n, knobs bend
 * the curves only from the moment they change, and the run is a function of its seed.
 */
import { describe, expect, it } from 'vitest';
import { TCP_STATES } from '../tcp/states.ts';
import { FleetSim } from './sim.ts';
import { totalSockets } from './sample.ts';
import { mean, small } from './test/configs.ts';
import { preset } from './presets/index.ts';
import { applyOverrides } from './overrides.ts';

describe('fleet samples', { timeout: 180_000 }, () => {
  it('per-state counts add up to the open sockets, and descriptors agree with the host’s own count', () => {
    const cfg = small({
      rate: 12,
      seconds: 40,
      mix: { clients: { 'well-behaved': 2, 'closes-first': 2, 'vanish-after-fin': 1, 'vanish-mid': 1, lossy: 1, 'syn-flood': 2 }, app: { 'close-first': 1, 'wait-close': 1, leak: 1 } },
      set: { ulimit_n: 120 },
      // a SYN queue of 17 (the listen() backlog, plus one): the flood reaches it, cookies follow
      server: { backlog: 16 },
      backend: { per_request: 0.5 },
      clients: { loss: 20, hold: 3 },
    });
    const sim = new FleetSim(cfg);
    for (let t = 1; t <= 40; t++) {
      sim.runUntil(t);
      const s = sim.samples[t - 1]!;
      expect(s.t).toBe(t);
      // every state present, zeros included
      expect(Object.keys(s.states).sort()).toEqual([...TCP_STATES].sort());
      // the stack's own per-state count, state by state
      for (const st of TCP_STATES) expect(s.states[st], `${st} at ${t}`).toBe(sim.server.countInState(st));
      const open = sim.server.allSocks().filter((x) => x.kind !== 'fresh' && x.conn && (x.conn.state !== 'CLOSED' || x.fdOpen)).length;
      expect(totalSockets(s.states)).toBe(open);
      expect(s.fds).toBe(sim.openFds);
      expect(s.fds).toBeLessThanOrEqual(120);
    }
    const last = sim.samples.at(-1)!;
    expect(last.counters.SyncookiesSent).toBeGreaterThan(0);
    expect(last.states.LISTEN).toBe(1);
  });

  it('TIME_WAIT on the side that closes first settles at rate × 60 s (within 10 %)', () => {
    const sim = new FleetSim(small({ rate: 8, seconds: 100, mix: { clients: { 'well-behaved': 1 }, app: { 'close-first': 1 } } }));
    const s = sim.run();
    const steady = mean(s.filter((x) => x.t >= 75).map((x) => x.states.TIME_WAIT));
    expect(Math.abs(steady - 8 * 60) / (8 * 60)).toBeLessThan(0.1);
    // before 60 s it is still climbing by the rate
    expect(s[39]!.states.TIME_WAIT - s[19]!.states.TIME_WAIT).toBeGreaterThan(8 * 20 * 0.9);
  });

  it('the client closing first leaves TIME_WAIT with the client, not on the server', () => {
    const s = new FleetSim(small({ rate: 8, seconds: 30, mix: { clients: { 'closes-first': 1 }, app: { 'wait-close': 1 } } })).run();
    expect(Math.max(...s.map((x) => x.states.TIME_WAIT))).toBe(0);
  });

  it('CLOSE_WAIT grows by the leak rate until descriptors run out; EMFILE starts exactly at ulimit -n', () => {
    const ulimit = 150;
    const sim = new FleetSim(small({ rate: 10, seconds: 30, mix: { clients: { 'closes-first': 1 }, app: { leak: 1 } }, set: { ulimit_n: ulimit } }));
    const s = sim.run();
    const slope = (s[11]!.states.CLOSE_WAIT - s[1]!.states.CLOSE_WAIT) / 10;
    expect(Math.abs(slope - 10) / 10).toBeLessThan(0.1);
    const first = s.findIndex((x) => x.errors.EMFILE > 0);
    expect(first).toBeGreaterThan(0);
    for (let i = 0; i < s.length; i++) {
      expect(s[i]!.fds).toBeLessThanOrEqual(ulimit);
      // EMFILE only ever grows while every descriptor is taken
      if (i > 0 && s[i]!.errors.EMFILE > s[i - 1]!.errors.EMFILE) expect(s[i]!.fds).toBe(ulimit);
      if (s[i]!.fds < ulimit) expect(s[i]!.errors.EMFILE).toBe(s[i - 1]?.errors.EMFILE ?? 0);
    }
    expect(s[first - 1]!.errors.EMFILE).toBe(0);
    // the listener holds one descriptor; every other one is a leaked CLOSE_WAIT socket
    expect(s.at(-1)!.states.CLOSE_WAIT).toBeGreaterThanOrEqual(ulimit - 1);
  });

  it('halving tcp_fin_timeout halves the steady FIN_WAIT_2 count (within 10 %)', () => {
    const run = (fin: number) =>
      mean(new FleetSim(small({ rate: 8, seconds: 70, mix: { clients: { 'vanish-mid': 1 }, app: { 'close-first': 1 } }, set: { tcp_fin_timeout: fin } })).run().filter((x) => x.t >= 50).map((x) => x.states.FIN_WAIT_2));
    const full = run(40);
    const half = run(20);
    expect(Math.abs(full - 8 * 40) / (8 * 40)).toBeLessThan(0.1);
    expect(Math.abs(half / full - 0.5) / 0.5).toBeLessThan(0.1);
  });

  it('tcp_tw_reuse = 1 removes EADDRNOTAVAIL in preset time-wait-backend', () => {
    const run = (reuse: number) => new FleetSim(applyOverrides(preset('time-wait-backend'), { rate: 10, minutes: 50 / 60, set: { ip_local_port_range: '61000-61249', tcp_tw_reuse: reuse } })).run().at(-1)!;
    const without = run(0);
    expect(without.errors.EADDRNOTAVAIL).toBeGreaterThan(0);
    const withReuse = run(1);
    expect(withReuse.errors.EADDRNOTAVAIL).toBe(0);
  });

  it('a knob change mid-run changes the curve only after its marker', () => {
    const base = { rate: 8, seconds: 60, mix: { clients: { 'vanish-mid': 1, 'closes-first': 1 } }, set: { tcp_fin_timeout: 60 } };
    const a = new FleetSim(small({ ...base, mix: { ...base.mix, app: { 'close-first': 1 } } }));
    const b = new FleetSim(small({ ...base, mix: { ...base.mix, app: { 'close-first': 1 } }, changes: [{ at: 30, set: { tcp_fin_timeout: 5 } }] }));
    const sa = a.run();
    const sb = b.run();
    expect(b.markers).toEqual([{ t: 30, index: 0 }]);
    expect(sb.slice(0, 30)).toEqual(sa.slice(0, 30));
    const later = sb.slice(30).map((x, i) => x.states.FIN_WAIT_2 - sa[30 + i]!.states.FIN_WAIT_2);
    expect(Math.min(...later)).toBeLessThan(0);
  });

  it('is a function of its seed', () => {
    const cfg = (seed: number) => small({ seed, rate: 10, seconds: 20, mix: { clients: { 'well-behaved': 1, lossy: 1, 'vanish-mid': 1 }, app: { 'close-first': 1, 'wait-close': 1 } }, clients: { loss: 15 } });
    const one = new FleetSim(cfg(7)).run();
    expect(new FleetSim(cfg(7)).run()).toEqual(one);
    expect(new FleetSim(cfg(8)).run()).not.toEqual(one);
  });

  it('tcp_tw_recycle is accepted and changes nothing', () => {
    const cfg = (set: Record<string, number>) => small({ rate: 10, seconds: 15, mix: { clients: { 'well-behaved': 1 }, app: { 'close-first': 1 } }, set });
    expect(new FleetSim(cfg({ tcp_tw_recycle: 1 })).run()).toEqual(new FleetSim(cfg({})).run());
  });

  it('a SYN flood fills the SYN queue to the listen() backlog; cookies keep real clients connecting', () => {
    const flood = (cookies: number) =>
      new FleetSim(small({ rate: 60, seconds: 20, mix: { clients: { 'syn-flood': 5, 'well-behaved': 1 }, app: { 'wait-close': 1 } }, set: { tcp_syncookies: cookies }, server: { backlog: 64 } })).run();
    const on = flood(1);
    expect(Math.max(...on.map((x) => x.states.SYN_RCVD))).toBeLessThanOrEqual(64 + 10);
    expect(on.at(-1)!.states.SYN_RCVD).toBeGreaterThanOrEqual(60);
    expect(on.at(-1)!.counters.SyncookiesSent).toBeGreaterThan(0);
    expect(on.at(-1)!.counters.Accepted).toBeGreaterThan(100);
    const off = flood(0);
    expect(off.at(-1)!.counters.ListenDrops).toBeGreaterThan(0);
    expect(off.at(-1)!.counters.Accepted).toBeLessThan(on.at(-1)!.counters.Accepted);
  });
});
