/**
 * Drill-down: a connection picked from the fleet in some state at some instant, replayed through
 * the full two-peer World from its story, is in that same state at that instant.
 */
import { describe, expect, it } from 'vitest';
import type { TcpState } from '../tcp/states.ts';
import type { Replay } from './drill.ts';
import { replayOf, replayWorld } from './drill.ts';
import { FleetSim } from './sim.ts';
import { small } from './test/configs.ts';

/** Replays as the app does for `a=`. */
const serverStateAt = (actions: Replay['actions'], knobs: Record<string, number>, t: number): TcpState => replayWorld({ actions, knobs, t }).state('server');

describe('drill-down', { timeout: 120_000 }, () => {
  it('replays connections in every state they were found in, and the World agrees', () => {
    const sim = new FleetSim(
      small({
        rate: 8,
        seconds: 40,
        mix: { clients: { 'well-behaved': 2, 'closes-first': 2, 'vanish-after-fin': 2, 'vanish-mid': 2, lossy: 2, 'syn-flood': 1 }, app: { 'close-first': 1, 'wait-close': 1, leak: 1 } },
        set: { tcp_fin_timeout: 20, tcp_orphan_retries: 3 },
        server: { keepalive: { idle: 5, intvl: 2, cnt: 2 } },
        clients: { loss: 25, hold: 4, rtt: 0.2 },
      }),
      { stories: true },
    );
    const seen = new Set<TcpState>();
    let checked = 0;
    for (const at of [7.3, 16, 25.55, 40]) {
      sim.runUntil(at);
      for (const st of ['SYN_RCVD', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'LAST_ACK', 'TIME_WAIT', 'CLOSED'] as TcpState[]) {
        for (const c of sim.connectionsIn(st, 3)) {
          expect(c.story, `story of a connection in ${st}`).not.toBeNull();
          const r = replayOf(c.story!, sim.now, sim.knobs);
          expect(serverStateAt(r.actions, r.knobs, r.t), `${st} at ${at}: ${JSON.stringify(c.story)}`).toBe(st);
          seen.add(st);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    for (const st of ['SYN_RCVD', 'ESTABLISHED', 'FIN_WAIT_2', 'CLOSE_WAIT', 'LAST_ACK', 'TIME_WAIT'] as TcpState[]) expect(seen).toContain(st);
  });
});

describe('drill-down past a full accept queue', { timeout: 120_000 }, () => {
  it('a request whose handshake ACK the full accept queue dropped replays in SYN_RCVD, as in the fleet', () => {
    // the app leaks every connection: descriptors run out, accept() stops, the queue of 2 fills
    const sim = new FleetSim(small({ rate: 10, seconds: 30, mix: { clients: { 'well-behaved': 1 }, app: { leak: 1 } }, set: { ulimit_n: 12 }, server: { backlog: 2 }, clients: { rtt: 0.2 } }), { stories: true });
    let checked = 0;
    for (const at of [5.5, 10.3, 15.2, 20.7, 25.1, 30]) {
      sim.runUntil(at);
      for (const c of sim.connectionsIn('SYN_RCVD', 5)) {
        const r = replayOf(c.story!, sim.now, sim.knobs);
        expect(serverStateAt(r.actions, r.knobs, r.t), `SYN_RCVD at ${at}: ${JSON.stringify(c.story)}`).toBe('SYN_RCVD');
        checked++;
      }
    }
    expect(sim.samples.at(-1)!.errors.ListenOverflows).toBeGreaterThan(0);
    expect(checked).toBeGreaterThan(3);
  });
});
