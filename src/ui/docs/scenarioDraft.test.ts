import { describe, expect, it } from 'vitest';
import { getScenario } from '../../scenarios/index.ts';
import { addNote, buildScenario, draftFrom, embedCode, scenarioJson } from './scenarioDraft.ts';
import { decodeScenario, encodeScenario } from './scenarioParam.ts';

describe('scenario editor model', () => {
  it('turns free play and the actions taken by hand into a valid scenario with notes', () => {
    let d = draftFrom(null);
    d = addNote(d, 0.5);
    d = addNote(d, 0.1);
    d.notes[0]!.text = { en: 'connect', 'zh-CN': '连接' };
    d.notes[1]!.text = { en: 'handshake done', 'zh-CN': '握手完成' };
    d.summary = { en: 'By hand.', 'zh-CN': '手动。' };
    const journal = [
      { at: 0, action: { peer: 'server', do: 'listen' } },
      { at: 0.1, action: { peer: 'client', do: 'connect' } },
      { at: 0.3, action: { net: 'drop-next', dir: 'client->server' } },
    ] as const;
    const r = buildScenario(d, { base: null, profile: 'linux', knobs: { tcp_fin_timeout: 30 }, journal: journal as never });
    if ('error' in r) throw new Error(r.error);
    expect(r.scenario.steps).toEqual([
      { at: 0, peer: 'server', do: 'listen' },
      { at: 0.1, peer: 'client', do: 'connect' },
      { at: 0.3, net: 'drop-next', dir: 'client->server' },
    ]);
    expect(r.scenario.notes.map((n) => n.at)).toEqual([0.1, 0.5]);
    expect(r.scenario.set).toEqual({ tcp_fin_timeout: 30 });
    // and it survives the trip through a link
    expect(decodeScenario(encodeScenario(r.scenario))).toEqual({ scenario: r.scenario });
  });

  it('keeps a library scenario whole when starting from it', () => {
    const base = getScenario('teardown')!;
    const r = buildScenario(draftFrom(base), { base, profile: 'linux', knobs: {}, journal: [] });
    if ('error' in r) throw new Error(r.error);
    expect(r.scenario.id).toBe('my-teardown');
    expect(r.scenario.steps).toEqual(base.steps);
    expect(r.scenario.notes).toEqual(base.notes);
  });

  it('reports what the validator finds, naming the field', () => {
    const d = { ...draftFrom(null), id: 'Bad Id' };
    expect(buildScenario(d, { base: null, profile: 'linux', knobs: {}, journal: [] })).toEqual({ error: expect.stringMatching(/^editor: id: expected a kebab-case name/) });
    const e = addNote(draftFrom(null), 1);
    expect(buildScenario(e, { base: null, profile: 'linux', knobs: {}, journal: [] })).toEqual({ error: expect.stringMatching(/notes\[0\]\.text/) });
  });

  it('writes embed code that escapes what it quotes', () => {
    const code = embedCode('https://sim.example/app/', 'AbC', 'A "quoted" <title>');
    expect(code).toContain('<iframe src="https://sim.example/app/?s=AbC&amp;embed=1" title="A &quot;quoted&quot; &lt;title>"');
    expect(code).toContain('<script type="module" src="https://sim.example/app/embed.js"></script>');
    expect(code).toContain('<tcp-state-sim s="AbC" lesson></tcp-state-sim>');
    expect(scenarioJson(draftFrom(null), { base: null, profile: 'rfc9293', knobs: {}, journal: [] }).profile).toBe('rfc9293');
  });
});
