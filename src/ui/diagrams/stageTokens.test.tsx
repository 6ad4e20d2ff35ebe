import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../scenarios/index.ts';
import type { Scenario, Step } from '../../scenarios/types.ts';
import { createWorld } from '../../scenarios/world.ts';
import { viewOf } from '../../sim/view.ts';
import { flightsAt, moveClock, onTheWire, peerMoves, worldChips } from './stageTokens.ts';
import type { PeerMove } from './stageTokens.ts';
import { chipWays } from './StateTokens.tsx';
import { NODE_POS } from './layout.ts';
import { StateDiagram } from './StateDiagram.tsx';

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

describe('the chips on the state diagram', () => {
  const chips = (html: string) => [...html.matchAll(/<g[^>]*data-testid="edge-token"[^>]*>/g)].map((m) => ({ peer: /data-peer="(\w+)"/.exec(m[0])![1], to: /data-to="(\w+)"/.exec(m[0])![1], at: /transform="([^"]+)"/.exec(m[0])![1] }));
  const draw = (id: string, t: number, reducedMotion = false) => {
    const w = createWorld(getScenario(id)!);
    w.runUntil(t);
    const v = viewOf(w);
    const moves = peerMoves(v.peers, v.link.delay);
    return renderToStaticMarkup(
      <StateDiagram clientState={v.peers.client.state} serverState={v.peers.server.state} lastEdge={null} lang="en" selected={null} onSelect={() => {}} moves={moves} moveTime={moveClock(moves, t)} reducedMotion={reducedMotion} />,
    );
  };

  it('shows both chips when both peers move at once, each where the clock puts it', () => {
    const early = chips(draw('simultaneous-close', 2.01));
    expect(early.map((c) => `${c.peer}:${c.to}`).sort()).toEqual(['client:FIN_WAIT_1', 'server:FIN_WAIT_1']);
    const later = chips(draw('simultaneous-close', 2.03));
    expect(later.map((c) => c.at)).not.toEqual(early.map((c) => c.at));
    // arrived: no chip travels, the lit edges remain
    expect(chips(draw('simultaneous-close', 3))).toEqual([]);
  });

  it('draws no travelling chip with reduced motion, the cause beside the state instead', () => {
    const html = draw('simultaneous-close', 2.01, true);
    expect(chips(html)).toEqual([]);
    expect(html).toContain('data-testid="edge-label"');
  });
});

describe('a chip keeps its place for its whole life (worldChips, chipWays)', () => {
  // the teardown with the server closing 10 ms after the FIN arrives: its ACK and its FIN,ACK fly
  // together towards FIN_WAIT_1, the ACK arriving (and the client moving on) first
  const sc = getScenario('teardown')!;
  const quick: Scenario = { ...sc, steps: sc.steps.map((s) => (s.when ? ({ ...s, after: 0.01 } as Step) : s)) };
  const at = (t: number) => {
    const w = createWorld(quick);
    w.runUntil(t);
    const v = viewOf(w);
    const flights = flightsAt(onTheWire(v.segments), v.peers, t);
    const moves = peerMoves(v.peers, v.link.delay).filter((m) => m.label && m.t + m.span > t);
    const route = (m: PeerMove) => [[NODE_POS[m.from].x, NODE_POS[m.from].y], [NODE_POS[m.to].x, NODE_POS[m.to].y]] as const;
    const world = { chips: worldChips(v.peers, v.segments, v.link.delay), avoidAt: () => [] };
    const ways = chipWays(moves, flights, [], route, world);
    return { v, flights, ways };
  };

  it('flies towards the states the peers were in when it was sent, and keeps its way when the chip sent before it is delivered', () => {
    const both = at(2.09);
    expect(both.flights.map((f) => `${f.flags} ${f.fromState}>${f.toState}`)).toEqual(['ACK CLOSE_WAIT>FIN_WAIT_1', 'FIN,ACK LAST_ACK>FIN_WAIT_1']);
    const alone = at(2.105);
    // the ACK has arrived: the client is in FIN_WAIT_2, the FIN,ACK still flies to where it was sent
    expect(alone.v.peers.client.state).toBe('FIN_WAIT_2');
    expect(alone.flights.map((f) => `${f.flags} ${f.fromState}>${f.toState}`)).toEqual(['FIN,ACK LAST_ACK>FIN_WAIT_1']);
    expect(alone.ways.flights[0]).toEqual(both.ways.flights[1]);
  });
});
