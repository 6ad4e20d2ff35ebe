import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { EDGES } from '../../tcp/machine/edges.ts';
import { TCP_STATES } from '../../tcp/states.ts';
import { StateDiagram } from './StateDiagram.tsx';
import { selectEdges } from './stateGraph.ts';
import { edgeText } from './edgeText.ts';

const noop = () => {};
const nodes = (html: string) =>
  [...html.matchAll(/<g[^>]*data-testid="diagram-state"[^>]*>/g)].map((m) => ({
    state: /data-state="([A-Z_0-9]+)"/.exec(m[0])![1],
    peers: /data-active-peers="([^"]*)"/.exec(m[0])![1],
    tag: m[0],
  }));

describe('StateDiagram', () => {
  it('renders the 11 states with the active peers', () => {
    const html = renderToStaticMarkup(
      <StateDiagram clientState="FIN_WAIT_2" serverState="CLOSE_WAIT" lastEdge={null} lang="en" selected={null} onSelect={noop} />,
    );
    const n = nodes(html);
    expect(n.map((x) => x.state).sort()).toEqual([...TCP_STATES].sort());
    const peers = Object.fromEntries(n.map((x) => [x.state, x.peers]));
    expect(peers.FIN_WAIT_2).toBe('client');
    expect(peers.CLOSE_WAIT).toBe('server');
    expect(peers.ESTABLISHED).toBe('');
    for (const x of n) {
      expect(x.tag).toContain('role="button"');
      expect(x.tag).toContain('tabindex="0"');
      expect(x.tag).toMatch(/aria-label="[^"]+"/);
    }
  });

  it('marks both peers on a shared state', () => {
    const html = renderToStaticMarkup(
      <StateDiagram clientState="ESTABLISHED" serverState="ESTABLISHED" lastEdge={null} lang="zh-CN" selected="ESTABLISHED" onSelect={noop} />,
    );
    const est = nodes(html).find((x) => x.state === 'ESTABLISHED')!;
    expect(est.peers).toBe('client server');
    expect(est.tag).toContain('aria-pressed="true"');
    expect(html).toContain('sd-outline--client');
    expect(html).toContain('sd-outline--server');
    expect(html).toContain('客户端');
  });

  it('labels the classic edges event / action', () => {
    const html = renderToStaticMarkup(
      <StateDiagram clientState="CLOSED" serverState="LISTEN" lastEdge={null} lang="en" selected={null} onSelect={noop} />,
    );
    expect(html).toContain('rcv SYN / snd SYN,ACK');
    expect(html).toContain('timeout = 2MSL');
    // every textbook edge carries the label derived from the machine
    for (const d of selectEdges(EDGES).classic) expect(html.replace(/&gt;/g, '>')).toContain(`>${edgeText(d.main, 'en')}<`);
  });

  it('draws every machine edge somewhere (classic, grouped to CLOSED, or other), each once', () => {
    const sel = selectEdges(EDGES);
    const drawn = [...sel.classic, ...sel.toClosed, ...sel.other].flatMap((d) => d.all);
    expect(drawn).toHaveLength(EDGES.length);
    expect(new Set(drawn).size).toBe(EDGES.length);
    expect(sel.classic.length).toBeGreaterThanOrEqual(18);
    expect(sel.toClosed.every((d) => d.to === 'CLOSED')).toBe(true);
  });

  for (const showAllEdges of [false, true])
    it(`paints every edge label above every edge line and the flash (showAllEdges ${showAllEdges}): no later line crosses a label`, () => {
      const html = renderToStaticMarkup(
        <StateDiagram clientState="ESTABLISHED" serverState="ESTABLISHED" lastEdge={{ from: 'SYN_SENT', to: 'ESTABLISHED', peer: 'client', key: 2 }} lang="en" selected={null} onSelect={noop} showAllEdges={showAllEdges} />,
      );
      // the flash of the edge just taken runs along that edge's own label: the label is drawn over it too
      const lastLine = Math.max(html.lastIndexOf('class="sd-edge-line"'), html.lastIndexOf('sd-flash'));
      expect(html).toContain('sd-flash');
      const firstLabel = html.indexOf('class="sd-edge-label"');
      expect(firstLabel).toBeGreaterThan(0);
      expect(lastLine).toBeGreaterThan(0);
      expect(firstLabel).toBeGreaterThan(lastLine);
      // every labelled edge still has its label, and its title for a pointer resting on the label
      expect(html.match(/class="sd-edge-label"/g)!.length).toBe(html.match(/data-edge-label="/g)!.length);
    });

  it('lights up the edge just taken, keyed for replay', () => {
    const html = renderToStaticMarkup(
      <StateDiagram
        clientState="FIN_WAIT_1"
        serverState="ESTABLISHED"
        lastEdge={{ from: 'ESTABLISHED', to: 'FIN_WAIT_1', peer: 'client', key: 3 }}
        lang="en"
        selected={null}
        onSelect={noop}
      />,
    );
    expect(html).toContain('data-testid="diagram-last-edge" data-edge="ESTABLISHED-&gt;FIN_WAIT_1"');
    expect(html).toContain('sd-flash--client');
  });

  it('shows a rare edge while it is the last one taken', () => {
    const html = renderToStaticMarkup(
      <StateDiagram
        clientState="CLOSE_WAIT"
        serverState="ESTABLISHED"
        lastEdge={{ from: 'SYN_SENT', to: 'CLOSE_WAIT', peer: 'client', key: 1 }}
        lang="en"
        selected={null}
        onSelect={noop}
      />,
    );
    const rare = EDGES.find((e) => e.from === 'SYN_SENT' && e.to === 'CLOSE_WAIT')!;
    expect(rare).toBeDefined();
    expect(html).toContain(`>${edgeText(rare, 'en')}<`);
    // its label is one of the labels layer's, with a backing box, over every line
    const at = html.indexOf('data-edge-label="SYN_SENT-&gt;CLOSE_WAIT"');
    expect(at).toBeGreaterThan(html.lastIndexOf('class="sd-edge-line"'));
    expect(html.slice(at, html.indexOf('</g>', at))).toContain('class="sd-edge-label-bg"');
  });
});
