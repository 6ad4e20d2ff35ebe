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
import { storyAxis, storyLadder, storyMoment, storyTimes } from './storyAxis.ts';

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
    const axis = storyAxis(view, moment!);
    const { view: drawn, displayTime, nowText } = storyLadder(axis, view, view.now, 'en');

    // the story's handshake and exchange are crowded: some distinct times are less than a step apart
    const sent = [...new Set(view.segments.filter((s) => s.sentAt <= moment!).map((s) => s.sentAt))].sort((a, b) => a - b);
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(sent.some((t, i) => i > 0 && t - sent[i - 1]! < MIN_STEP - 1e-9)).toBe(true);
    // a burst: the server's response and its FIN leave at one instant
    const early = view.segments.filter((s) => s.sentAt <= moment!);
    const burst = early.filter((s) => s.from === 'server' && early.some((o) => o !== s && o.sentAt === s.sentAt));
    expect(burst.length).toBeGreaterThanOrEqual(3);
    expect(burst.some((s) => s.flags.includes('FIN'))).toBe(true);
    // drawn, every two sends are at least a step apart, in the order they were sent, bursts included
    const order = early.map((s) => ({ s, d: drawn.segments[view.segments.indexOf(s)]! })).sort((a, b) => a.s.sentAt - b.s.sentAt || a.s.id - b.s.id);
    for (let i = 1; i < order.length; i++) expect(order[i]!.d.sentAt - order[i - 1]!.d.sentAt, `#${order[i]!.s.id}`).toBeGreaterThanOrEqual(MIN_STEP - 1e-9);
    // each still arrives after it left; the burst arrives a step apart too
    for (const { d } of order) expect(d.arriveAt).toBeGreaterThan(d.sentAt);
    const landed = order.filter((o) => burst.includes(o.s) && o.s.status === 'delivered').map((o) => o.d.arriveAt).sort((a, b) => a - b);
    expect(landed.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < landed.length; i++) expect(landed[i]! - landed[i - 1]!).toBeGreaterThanOrEqual(MIN_STEP - 1e-9);
    // the server's FIN_WAIT_1 starts with its FIN, not with the first segment of the burst
    const fin = order.find((o) => o.s.from === 'server' && o.s.flags.includes('FIN'))!;
    const fw1 = drawn.peers.server.history.find((h) => h.state === 'FIN_WAIT_1')!;
    expect(fw1.t).toBeCloseTo(fin.d.sentAt, 9);
    expect(fin.d.sentAt).toBeGreaterThan(Math.min(...order.filter((o) => o.s.sentAt === fin.s.sentAt).map((o) => o.d.sentAt)));
    // every distinct instant still a step after the one before (times that are not sends included)
    const times = [...new Set(storyTimes(view, moment!))].sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect(axis.map(times[i]!) - axis.map(times[i - 1]!)).toBeGreaterThanOrEqual(MIN_STEP - 1e-9);
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
