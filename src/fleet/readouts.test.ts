/**
 * What the fleet page prints as the box's own tools would: `ss -s` in iproute2's format, from
 * the sockstat counts (the kernel's rules: src/tcp/stack/sockstat.ts), and node_exporter's series.
 */
import { describe, expect, it } from 'vitest';
import { zeroSockstat } from '../tcp/stack/sockstat.ts';
import { applyOverrides } from './overrides.ts';
import { preset } from './presets/index.ts';
import { awkOutput, exporterLines, ssSummary } from './readouts.ts';
import type { Sample } from './sample.ts';
import { zeroCounters, zeroErrors, zeroStates } from './sample.ts';
import { FleetSim } from './sim.ts';

describe('readouts', () => {
  it("ss -s: total is full sockets and timewait socks, closed those in no hash, estab counts CLOSE_WAIT (the kernel's CurrEstab)", () => {
    const states = { ...zeroStates(), LISTEN: 1, ESTABLISHED: 3, CLOSE_WAIT: 2, FIN_WAIT_2: 4, TIME_WAIT: 5, CLOSED: 1 };
    const s: Sample = { t: 1, states, fds: 7, errors: zeroErrors(), counters: zeroCounters(), queues: { syn: 0, accept: 0 }, orphans: 0, sockstat: { inuse: 6, orphan: 0, tw: 9, alloc: 7 }, closeWait: [] };
    expect(ssSummary(s)).toBe('TCP:   16 (estab 5, closed 10, orphaned 0, timewait 9)');
    expect(exporterLines(s)).toEqual(expect.arrayContaining(['node_sockstat_TCP_alloc 7', 'node_sockstat_TCP_inuse 6', 'node_sockstat_TCP_tw 9', 'node_sockstat_TCP_orphan 0', 'node_netstat_Tcp_CurrEstab 5', 'node_netstat_Tcp_OutRsts 0']));
    expect(ssSummary({ ...s, sockstat: zeroSockstat(), states: zeroStates() })).toBe('TCP:   0 (estab 0, closed 0, orphaned 0, timewait 0)');
    // netstat reads /proc/net/tcp: no listener (without -a), and no CLOSED socket, which is in no hash table
    expect(awkOutput(s)).toEqual(['ESTABLISHED 3', 'FIN_WAIT2 4', 'CLOSE_WAIT 2', 'TIME_WAIT 5']);
  });

  it("preset fin-wait-2: the server's orphaned FIN_WAIT_2 sockets are timewait to ss -s, not orphans", () => {
    const sim = new FleetSim(applyOverrides(preset('fin-wait-2'), { minutes: 2 }));
    sim.runUntil(120);
    const s = sim.samples.at(-1)!;
    expect(s.states.FIN_WAIT_2).toBeGreaterThan(1000);
    // every FIN_WAIT_2 there is an orphan (the server closed first) kept in a bucket
    expect(s.sockstat.tw).toBe(s.states.TIME_WAIT + s.states.FIN_WAIT_2);
    expect(s.orphans).toBe(s.sockstat.orphan);
    expect(s.orphans).toBeLessThan(s.states.FIN_WAIT_1 + s.states.CLOSING + s.states.LAST_ACK + 1);
    const m = /^TCP: +(\d+) \(estab (\d+), closed (\d+), orphaned (\d+), timewait (\d+)\)$/.exec(ssSummary(s));
    expect(m).not.toBeNull();
    expect(Number(m![5])).toBe(s.sockstat.tw);
    expect(Number(m![1])).toBe(s.sockstat.alloc + s.sockstat.tw);
    // with tcp_fin_timeout 90 each waits 30 s as a full orphan socket, then 30 s in a bucket (Linux 6.18):
    // about half of them are each, and the count is the same as with 60
    const long = new FleetSim(applyOverrides(preset('fin-wait-2'), { minutes: 2, set: { tcp_fin_timeout: 90 } }));
    long.runUntil(120);
    const l = long.samples.at(-1)!;
    const bucketed = l.sockstat.tw - l.states.TIME_WAIT;
    expect(l.states.FIN_WAIT_2).toBeCloseTo(s.states.FIN_WAIT_2, -2);
    expect(bucketed / l.states.FIN_WAIT_2).toBeGreaterThan(0.4);
    expect(bucketed / l.states.FIN_WAIT_2).toBeLessThan(0.6);
    expect(l.orphans).toBeGreaterThanOrEqual(l.states.FIN_WAIT_2 - bucketed);
  });
});

describe('ss -tan state close-wait', () => {
  it('Recv-Q 1 for a leaked handler: it read its request before the FIN came and never reads again (the FIN counts until a read reaches it)', () => {
    const leak = new FleetSim(applyOverrides(preset('close-wait-leak'), { minutes: 1 }));
    leak.runUntil(60);
    const lines = leak.samples.at(-1)!.closeWait;
    expect(lines.length).toBe(5);
    for (const l of lines) expect(l.recvQ).toBe(1);
  });
});

describe('counters an operator reads with nstat', () => {
  it("TCPAbortOnTimeout counts sockets given up after their retries, not FIN_WAIT_2 or TIME_WAIT running out (kernel 6.18's rules)", () => {
    const pile = new FleetSim(applyOverrides(preset('last-ack-pileup'), { minutes: 5 }));
    pile.runUntil(300);
    const p = pile.samples.at(-1)!;
    expect(p.counters.TCPAbortOnTimeout).toBeGreaterThan(0);
    // fin-wait-2: thousands of FIN_WAIT_2 and TIME_WAIT sockets run out, none is an abort
    const fw2 = new FleetSim(applyOverrides(preset('fin-wait-2'), { minutes: 2 }));
    fw2.runUntil(120);
    const f = fw2.samples.at(-1)!;
    expect(f.states.FIN_WAIT_2 + f.states.TIME_WAIT).toBeGreaterThan(1000);
    expect(f.counters.TCPAbortOnTimeout).toBe(0);
  });
});

describe('listen queue counters', () => {
  it('every ListenOverflows is a ListenDrops too, the handshake ACK dropped by a full accept queue included', () => {
    // close-wait-leak's accept queue fills at about 309 s
    const sim = new FleetSim(applyOverrides(preset('close-wait-leak'), { minutes: 7 }));
    sim.runUntil(420);
    for (const s of sim.samples) expect(s.counters.ListenDrops, `at ${s.t} s`).toBeGreaterThanOrEqual(s.errors.ListenOverflows);
    expect(sim.samples.at(-1)!.errors.ListenOverflows).toBeGreaterThan(0);
  });
});
