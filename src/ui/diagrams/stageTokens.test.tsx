import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../scenarios/index.ts';
import type { Scenario, Step } from '../../scenarios/types.ts';
import { createWorld } from '../../scenarios/world.ts';
import { viewOf } from '../../sim/view.ts';
import { flightsAt, moveClock, onTheWire, peerMoves, worldChips } from './stageTokens.ts';
import type { Flight, PeerMove, WorldChips } from './stageTokens.ts';
import { chipWays, drawnMoves } from './StateTokens.tsx';
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

describe('which chips a chip drawn keeps off (the player\'s speed and pace)', () => {
  // two segments sent 1 ms apart by the server in LAST_ACK over a 50 ms link: the second is born
  // on the first; drawn once the first is delivered
  const seg = (id: number, sentAt: number): Flight => ({ id, from: 'server', flags: 'ACK', sentAt, endAt: sentAt + 0.05, progress: 0, fromState: 'LAST_ACK', toState: 'FIN_WAIT_2' });
  const first = seg(7, 3);
  const second = seg(8, 3.001);
  const world: WorldChips = { moves: [], flights: [first, second], statesAt: () => ({ client: 'FIN_WAIT_2', server: 'LAST_ACK' }) };
  const draw = (speed: number, withWorld = true) => {
    const t = 3.0505;
    const html = renderToStaticMarkup(
      <StateDiagram clientState="FIN_WAIT_2" serverState="LAST_ACK" lastEdge={null} lang="en" selected={null} onSelect={() => {}} moves={[]} flights={[{ ...second, progress: (t - second.sentAt) / 0.05 }]} world={withWorld ? world : undefined} speed={speed} pace="exact" />,
    );
    return [...html.matchAll(/<g[^>]*data-testid="flight-token"[^>]*>/g)].map((m) => /data-way="([^"]*)"/.exec(m[0])![1]);
  };

  it('the chips of the world when it is on screen for more than two frames (50 ms at 1×), only the chips drawn when quicker (25 ms at 2×)', () => {
    const seen = draw(1);
    const quick = draw(2);
    expect(seen).toHaveLength(1);
    // at 1× (50 ms on screen) it keeps the way it took beside the first, delivered since
    expect(seen).not.toEqual(draw(1, false));
    // at 2× (25 ms) the world's chips are not looked at: it flies the way it has alone
    expect(quick).toEqual(draw(2, false));
    expect(quick).not.toEqual(seen);
  });
});

describe('the transition chips drawn (drawnMoves)', () => {
  const move = (t: number, label = 'close()'): PeerMove => ({ peer: 'client', from: 'ESTABLISHED', to: 'FIN_WAIT_1', label, t, span: 0.05 });

  it('are those on the move, not those arrived nor those without a cause to show', () => {
    const m = move(2);
    expect(drawnMoves([m], 2)).toEqual([m]);
    expect(drawnMoves([m], 2.049)).toEqual([m]);
    expect(drawnMoves([m], 2.06)).toEqual([]);
    expect(drawnMoves([m], Infinity)).toEqual([]);
    expect(drawnMoves([move(2, '')], 2.01)).toEqual([]);
  });
});
