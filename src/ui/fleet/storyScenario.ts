/**
 * How the two-peer view introduces a connection drilled into from the fleet: a scenario (`s=`)
 * with no steps of its own, whose title, summary and note say which connection this is, who its
 * client and server application are, and where the fleet found it. The story's calls still
 * travel in `a=` and are replayed exactly as before; the scenario only frames them, in both
 * languages (a reader may switch language in the story).
 */
import type { Scenario } from '../../scenarios/types.ts';
import type { Lang, MessageKey, Translate } from '../i18n/index.ts';
import type { DrillConnection } from './protocol.ts';

export interface StoryFrame {
  presetId: string;
  presetTitle: Record<Lang, string>;
  /** the state and fleet time the connection was picked at */
  state: string;
  t: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function storyScenario(c: DrillConnection, f: StoryFrame, tr: Record<Lang, Translate>): Scenario {
  const both = (say: (t: Translate, lang: Lang) => string) => ({ en: say(tr.en, 'en'), 'zh-CN': say(tr['zh-CN'], 'zh-CN') });
  const who = (t: Translate) => ({
    client: t(`fleet.client.${c.behaviour}` as MessageKey),
    app: c.mode ? t(`fleet.app.${c.mode}` as MessageKey) : '—',
  });
  // in the story's own time, as its clock, ladder and log show it: the replay's moment is the
  // fleet's moment shifted by a constant (the story starts at its connect())
  const shift = c.replay.t - f.t;
  const path = c.path.map((p) => `${p.to} @ ${round2(p.t + shift)}`).join(' → ');
  return {
    id: `fleet-${f.presetId}-conn${c.serial}`.slice(0, 64).replace(/-+$/, ''),
    title: both((t) => t('fleetStory.title', { serial: c.serial, state: f.state })),
    summary: both((t, lang) => t('fleetStory.summary', { preset: f.presetTitle[lang], peer: c.peer, ...who(t), state: f.state, t: f.t, at: round2(c.replay.t) })),
    steps: [],
    notes: [{ at: c.replay.t, text: both((t) => t('fleetStory.note', { state: f.state, t: f.t, path })) }],
  };
}
