import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../scenarios/index.ts';
import { createWorld } from '../../scenarios/world.ts';
import { viewOf } from '../../sim/view.ts';
import { moveClock, peerMoves } from './stageTokens.ts';
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
