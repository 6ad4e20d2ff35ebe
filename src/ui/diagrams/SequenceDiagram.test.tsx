import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { World } from '../../sim/world.ts';
import type { WorldConfig } from '../../sim/config.ts';
import { viewOf } from '../../sim/view.ts';
import type { WorldView } from '../../sim/view.ts';
import { SequenceDiagram } from './SequenceDiagram.tsx';
import { PEER_X, segmentLabel } from './sequenceLayout.ts';

const noop = () => {};
const HANDSHAKE: WorldConfig['steps'] = [
  { at: 0, peer: 'server', do: 'listen' },
  { at: 0.1, peer: 'client', do: 'connect' },
];

function run(steps: WorldConfig['steps'], until: number, delay = 0.05): WorldView {
  const w = new World({ link: { delay }, steps });
  w.runUntil(until);
  return viewOf(w);
}

const render = (view: WorldView, displayTime: number, relative = true, lang: 'en' | 'zh-CN' = 'en') =>
  renderToStaticMarkup(
    <SequenceDiagram view={view} displayTime={displayTime} relative={relative} lang={lang} selectedSegment={null} onSelectSegment={noop} />,
  );

/** The markup of the segment with this id (its <g> up to the next segment). */
function segment(html: string, id: number): string {
  const parts = html.split('<g class="seq-seg ').slice(1);
  return parts.find((p) => p.includes(`data-id="${id}"`) && p.includes('data-testid="segment"')) ?? '';
}
const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];
const headX = (seg: string) => Number(attr(/<line class="seq-seg-line"[^>]*>/.exec(seg)![0], 'x2'));

