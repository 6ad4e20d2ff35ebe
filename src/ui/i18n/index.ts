import { createContext, useContext } from 'react';
import type { Dict, MessageKey } from './en.ts';
import type { KnobName } from '../../tcp/knobs.ts';

export type Lang = 'en' | 'zh-CN';
export const LANG_LIST: readonly Lang[] = ['en', 'zh-CN'];
export type { Dict, MessageKey };

/**
 * The dictionaries loaded so far. Each language is a chunk of its own, English included, loaded
 * before the first render that needs it (main.tsx, useLang), so a page never flashes another
 * language and a Chinese page never downloads the English texts. English is the fallback: a page
 * whose language failed to load renders in English (lazy/boot.tsx loads it then).
 */
const DICTS: Partial<Record<Lang, Dict>> = {};
const LOADERS: Record<Lang, () => Promise<Dict>> = {
  en: () => import('./en.ts').then((m) => m.en),
  'zh-CN': () => import('./zh-CN.ts').then((m) => m.zhCN),
};
const loading = new Map<Lang, Promise<void>>();

/** Whether `lang`'s dictionary is here (a translator for it would not fall back to English). */
export const langLoaded = (lang: Lang): boolean => DICTS[lang] !== undefined;

/**
 * Loads `lang`'s dictionary. Rejects when its chunk cannot be fetched (offline without the
 * service worker's copy); a failed load is not remembered, so calling again retries.
 */
export function loadLang(lang: Lang): Promise<void> {
  if (DICTS[lang]) return Promise.resolve();
  let p = loading.get(lang);
  if (!p) {
    p = LOADERS[lang]()
      .then((d) => {
        DICTS[lang] = d;
      })
      .finally(() => loading.delete(lang));
    loading.set(lang, p);
  }
  return p;
}

/** The dictionary key of a knob's one-line description; a knob without one fails to compile (and i18n.test.ts). */
export const knobHelpKey = (name: KnobName): MessageKey => `knob.${name}` as const;

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Texts in `lang` (English where it is not loaded; the key itself where no dictionary is). */
export function translator(lang: Lang): Translate {
  // a fleet page key is in none of these dictionaries: the fleet page's translator answers it first (withFleetTexts)
  return (key, params) => fill(DICTS[lang]?.[key as keyof Dict] ?? DICTS.en?.[key as keyof Dict] ?? key, params);
}

export function fill(s: string, params?: Record<string, string | number>): string {
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

const STORE = 'tcp-state-sim.lang';

/** The `lang` URL parameter when it names a language, else undefined (url.ts reports bad values). */
export function urlLang(search: string): Lang | undefined {
  const l = new URLSearchParams(search).get('lang');
  return l === 'en' || l === 'zh-CN' ? l : undefined;
}

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
