import { describe, expect, it } from 'vitest';
import { DEFAULT_UNTIL, requireScenario, SCENARIOS } from '../scenarios/index.ts';
import { createWorld } from '../scenarios/world.ts';
import type { PeerName, TraceEvent } from '../sim/types.ts';
import type { TcpState } from '../tcp/states.ts';
import { listStreams, readCapture, streamPackets } from './capture.ts';
import type { CapturePoint } from './export.ts';
import { traceToPcapng } from './export.ts';
import { PeerStates } from './peer-states.ts';
import { CaptureError } from './capture-error.ts';
import { MAX_TIMER_FIRINGS_PER_GAP, replayStream, TimerFloodError } from './replay.ts';

function paths(events: readonly TraceEvent[], until = Infinity): Record<PeerName, TcpState[]> {
  const tr = new PeerStates();
  const out: Record<PeerName, TcpState[]> = { client: ['CLOSED'], server: ['CLOSED'] };
  for (const e of events) if (e.t <= until && tr.apply(e) && e.type === 'state') out[e.peer].push(tr.state[e.peer]);
  return out;
}

function roundTrip(id: string, point: CapturePoint) {
  const sc = requireScenario(id);
  const w = createWorld(sc);
  w.runUntil(sc.until ?? DEFAULT_UNTIL);
  const c = readCapture(traceToPcapng(w.toJSON(), { point, mss: w.knobs.mss }), `${id}.pcapng`);
  const { info, packets } = streamPackets(c, 0);
  const r = replayStream(info, packets, { file: `${id}.pcapng` });
  // At one end, the last segments reach the far side one link delay after the capture saw them.
  const last = packets.at(-1)!.t + (point === 'both' ? 0 : (sc.link?.delay ?? 0.05)) + 1e-6;
  return { sim: paths(w.trace, last), replay: r.paths, flags: r.flags, r };
}

/** The teardown scenario's stream as a capture at the client (or at both peers). */
function teardown(point: CapturePoint = 'client') {
  const w = createWorld(requireScenario('teardown'));
  w.runUntil(100);
  const c = readCapture(traceToPcapng(w.toJSON(), { point }), 't.pcapng');
  return { c, ...streamPackets(c, 0) };
}

// A host crash leaves nothing on the wire: no capture can show the server's connection vanishing.
const INVISIBLE = new Set(['keepalive-dead-peer']);

