/**
 * A fleet story's ladder: its first moments, a dozen segments within half a second on the
 * fleet's short links, are drawn at least a label apart; later times keep their distances (a
 * timer's time left reads the same), and other scenarios are drawn as they are.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { replayOf, replayWorld } from '../../fleet/drill.ts';
import { FleetSim } from '../../fleet/sim.ts';
import { small } from '../../fleet/test/configs.ts';
import { viewOf } from '../../sim/view.ts';
import { LANG_LIST, loadLang, translator } from '../i18n/index.ts';
import type { Lang, Translate } from '../i18n/index.ts';
import { MIN_STEP } from '../capture/spreadAxis.ts';
import type { DrillConnection } from './protocol.ts';
import { storyScenario } from './storyScenario.ts';
import { storyLadder, storyMoment, storyTimes } from './storyAxis.ts';
import { spreadAxis } from '../capture/spreadAxis.ts';

let tr: Record<Lang, Translate>;
beforeAll(async () => {
  await Promise.all(LANG_LIST.map(loadLang));
  tr = { en: translator('en'), 'zh-CN': translator('zh-CN') };
});

describe('the ladder of a fleet story', { timeout: 60_000 }, () => {
  it('spreads the segments up to the moment the fleet found the connection, and shifts the rest as one', () => {
    const sim = new FleetSim(small({ rate: 4, seconds: 30, mix: { clients: { 'vanish-mid': 1 }, app: { 'close-first': 1 } }, set: { tcp_fin_timeout: 60 }, clients: { rtt: 0.1 } }), { stories: true });
    sim.runUntil(30);
    const [found] = sim.connectionsIn('FIN_WAIT_2', 1);
    const story = found!.story!;
    const c: DrillConnection = { serial: story.serial, peer: `203.0.3.7:${story.port}`, behaviour: story.behaviour, mode: story.mode, start: story.start, path: story.path, replay: replayOf(story, sim.now, sim.knobs) };
    const sc = storyScenario(c, { presetId: 'fin-wait-2', presetTitle: { en: 'FIN_WAIT_2', 'zh-CN': 'FIN_WAIT_2' }, state: 'FIN_WAIT_2', t: 30 }, tr);
    const moment = storyMoment(sc);
    expect(moment).toBe(c.replay.t);
    const view = viewOf(replayWorld(c.replay));
    const times = storyTimes(view, moment!);
    const axis = spreadAxis(times);
    const { view: drawn, displayTime, nowText } = storyLadder(axis, view, view.now, 'en');

    // the story's handshake and exchange are crowded: some distinct times are less than a step apart
    const sent = [...new Set(view.segments.filter((s) => s.sentAt <= moment!).map((s) => s.sentAt))].sort((a, b) => a - b);
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(sent.some((t, i) => i > 0 && t - sent[i - 1]! < MIN_STEP - 1e-9)).toBe(true);
    // drawn, every two of them are at least a step apart, in the same order
    const drawnSent = [...new Set(drawn.segments.filter((s, i) => view.segments[i]!.sentAt <= moment!).map((s) => s.sentAt))].sort((a, b) => a - b);
    expect(drawnSent).toHaveLength(sent.length);
    for (let i = 1; i < drawnSent.length; i++) expect(drawnSent[i]! - drawnSent[i - 1]!).toBeGreaterThanOrEqual(MIN_STEP - 1e-9);
    // after the last of them, one shift: the now line and a running timer keep their distance
    const shift = displayTime - view.now;
    expect(shift).toBeGreaterThan(0);
    expect(view.timers.length).toBeGreaterThan(0);
    view.timers.forEach((t, i) => expect(drawn.timers[i]!.due - displayTime).toBeCloseTo(t.due - view.now, 9));
    // the now label says the story's own time
    expect(nowText).toContain(view.now.toFixed(3));
  });

  it('is a fleet story only by storyScenario\'s id, and leaves other views alone', () => {
    const note = [{ at: 1, text: { en: 'n', 'zh-CN': 'n' } }];
    expect(storyMoment({ id: 'fleet-fin-wait-2-conn12', title: { en: '', 'zh-CN': '' }, summary: { en: '', 'zh-CN': '' }, steps: [], notes: note } as never)).toBe(1);
    expect(storyMoment({ id: 'handshake', title: { en: '', 'zh-CN': '' }, summary: { en: '', 'zh-CN': '' }, steps: [], notes: note } as never)).toBeNull();
    expect(storyMoment(null)).toBeNull();
    const view = viewOf(replayWorld({ actions: [{ t: 0, peer: 'server', do: 'listen' }], knobs: {}, t: 1 }));
    const plain = storyLadder(null, view, 1, 'en');
    expect(plain.view).toBe(view);
    expect(plain.displayTime).toBe(1);
    expect(plain.nowText).toBeUndefined();
  });
});
