/**
 * A connection drilled into from the fleet opens as a scenario that names it: the link's `s=`
 * decodes to a valid scenario titled in both languages, and the story's calls still travel in
 * `a=` and bring the server to the state it was found in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { replayOf, replayWorld } from '../../fleet/drill.ts';
import { FleetSim } from '../../fleet/sim.ts';
import { small } from '../../fleet/test/configs.ts';
import type { TcpState } from '../../tcp/states.ts';
import { decodeScenario } from '../docs/scenarioParam.ts';
import { LANG_LIST, loadLang, translator } from '../i18n/index.ts';
import { withFleetTexts } from './fleetStrings.ts';
import type { Lang, Translate } from '../i18n/index.ts';
import { decodeActions, parseUrl } from '../url.ts';
import { twoPeerHref } from './Drill.tsx';
import type { DrillConnection } from './protocol.ts';
import { storyScenario } from './storyScenario.ts';
import { encodeScenario as encodeScenarioOf } from '../docs/scenarioLink.ts';

let tr: Record<Lang, Translate>;
beforeAll(async () => {
  await Promise.all(LANG_LIST.map(loadLang));
  // as the fleet page's Drill makes them: the fleet's own texts first
  tr = { en: withFleetTexts('en', translator('en')), 'zh-CN': withFleetTexts('zh-CN', translator('zh-CN')) };
});

const presetTitle = { en: 'CLOSE_WAIT leak', 'zh-CN': 'CLOSE_WAIT 泄漏' };

describe('the story of a drilled-into connection', { timeout: 60_000 }, () => {
  it('opens as a scenario named for the connection, with the same replay', () => {
    const sim = new FleetSim(
      small({
        rate: 6,
        seconds: 20,
        mix: { clients: { 'well-behaved': 2, 'closes-first': 2, 'vanish-mid': 1 }, app: { 'wait-close': 1, leak: 1 } },
        set: { tcp_fin_timeout: 10 },
      }),
      { stories: true },
    );
    sim.runUntil(20);
    let checked = 0;
    for (const state of ['ESTABLISHED', 'CLOSE_WAIT', 'TIME_WAIT', 'FIN_WAIT_2'] as TcpState[]) {
      for (const { story } of sim.connectionsIn(state, 2)) {
        const c: DrillConnection = { serial: story!.serial, peer: `203.0.3.7:${story!.port}`, behaviour: story!.behaviour, mode: story!.mode, start: story!.start, path: story!.path, replay: replayOf(story!, sim.now, sim.knobs) };
        const sc = storyScenario(c, { presetId: 'close-wait-leak', presetTitle, state, t: 20 }, tr);
        for (const lang of LANG_LIST) {
          expect(sc.title[lang]).toContain(`#${c.serial}`);
          expect(sc.title[lang]).toContain(state);
          expect(sc.summary[lang]).toContain(presetTitle[lang]);
          for (const text of [sc.title[lang], sc.summary[lang], sc.notes[0]!.text[lang]]) expect(text, text).not.toMatch(/[{}]/);
        }
        expect(sc.summary['zh-CN']).not.toContain(tr.en(`fleet.client.${c.behaviour}` as never));
        expect(sc.notes[0]!.at).toBe(c.replay.t);
        // the path is told in the story's own time: its last change is where the World saw it
        const last = c.path[c.path.length - 1]!;
        const seen = replayWorld(c.replay).trace.filter((e) => e.type === 'state' && e.peer === 'server' && e.to === state).map((e) => Math.round(e.t * 100) / 100);
        expect(seen, sc.notes[0]!.text.en).toContain(Math.round((last.t + c.replay.t - 20) * 100) / 100);

        // the link as the page reads it: s= is a valid scenario, a= the story's calls, t= the moment
        const href = twoPeerHref(c.replay, 'zh-CN', 'dark', encodeScenarioOf(sc));
        const { state: url, problems } = parseUrl(href, []);
        expect(problems).toEqual([]);
        expect(url.t).toBe(c.replay.t);
        const decoded = decodeScenario(new URLSearchParams(href).get('s')!);
        expect('scenario' in decoded && decoded.scenario).toEqual(sc);
        const a = decodeActions(new URLSearchParams(href).get('a')!);
        expect('actions' in a).toBe(true);
        expect(replayWorld(c.replay).state('server')).toBe(state);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});
