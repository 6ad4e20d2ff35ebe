import { createContext, useContext } from 'react';
import { en } from './en.ts';
import type { Dict, MessageKey } from './en.ts';
import { zhCN } from './zh-CN.ts';
import type { KnobName } from '../../tcp/knobs.ts';

export type Lang = 'en' | 'zh-CN';
export const LANG_LIST: readonly Lang[] = ['en', 'zh-CN'];
export const DICTS: Record<Lang, Dict> = { en, 'zh-CN': zhCN };
export type { Dict, MessageKey };

/** The dictionary key of a knob's one-line description; a knob without one fails to compile (and i18n.test.ts). */
export const knobHelpKey = (name: KnobName): MessageKey => `knob.${name}` as const;

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const d = DICTS[lang];
  return (key, params) => fill(d[key] ?? en[key], params);
}

export function fill(s: string, params?: Record<string, string | number>): string {
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

const STORE = 'tcp-state-sim.lang';

/** The language remembered in localStorage, else from navigator.language. */
export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORE);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    /* storage may be blocked */
  }
  const nav = typeof navigator !== 'undefined' ? navigator.language : 'en';
  return /^zh/i.test(nav) ? 'zh-CN' : 'en';
}

export function rememberLang(l: Lang): void {
  try {
    localStorage.setItem(STORE, l);
  } catch {
    /* ignore */
  }
}

export interface I18n {
  lang: Lang;
  t: Translate;
}
export const I18nContext = createContext<I18n>({ lang: 'en', t: translator('en') });
export const useI18n = (): I18n => useContext(I18nContext);
