/**
 * The built-in scenarios, played in the world: the state changes and application results their
 * notes narrate happen at the narrated times (link delay 0.05 s, Linux defaults).
 */
import { describe, expect, it } from 'vitest';
import type { PeerName, TraceEvent } from '../sim/types.ts';
import { DEFAULT_UNTIL, SCENARIO_IDS, requireScenario } from './index.ts';
import { createWorld } from './world.ts';

type Expect = readonly [t: number, peer: PeerName, what: string];

/** `what` is a state a peer's connection enters, or `call=result` (bytes or errno) for an application call. */
const EXPECTED: Record<string, readonly Expect[]> = {
  handshake: [
    [0.1, 'client', 'SYN_SENT'],
    [0.15, 'server', 'SYN_RCVD'],
    [0.2, 'client', 'ESTABLISHED'],
    [0.25, 'server', 'ESTABLISHED'],
    [1.05, 'server', 'read=100'],
  ],
  teardown: [
    [2, 'client', 'FIN_WAIT_1'],
    [2.05, 'server', 'CLOSE_WAIT'],
    [2.05, 'server', 'read=0'],
    [2.1, 'client', 'FIN_WAIT_2'],
    [2.25, 'server', 'LAST_ACK'],
    [2.3, 'client', 'TIME_WAIT'],
    [2.35, 'server', 'CLOSED'],
    [62.3, 'client', 'CLOSED'],
  ],
  'server-close': [
    [2, 'server', 'FIN_WAIT_1'],
    [2.05, 'client', 'CLOSE_WAIT'],
    [2.1, 'server', 'FIN_WAIT_2'],
    [2.25, 'client', 'LAST_ACK'],
    [2.3, 'server', 'TIME_WAIT'],
    [2.35, 'client', 'CLOSED'],
    [62.3, 'server', 'CLOSED'],
  ],
  'simultaneous-open': [
    [0.1, 'client', 'SYN_SENT'],
    [0.1, 'server', 'SYN_SENT'],
    [0.15, 'client', 'SYN_RCVD'],
    [0.15, 'server', 'SYN_RCVD'],
    [0.2, 'client', 'ESTABLISHED'],
    [0.2, 'server', 'ESTABLISHED'],
  ],
  'simultaneous-close': [
    [2, 'client', 'FIN_WAIT_1'],
    [2, 'server', 'FIN_WAIT_1'],
    [2.05, 'client', 'CLOSING'],
    [2.05, 'server', 'CLOSING'],
    [2.1, 'client', 'TIME_WAIT'],
    [2.1, 'server', 'TIME_WAIT'],
    [62.1, 'client', 'CLOSED'],
    [62.1, 'server', 'CLOSED'],
  ],
  'half-close': [
    [2, 'client', 'FIN_WAIT_1'],
    [2.05, 'server', 'CLOSE_WAIT'],
    [2.1, 'client', 'FIN_WAIT_2'],
    [3.05, 'client', 'read=100'],
    [4.05, 'client', 'read=100'],
    [5, 'server', 'LAST_ACK'],
    [5.05, 'client', 'TIME_WAIT'],
    [5.1, 'server', 'CLOSED'],
    [65.05, 'client', 'CLOSED'],
  ],
  'close-wait-leak': [
    [2.05, 'server', 'CLOSE_WAIT'],
    [2.05, 'server', 'read=0'],
    [2.1, 'client', 'FIN_WAIT_2'],
    [62.1, 'client', 'CLOSED'],
    [82.25, 'server', 'CLOSED'],
    [90, 'server', 'send=EPIPE'],
  ],
  'lost-fin': [
    [2, 'client', 'FIN_WAIT_1'],
    [2.35, 'server', 'CLOSE_WAIT'],
    [2.4, 'client', 'FIN_WAIT_2'],
    [2.55, 'server', 'LAST_ACK'],
    [2.6, 'client', 'TIME_WAIT'],
    [2.65, 'server', 'CLOSED'],
    [62.6, 'client', 'CLOSED'],
  ],
  'rst-closed-port': [
    [0.1, 'client', 'SYN_SENT'],
    [0.2, 'client', 'CLOSED'],
    [0.2, 'client', 'connect=ECONNREFUSED'],
  ],
  'keepalive-dead-peer': [
    [0.2, 'client', 'ESTABLISHED'],
    [25.2, 'client', 'CLOSED'],
    [25.2, 'client', 'read=ETIMEDOUT'],
  ],
  'lost-syn': [
    [0.1, 'client', 'SYN_SENT'],
    [7.15, 'server', 'SYN_RCVD'],
    [7.2, 'client', 'ESTABLISHED'],
  ],
  'lost-final-ack': [
    [2.25, 'server', 'LAST_ACK'],
    [2.3, 'client', 'TIME_WAIT'],
    [2.65, 'server', 'CLOSED'],
    [62.6, 'client', 'CLOSED'],
  ],
  'time-wait-reuse': [
    [2.3, 'client', 'TIME_WAIT'],
    [10, 'client', 'connect=EADDRINUSE'],
    [62.3, 'client', 'CLOSED'],
    [63.1, 'client', 'ESTABLISHED'],
  ],
  abort: [
    [1.1, 'server', 'read=100'],
    [2, 'client', 'CLOSED'],
    [2.05, 'server', 'CLOSED'],
    [2.2, 'server', 'read=ECONNRESET'],
  ],
  'fin-wait-2-timeout': [
    [2.1, 'client', 'FIN_WAIT_2'],
    [62.1, 'client', 'CLOSED'],
    [90, 'server', 'LAST_ACK'],
    [90.1, 'server', 'CLOSED'],
  ],
};

function happened(events: readonly TraceEvent[], [t, peer, what]: Expect): boolean {
  return events.some((e) => {
    if (e.peer !== peer || Math.abs(e.t - t) > 1e-6) return false;
    if (e.type === 'state') return e.to === what;
    // results read "100", "0", "EPIPE" or "-1 EPIPE"
    if (e.type === 'app') return `${e.call}=${e.result.replace(/^-1 /, '')}` === what;
    return false;
  });
}

describe.each(Object.keys(EXPECTED))('scenario %s, played', (id) => {
  it('does what its notes narrate, when they narrate it', () => {
    const sc = requireScenario(id);
    const w = createWorld(sc);
    w.runUntil(sc.until ?? DEFAULT_UNTIL);
    const missing = (EXPECTED[id] ?? []).filter((x) => !happened(w.trace, x));
    expect(missing).toEqual([]);
  });
});

it('covers every built-in scenario', () => {
  expect(Object.keys(EXPECTED).sort()).toEqual([...SCENARIO_IDS].sort());
});
