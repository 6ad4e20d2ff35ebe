/**
 * The fleet page's URL: `?view=fleet&preset=ID&lang=en|zh-CN&t=SECONDS&theme=…` (t: the time
 * cursor; theme as in the app, which it overrides the reader's remembered choice).
 * A value the page cannot use is reported on the page, naming the parameter and what is allowed.
 */
import { isPresetId, PRESET_IDS } from '../../fleet/presets/index.ts';
import type { PresetId } from '../../fleet/presets/index.ts';
import { THEMES } from '../docs/protocol.ts';
import type { Theme } from '../docs/protocol.ts';
import type { Lang } from '../i18n/index.ts';

export interface FleetUrl {
  preset: PresetId;
  lang?: Lang;
  t: number;
  theme?: Theme;
}

const KNOWN = ['view', 'preset', 'lang', 't', 'theme'];

/** A parameter the page could not use, shown with the app's url.bad / url.unknown messages. */
export type UrlProblem = { kind: 'bad'; param: string; value: string; allowed: string } | { kind: 'unknown'; param: string; allowed: string };

export function parseFleetUrl(search: string): { state: FleetUrl; problems: UrlProblem[] } {
  const q = new URLSearchParams(search);
  const state: FleetUrl = { preset: 'close-wait-leak', t: 1 };
  const problems: UrlProblem[] = [];
  for (const [k, v] of q) {
    if (k === 'view') continue;
    if (k === 'preset') {
      if (isPresetId(v)) state.preset = v;
      else problems.push({ kind: 'bad', param: 'preset', value: v.slice(0, 40), allowed: PRESET_IDS.join(', ') });
    } else if (k === 'lang') {
      if (v === 'en' || v === 'zh-CN') state.lang = v;
      else problems.push({ kind: 'bad', param: 'lang', value: v.slice(0, 40), allowed: 'en, zh-CN' });
    } else if (k === 't') {
      const n = Number(v);
      if (/^\d+$/.test(v) && n >= 1 && n <= 7200) state.t = n;
      else problems.push({ kind: 'bad', param: 't', value: v.slice(0, 40), allowed: '1 … 7200' });
    } else if (k === 'theme') {
      if ((THEMES as readonly string[]).includes(v)) state.theme = v as Theme;
      else problems.push({ kind: 'bad', param: 'theme', value: v.slice(0, 40), allowed: THEMES.join(', ') });
    } else problems.push({ kind: 'unknown', param: k.slice(0, 40), allowed: KNOWN.join(', ') });
  }
  return { state, problems };
}

export function serializeFleetUrl(u: FleetUrl): string {
  const q = new URLSearchParams({ view: 'fleet', preset: u.preset });
  if (u.lang) q.set('lang', u.lang);
  if (u.t > 1) q.set('t', String(u.t));
  if (u.theme) q.set('theme', u.theme);
  return `?${q.toString()}`;
}
