import { describe, expect, it } from 'vitest';
import { getScenario } from '../../scenarios/index.ts';
import { createWorld } from '../../scenarios/world.ts';
import { viewOf } from '../../sim/view.ts';
import { peerMoves } from './stageTokens.ts';

describe('what the state diagram moves', () => {
  it('keeps a connection’s last transition shown when its server returns to the listener', () => {
    const w = createWorld(getScenario('teardown')!);
    w.runUntil(2.35);
    const v = viewOf(w);
    expect(v.peers.server.state).toBe('LISTEN');
    const server = peerMoves(v.peers, v.link.delay).find((m) => m.peer === 'server')!;
    expect([server.from, server.to, server.label]).toEqual(['LAST_ACK', 'CLOSED', 'ACK']);
  });
});
