/**
 * tcp_abort_on_overflow as Linux 6.18 runs it (measured on loopback in a network namespace, the
 * accept queue full when handshakes' last ACKs arrive): with 0 the ACK is dropped, the request
 * stays in SYN_RCVD and its SYN,ACK is retransmitted; with 1 the listener answers the ACK with a
 * bare RST whose sequence number is the ACK's acknowledgment number, drops the request, and counts
 * ListenOverflows, ListenDrops and EmbryonicRsts. The client, ESTABLISHED since it sent that ACK,
 * is reset; the request it sent at once meets no request any more and draws a second RST.
 */
import { describe, expect, it } from 'vitest';
import type { Segment } from '../tcp/segment.ts';
import type { Stack } from '../tcp/stack/stack.ts';
import type { TcpState } from '../tcp/states.ts';
import { FleetSim } from './sim.ts';
import { small } from './test/configs.ts';

/** Seven connections use up ulimit -n 8; the accept queue (backlog 2) then fills while clients 0.6 s away keep coming. */
const overflowing = (set: Record<string, number> = {}, changes: object[] = []) =>
  small({ rate: 10, seconds: 20, mix: { clients: { 'well-behaved': 1 }, app: { leak: 1 } }, set: { ulimit_n: 8, ...set }, server: { backlog: 2 }, clients: { rtt: 0.6 }, changes });

interface Arrival {
  seg: Segment;
  /** the client socket's state before and after, and the error it holds after (null: no socket of that port) */
  before: TcpState | null;
  after: TcpState | null;
  error: string | null;
  rcvNxt: number | null;
}

/** Runs `sim`, noting every segment that reaches the clients' host, with what it did to the client socket it was for. */
function runWatchingClients(sim: FleetSim): Arrival[] {
  const clients: Stack = sim.stacks[1];
  const seen: Arrival[] = [];
  const deliver = clients.deliver.bind(clients);
  clients.deliver = (seg, now, ...rest) => {
    const s = clients.allSocks().find((x) => x.localPort === seg.dstPort && x.conn);
    const before = s ? clients.state(s.id) : null;
    const rcvNxt = s ? (clients.tcb(s.id)?.rcvNxt ?? null) : null;
    const r = deliver(seg, now, ...rest);
    seen.push({ seg, before, after: s ? clients.state(s.id) : null, error: s ? clients.soError(s.id).pending : null, rcvNxt });
    return r;
  };
  sim.run();
  return seen;
}

const isBareRst = (s: Segment) => s.flags.RST && !s.flags.ACK && !s.flags.SYN && !s.flags.FIN;
const isSynAck = (s: Segment) => s.flags.SYN && s.flags.ACK;

describe('tcp_abort_on_overflow', () => {
  it('0 (the default): the ACK is dropped, the request stays and its SYN,ACK goes out again to a client that is ESTABLISHED', () => {
    const sim = new FleetSim(overflowing({ tcp_abort_on_overflow: 0 }));
    const seen = runWatchingClients(sim);
    expect(sim.samples).toEqual(new FleetSim(overflowing()).run());
    const last = sim.samples.at(-1)!;
    expect(last.errors.ListenOverflows).toBeGreaterThan(0);
    expect(last.counters.ListenDrops).toBe(last.errors.ListenOverflows);
    expect(last.counters.EmbryonicRsts).toBe(0);
    expect(last.counters.OutRsts).toBe(0);
    // the requests whose ACK was dropped are still there, in SYN_RCVD, at the end
    expect(last.states.SYN_RCVD).toBeGreaterThan(0);
    expect(seen.filter((a) => isSynAck(a.seg) && a.before === 'ESTABLISHED').length).toBeGreaterThan(0);
    expect(seen.some((a) => a.seg.flags.RST)).toBe(false);
  });

  it('1: each ACK that overflows is answered by a bare RST (seq = its ack), the request is dropped and the client reset', () => {
    const sim = new FleetSim(overflowing({ tcp_abort_on_overflow: 1 }));
    const seen = runWatchingClients(sim);
    const last = sim.samples.at(-1)!;
    const rsts = seen.filter((a) => a.seg.flags.RST);
    expect(rsts.every((a) => isBareRst(a.seg))).toBe(true);
    // the first RST of each client resets its ESTABLISHED connection: in window, at RCV.NXT (the ACK acknowledged ISS + 1)
    const resets = rsts.filter((a) => a.before === 'ESTABLISHED');
    expect(resets.length).toBeGreaterThan(0);
    for (const r of resets) {
      expect(r.seg.seq).toBe(r.rcvNxt);
      expect(r.after).toBe('CLOSED');
      expect(r.error).toBe('ECONNRESET');
    }
    // and the second, for the request sent right behind the ACK, finds nothing left to reset
    expect(rsts.filter((a) => a.before === null)).toHaveLength(resets.length);
    expect(rsts).toHaveLength(2 * resets.length);
    // counted as Linux counts them: every overflow twice, one embryonic reset per request, every RST sent
    expect(last.counters.EmbryonicRsts).toBe(resets.length);
    expect(last.counters.OutRsts).toBe(rsts.length);
    expect(last.counters.ListenDrops).toBe(last.errors.ListenOverflows);
    // no request is left to retransmit its SYN,ACK
    expect(last.states.SYN_RCVD).toBe(0);
    expect(seen.some((a) => isSynAck(a.seg) && a.before === 'ESTABLISHED')).toBe(false);
  });

  it('set by a what-if, it acts from that instant on', () => {
    const before = new FleetSim(overflowing()).run();
    const after = new FleetSim(overflowing({}, [{ at: 10, set: { tcp_abort_on_overflow: 1 } }])).run();
    expect(after.slice(0, 9)).toEqual(before.slice(0, 9));
    expect(before.at(-1)!.counters.EmbryonicRsts).toBe(0);
    expect(after.at(-1)!.counters.EmbryonicRsts).toBeGreaterThan(0);
    expect(after.at(-1)!.states.SYN_RCVD).toBe(0);
  });

  it('EmbryonicRsts also counts a request reset by its client (whose socket is gone by the next SYN,ACK), as Linux does', () => {
    // the client gives up after 2 s and its orphan after one FIN retransmission: its host answers the request's SYN,ACK with a RST
    // (cookies off: past the 3 requests listen(2) keeps, a cookie connection the app never accepts would draw RSTs, not this test's subject)
    const sim = new FleetSim(small({ rate: 10, seconds: 30, mix: { clients: { 'well-behaved': 1 }, app: { leak: 1 } }, set: { ulimit_n: 8, tcp_orphan_retries: 1, tcp_syncookies: 0 }, server: { backlog: 2 }, clients: { rtt: 0.6, give_up: 2 } }));
    sim.run();
    const last = sim.samples.at(-1)!;
    expect(last.counters.EmbryonicRsts).toBeGreaterThan(0);
    expect(last.counters.OutRsts).toBe(0);
    expect(last.states.SYN_RCVD).toBe(0);
  });
});
