/**
 * The SYN queue as Linux 6.18 bounds it, numbers measured on this project's test kernel (spoofed
 * SYNs into a listener that never accepts, in a network namespace):
 * - tcp_syncookies 1: listen(8) holds 9 requests in SYN_RECV, listen(64) holds 65 (somaxconn 8: 9),
 *   with tcp_max_syn_backlog 16 or 1024 alike; every later SYN is a cookie (SyncookiesSent).
 * - tcp_syncookies 0: listen(8) holds 9 again (tcp_max_syn_backlog 16 or 1024), later SYNs count
 *   ListenDrops only; listen(64) with tcp_max_syn_backlog 16 holds 13, the last quarter of
 *   tcp_max_syn_backlog being kept for peers proven alive.
 * - A full accept queue drops a SYN before it gets a cookie, and drops a valid cookie's ACK, each
 *   counted ListenOverflows + ListenDrops, with no RST even under tcp_abort_on_overflow 1.
 */
import { describe, expect, it } from 'vitest';
import type { Segment } from '../tcp/segment.ts';
import { FleetSim } from './sim.ts';
import { small } from './test/configs.ts';

/** About 50 spoofed SYNs a second (each SYN,ACK retransmitted for 63 s) and a few real clients. */
const flood = (set: Record<string, number>, backlog: number, seconds = 20) =>
  new FleetSim(small({ rate: 60, seconds, mix: { clients: { 'syn-flood': 5, 'well-behaved': 1 }, app: { 'wait-close': 1 } }, set, server: { backlog } }));

const peak = (sim: FleetSim) => Math.max(...sim.run().map((x) => x.states.SYN_RCVD));

describe('the SYN queue (Linux 6.18 tcp_conn_request)', () => {
  it('with cookies, is full past the listen() backlog, whatever tcp_max_syn_backlog', () => {
    for (const tcp_max_syn_backlog of [16, 1024]) {
      const sim = flood({ tcp_syncookies: 1, tcp_max_syn_backlog }, 8);
      expect(peak(sim), `tcp_max_syn_backlog ${tcp_max_syn_backlog}`).toBe(9);
      const last = sim.samples.at(-1)!;
      expect(last.counters.SyncookiesSent).toBeGreaterThan(0);
      expect(last.counters.ListenDrops).toBe(0);
      expect(last.errors.ListenOverflows).toBe(0);
      // the real clients still get in, through cookies
      expect(last.counters.Accepted).toBeGreaterThan(50);
    }
    expect(peak(flood({ tcp_syncookies: 1, tcp_max_syn_backlog: 16 }, 64))).toBe(65);
    // the backlog is capped by somaxconn first
    expect(peak(flood({ tcp_syncookies: 1, tcp_max_syn_backlog: 1024, somaxconn: 8 }, 64))).toBe(9);
  });

  it('tcp_syncookies 2 answers every SYN with a cookie: nothing waits in SYN_RECV', () => {
    const sim = flood({ tcp_syncookies: 2 }, 64);
    expect(peak(sim)).toBe(0);
    expect(sim.samples.at(-1)!.counters.SyncookiesSent).toBeGreaterThan(900);
  });

  it('without cookies, drops past the backlog, or past three quarters of tcp_max_syn_backlog if that comes first', () => {
    for (const tcp_max_syn_backlog of [16, 1024]) {
      const sim = flood({ tcp_syncookies: 0, tcp_max_syn_backlog }, 8);
      expect(peak(sim), `tcp_max_syn_backlog ${tcp_max_syn_backlog}`).toBe(9);
    }
    const sim = flood({ tcp_syncookies: 0, tcp_max_syn_backlog: 16 }, 64);
    expect(peak(sim)).toBe(13);
    const last = sim.samples.at(-1)!;
    // counted as ListenDrops alone: the accept queue never overflowed
    expect(last.counters.ListenDrops).toBeGreaterThan(500);
    expect(last.errors.ListenOverflows).toBe(0);
    expect(last.counters.SyncookiesSent).toBe(0);
    expect(peak(flood({ tcp_syncookies: 0, tcp_max_syn_backlog: 1024 }, 64))).toBe(65);
  });

  it("a cookie's ACK meeting a full accept queue is an overflow, dropped without a RST even with tcp_abort_on_overflow 1", () => {
    // every SYN gets a cookie; seven connections use up ulimit -n 8, so the accept queue (backlog 2) fills
    const cfg = (abort: number) =>
      small({ rate: 10, seconds: 20, mix: { clients: { 'well-behaved': 1 }, app: { leak: 1 } }, set: { ulimit_n: 8, tcp_syncookies: 2, tcp_abort_on_overflow: abort }, server: { backlog: 2 }, clients: { rtt: 0.6 } });
    const sim = new FleetSim(cfg(1));
    const clients = sim.stacks[1];
    const toClients: Segment[] = [];
    const deliver = clients.deliver.bind(clients);
    clients.deliver = (seg, ...rest) => {
      toClients.push(seg);
      return deliver(seg, ...rest);
    };
    const samples = sim.run();
    const last = samples.at(-1)!;
    expect(samples).toEqual(new FleetSim(cfg(0)).run());
    expect(last.states.SYN_RCVD).toBe(0);
    expect(last.errors.ListenOverflows).toBeGreaterThan(0);
    expect(last.counters.ListenDrops).toBe(last.errors.ListenOverflows);
    expect(last.counters.EmbryonicRsts).toBe(0);
    expect(toClients.some((s) => s.flags.RST)).toBe(false);
    // clients whose cookie ACK was dropped believe they are connected: more ESTABLISHED there than the server accepted
    expect(clients.countInState('ESTABLISHED')).toBeGreaterThan(sim.server.countInState('ESTABLISHED'));
  });
});