describe('SequenceDiagram', () => {
  it('draws the handshake with flags and relative numbers', () => {
    const v = run(HANDSHAKE, 1);
    const html = render(v, 1);
    expect(html.match(/data-testid="segment"/g)).toHaveLength(3);
    const syn = segment(html, 1);
    expect(syn).toContain('data-flags="SYN"');
    expect(syn).toContain('data-from="client"');
    expect(syn).toContain('data-status="delivered"');
    expect(syn).toContain('SYN seq=0 len=0');
    expect(segment(html, 2)).toContain('data-flags="SYN,ACK"');
    expect(segment(html, 3)).toContain('ACK seq=1 ack=1');
    // absolute numbers when not relative
    const abs = render(v, 1, false);
    expect(abs).toContain(segmentLabel(v.segments[0]!, false));
    expect(segmentLabel(v.segments[0]!, false)).not.toBe('SYN seq=0 len=0');
  });

  it('moves an in-flight arrow with the display time', () => {
    const v = run(HANDSHAKE, 0.12);
    const sg = v.segments[0]!;
    expect(sg.status).toBe('in-flight');
    const at = (t: number) => segment(render(v, t), 1);
    const frac = (t: number) => (t - sg.sentAt) / (sg.arriveAt - sg.sentAt);
    const span = PEER_X.server - PEER_X.client;
    for (const t of [0.11, 0.125, 0.14]) {
      const seg = at(t);
      expect(seg).toContain('data-status="in-flight"');
      expect(headX(seg)).toBeCloseTo(PEER_X.client + span * frac(t), 3);
    }
    expect(headX(at(0.14))).toBeGreaterThan(headX(at(0.11)));
    // not sent yet: not drawn
    expect(render(v, 0.05)).not.toContain('data-testid="segment"');
  });

  it('keeps the head of a slow in-flight segment on the "now" line', () => {
    const v = run(HANDSHAKE, 0.5, 1);
    expect(v.segments[0]!.status).toBe('in-flight');
    for (const t of [0.3, 0.6, 0.9]) {
      const html = render(v, t);
      const now = Number(attr(/<line class="seq-now"[^>]*>/.exec(html)![0], 'y1'));
      const line = /<line class="seq-seg-line"[^>]*>/.exec(segment(html, 1))![0];
      expect(Number(attr(line, 'y2'))).toBeCloseTo(now, 6);
      expect(Number(attr(line, 'x2'))).toBeGreaterThan(PEER_X.client);
      expect(Number(attr(line, 'x2'))).toBeLessThan(PEER_X.server);
    }
  });

  it('shows a delivered segment as in flight while the display time is before its arrival', () => {
    const v = run(HANDSHAKE, 1);
    expect(segment(render(v, 0.12), 1)).toContain('data-status="in-flight"');
    expect(segment(render(v, 0.12), 2)).toBe('');
  });

  it('ends a dropped segment in a red ✕ with the reason, and marks the retransmission', () => {
    const v = run(
      [
        ...HANDSHAKE!,
        { at: 1.5, net: 'drop-next', dir: 'client->server', flags: 'FIN' },
        { at: 2, peer: 'client', do: 'close' },
      ],
      3,
    );
    const dropped = v.segments.find((x) => x.status === 'dropped')!;
    expect(dropped).toBeDefined();
    const html = render(v, 3);
    const seg = segment(html, dropped.id);
    expect(seg).toContain('data-status="dropped"');
    expect(seg).toContain('data-flags="FIN,ACK"');
    expect(seg).toContain('✕');
    expect(dropped.dropReason).toBe('drop-next');
    expect(seg).toContain('<title>dropped: drop-next rule</title>');
    // under linux the lost FIN is sent again first as a tail loss probe: labelled TLP, not rtx
    const rtx = v.segments.find((x) => x.retransmit)!;
    expect(rtx.tlp).toBe(true);
    expect(segment(html, rtx.id)).toContain('seq-seg--rtx');
    expect(segment(html, rtx.id)).toContain('data-tlp="true"');
    expect(segment(html, rtx.id)).toContain('>TLP<');
    expect(segment(html, rtx.id)).not.toContain('>rtx<');
    expect(segment(html, rtx.id)).toContain('(tail loss probe (TLP))');
    expect(segment(html, dropped.id)).not.toContain('>TLP<');
    // before the drop point it is still in flight, without the ✕
    const early = segment(render(v, dropped.sentAt + 0.001), dropped.id);
    expect(early).toContain('data-status="in-flight"');
    expect(early).not.toContain('✕');
  });

  it('bands the timelines by state, shows timers and compresses the TIME_WAIT minute', () => {
    const v = run([...HANDSHAKE!, { at: 1, peer: 'client', do: 'close' }, { when: { peer: 'server', state: 'CLOSE_WAIT' }, after: 0.2, peer: 'server', do: 'close' }], 5);
    const html = render(v, 5);
    expect(html).toMatch(/data-testid="state-band" data-peer="client" data-state="TIME_WAIT"/);
    expect(html).toMatch(/data-testid="state-band" data-peer="server" data-state="CLOSE_WAIT"/);
    const tw = /<g[^>]*data-testid="timer-bar"[^>]*data-timer="TIME_WAIT"[^>]*>/.exec(html)?.[0];
    expect(tw).toBeDefined();
    const timer = v.timers.find((t) => t.timer === 'TIME_WAIT')!;
    expect(Number(attr(tw!, 'data-remaining'))).toBeCloseTo(timer.due - 5, 3);
    expect(html).toContain(`TIME_WAIT ${(timer.due - 5).toFixed(1)} s`);
    expect(html).not.toContain('data-testid="timer"');
    // a quiet stretch longer than 3 s is cut
    const later = run([...HANDSHAKE!, { at: 1, peer: 'client', do: 'close' }, { when: { peer: 'server', state: 'CLOSE_WAIT' }, after: 0.2, peer: 'server', do: 'close' }], 70);
    const h2 = render(later, 70, true, 'zh-CN');
    expect(h2).toContain('data-testid="time-break"');
    expect(h2).toContain('略去');
  });
});
