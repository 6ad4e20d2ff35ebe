/**
 * The fleet page's URL: `?view=fleet&preset=ID&lang=en|zh-CN&t=SECONDS` (t: the time cursor).
 * A value the page cannot use is reported on the page, naming the parameter and what is allowed.
 */
import { isPresetId, PRESET_IDS } from '../../fleet/presets/index.ts';
import type { PresetId } from '../../fleet/presets/index.ts';
import type { Lang } from '../i18n/index.ts';

export interface FleetUrl {
  preset: PresetId;
  lang?: Lang;
  t: number;
}

const KNOWN = ['view', 'preset', 'lang', 't'];

export function parseFleetUrl(search: string): { state: FleetUrl; problems: string[] } {
  const q = new URLSearchParams(search);
  const state: FleetUrl = { preset: 'close-wait-leak', t: 1 };
  const problems: string[] = [];
  for (const [k, v] of q) {
    if (k === 'view') continue;
    if (k === 'preset') {
      if (isPresetId(v)) state.preset = v;
      else problems.push(`preset=${v.slice(0, 40)}: unknown preset; allowed: ${PRESET_IDS.join(', ')}`);
    } else if (k === 'lang') {
      if (v === 'en' || v === 'zh-CN') state.lang = v;
      else problems.push(`lang=${v.slice(0, 40)}: allowed: en, zh-CN`);
    } else if (k === 't') {
      const n = Number(v);
      if (/^\d+$/.test(v) && n >= 1 && n <= 7200) state.t = n;
      else problems.push(`t=${v.slice(0, 40)}: expected whole seconds 1 … 7200`);
    } else problems.push(`${k.slice(0, 40)}: unknown parameter; allowed: ${KNOWN.join(', ')}`);
  }
  return { state, problems };
}

export function serializeFleetUrl(u: FleetUrl): string {
  const q = new URLSearchParams({ view: 'fleet', preset: u.preset });
  if (u.lang) q.set('lang', u.lang);
  if (u.t > 1) q.set('t', String(u.t));
  return `?${q.toString()}`;
}