describe('export → import round trip', () => {
  for (const sc of SCENARIOS.filter((s) => !INVISIBLE.has(s.id))) {
    it(`${sc.id}: a capture at both ends replays to the simulation's state paths, nothing flagged`, () => {
      const { sim, replay, flags } = roundTrip(sc.id, 'both');
      expect(replay).toEqual(sim);
      expect(flags).toEqual([]);
    });
  }

  it('a capture at one end replays to the same paths where that end saw enough', () => {
    for (const sc of SCENARIOS.filter((s) => !INVISIBLE.has(s.id) && s.id !== 'lost-final-ack')) {
      const { sim, replay, flags } = roundTrip(sc.id, 'client');
      expect(replay, sc.id).toEqual(sim);
      expect(flags, sc.id).toEqual([]);
    }
  });

  it('a loss the capture point cannot see is flagged where the model disagrees', () => {
    // The client's final ACK is lost on the way: at the client, the server's FIN retransmission makes no sense.
    const { flags } = roundTrip('lost-final-ack', 'client');
    expect(flags[0]!.reason).toBe('the server model in CLOSED would not send FIN,ACK seq=11749834 ack=2693262069 len=0');
    expect(flags[0]!.from).toBe('server');
  });

  it('prints the trace format: times from the first packet, sends and deliveries with the packet numbers', () => {
    const { r } = roundTrip('teardown', 'client');
    expect(r.trace.scenario).toBe('capture:teardown.pcapng#0');
    expect(r.trace.capture).toMatchObject({ stream: 0, start: 0.1, client: '192.0.2.10:40000', server: '198.51.100.20:80' });
    const first = r.trace.events.find((e) => e.type === 'send')!;
    expect(first).toMatchObject({ t: 0, peer: 'client', seg: { id: 1, flags: ['SYN'], len: 0 } });
    expect(r.trace.events.filter((e) => e.type === 'send')).toHaveLength(9);
    expect(r.trace.events.filter((e) => e.type === 'deliver')).toHaveLength(9);
    const ts = r.trace.events.map((e) => e.t);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
  });

  it('flags a segment neither model would have: not what the sender would send, rejected by the receiver', () => {
    // teardown at the client, with the server's ACK of the data moved 100000 bytes out of the window.
    const { c, info, packets } = teardown();
    const bad = packets.map((p) => (p.number === 5 ? { ...p, seq: (p.seq + 100000) >>> 0 } : p));
    const r = replayStream(info, bad);
    expect(r.flags).toEqual([
      {
        number: 5,
        t: 1,
        from: 'server',
        reason: 'the server model in ESTABLISHED would not send ACK seq=11849834 ack=2693262168 len=0; it would send ACK seq=11749834 ack=2693262168 len=0',
        why: { code: 'not-sent', peer: 'server', state: 'ESTABLISHED', seg: 'ACK seq=11849834 ack=2693262168 len=0', expect: ['ACK seq=11749834 ack=2693262168 len=0'] },
      },
      {
        number: 5,
        t: 1,
        from: 'server',
        reason: 'client: the model in ESTABLISHED rejects it and answers with an ACK (unacceptable)',
        why: { code: 'rejected', peer: 'client', state: 'ESTABLISHED', answer: 'ack', detail: 'unacceptable' },
      },
    ]);
    const flagged = r.trace.events.filter((e) => 'flagged' in e);
    expect(flagged.map((e) => e.type)).toEqual(['send', 'deliver']);
    expect(listStreams(c)).toHaveLength(1);
  });

  it('a capture that starts after the handshake: both peers assumed ESTABLISHED, the rest replays cleanly', () => {
    const { info, packets } = teardown('both');
    const r = replayStream(info, packets.slice(6));
    expect(r.flags.map((f) => f.reason)).toEqual(['the capture starts after the handshake: both peers are assumed ESTABLISHED from here']);
    expect(r.paths.client).toEqual(['CLOSED', 'SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT']);
    expect(r.paths.server).toEqual(['CLOSED', 'LISTEN', 'SYN_RCVD', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
  });
});

describe('capture times', () => {
  it('a packet stamped before an earlier one is flagged with both times and replayed at the earlier packet\'s time', () => {
    const { info, packets } = teardown();
    const clean = replayStream(info, packets);
    // packet 7 (the server's ACK of the FIN, at 2.1 s) stamped before the FIN it acknowledges (2 s)
    const early = packets.map((p) => (p.number === 7 ? { ...p, t: 1.5 } : p));
    const r = replayStream(info, early);
    expect(r.flags).toEqual([
      {
        number: 7,
        t: 1.9,
        from: 'server',
        reason: "packet 7 is stamped 1.500000 s, 0.500000 s before packet 6 (2.000000 s): replayed at packet 6's time",
        why: { code: 'time-back', number: 7, stamp: 1.5, prev: 6, prevStamp: 2 },
      },
    ]);
    // the states are those of the capture in order; only the one packet moved (to packet 6's time)
    expect(r.paths).toEqual(clean.paths);
    expect(r.trace.events.find((e) => e.type === 'send' && e.seg.id === 7)!.t).toBe(1.9);
    const ts = r.trace.events.map((e) => e.t);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    expect(Math.min(...ts)).toBe(0);
  });

  it('replay times (timer due times too) count from the first packet', () => {
    const { info, packets } = teardown();
    const r = replayStream(info, packets);
    const dues = r.trace.events.flatMap((e) => (e.type === 'timer' && e.action === 'set' ? [e.due! - e.t] : []));
    expect(dues.length).toBeGreaterThan(0);
    // a delay, not an absolute capture time: the RTO and TIME_WAIT are seconds to a minute or two
    for (const d of dues) {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(130);
    }
  });

  it('stops with a CaptureError naming the packet and the gap when the timers fire too often before it', () => {
    const { info, packets } = teardown();
    // the server's ACK of the data (packet 5) arrives 5000 s late: the client retransmits meanwhile
    const late = [...packets.slice(0, 4), { ...packets[4]!, t: packets[4]!.t + 5000 }];
    let err: unknown;
    try {
      replayStream(info, late, { maxTimerFirings: 5, file: 'late.pcapng' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TimerFloodError);
    expect(err).toBeInstanceOf(CaptureError);
    expect((err as Error).message).toBe(`late.pcapng: byte ${packets[4]!.offset}: packet 5: the models' timers fired 5 times in the 5000.100000 s since packet 4 and had not reached it; the replay stops here`);
    expect(err).toMatchObject({ number: 5, prev: 4, firings: 5 });
    // within the default bound the client gives up retransmitting, as Linux does after tcp_retries2
    const r = replayStream(info, late);
    const fired = r.trace.events.filter((e) => e.type === 'timer' && e.action === 'fire').length;
    expect(fired).toBeGreaterThan(5);
    expect(fired).toBeLessThan(MAX_TIMER_FIRINGS_PER_GAP);
    expect(r.paths.client.at(-1)).toBe('CLOSED');
  });
});
