/**
 * URL state (DESIGN.md "URL parameters"): parse with errors that name the parameter and the
 * allowed values; serialize the current view. Pure; no DOM.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { checkKnob, isProfile, PROFILES, resolveKnobs } from '../tcp/knobs.ts';
import type { Profile } from '../tcp/knobs.ts';
import type { Lang } from './i18n/index.ts';

export const FREE_PLAY = 'free';
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 1000;

export interface UrlState {
  scenario: string;
  profile?: Profile;
  lang?: Lang;
  speed: number;
  t: number;
  autoplay: boolean;
  embed: boolean;
  /** knob overrides set by the user on top of the scenario's */
  knobs: Record<string, number>;
}

export const DEFAULT_URL_STATE: UrlState = { scenario: FREE_PLAY, speed: 1, t: 0, autoplay: false, embed: false, knobs: {} };

export interface UrlProblem {
  kind: 'bad' | 'unknown';
  param: string;
  value: string;
  allowed: string;
}

export const KNOWN_PARAMS = ['scenario', 'profile', 'lang', 'speed', 't', 'autoplay', 'embed', 'k'] as const;

export function parseUrl(search: string, scenarioIds: readonly string[]): { state: UrlState; problems: UrlProblem[] } {
  const q = new URLSearchParams(search);
  const state: UrlState = { ...DEFAULT_URL_STATE, knobs: {} };
  const problems: UrlProblem[] = [];
  const bad = (param: string, value: string, allowed: string) => problems.push({ kind: 'bad', param, value, allowed });
  for (const [key, value] of q) {
    switch (key) {
      case 'scenario':
        if (value === FREE_PLAY || scenarioIds.includes(value)) state.scenario = value;
        else bad(key, value, [FREE_PLAY, ...scenarioIds].join(', '));
        break;
      case 'profile':
        if (isProfile(value)) state.profile = value;
        else bad(key, value, PROFILES.join(', '));
        break;
      case 'lang':
        if (value === 'en' || value === 'zh-CN') state.lang = value;
        else bad(key, value, 'en, zh-CN');
        break;
      case 'speed': {
        const n = strictNumber(value);
        if (n !== null && n >= MIN_SPEED && n <= MAX_SPEED) state.speed = n;
        else bad(key, value, `${MIN_SPEED} … ${MAX_SPEED}`);
        break;
      }
      case 't': {
        const n = strictNumber(value);
        if (n !== null && n >= 0 && n <= 1e6) state.t = n;
        else bad(key, value, '0 … 1000000 (seconds)');
        break;
      }
      case 'autoplay':
      case 'embed':
        if (value === '1' || value === '0') state[key] = value === '1';
        else bad(key, value, '0, 1');
        break;
      case 'k': {
        const r = decodeKnobs(value);
        if ('error' in r) bad(key, value.length > 40 ? `${value.slice(0, 40)}…` : value, r.error);
        else state.knobs = r.knobs;
        break;
      }
      default:
        problems.push({ kind: 'unknown', param: key, value, allowed: KNOWN_PARAMS.join(', ') });
    }
  }
  return { state, problems };
}

function strictNumber(s: string): number | null {
  if (!/^\s*-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

export function encodeKnobs(k: Record<string, number>): string {
  return compressToEncodedURIComponent(JSON.stringify(k));
}

export function decodeKnobs(s: string): { knobs: Record<string, number> } | { error: string } {
  const text = decompressFromEncodedURIComponent(s);
  let obj: unknown;
  try {
    obj = text ? JSON.parse(text) : undefined;
  } catch {
    obj = undefined;
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return { error: 'knob overrides written by “Copy link” (lz-string JSON)' };
  const out: Record<string, number> = {};
  try {
    for (const [name, v] of Object.entries(obj)) out[name] = checkKnob(name, v, `k.${name}`);
    resolveKnobs('linux', out, 'k');
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  return { knobs: out };
}

/** The query string for a view; defaults are left out. */
export function serializeUrl(s: UrlState): string {
  const q = new URLSearchParams();
  if (s.scenario !== FREE_PLAY) q.set('scenario', s.scenario);
  if (s.profile) q.set('profile', s.profile);
  if (s.lang) q.set('lang', s.lang);
  if (s.speed !== 1) q.set('speed', String(s.speed));
  if (s.t > 0) q.set('t', String(Math.round(s.t * 1e6) / 1e6));
  if (s.autoplay) q.set('autoplay', '1');
  if (s.embed) q.set('embed', '1');
  if (Object.keys(s.knobs).length) q.set('k', encodeKnobs(s.knobs));
  const str = q.toString();
  return str ? `?${str}` : '';
}
