import { createContext, useContext } from 'react';
import type { Dict, MessageKey } from './en.ts';
import type { KnobName } from '../../tcp/knobs.ts';
import { PART_LOADERS } from './parts.ts';
import type { Part } from './parts.ts';

export type Lang = 'en' | 'zh-CN';
export const LANG_LIST: readonly Lang[] = ['en', 'zh-CN'];
export type { Dict, MessageKey, Part };

/**
 * The texts loaded so far, per language. Each language's dictionary is a chunk of its own, English
 * included, loaded before the first render that needs it (main.tsx, useLang), so a page never
 * flashes another language and a Chinese page never downloads the English texts. English is the
 * fallback: a page whose language failed to load renders in English (lazy/boot.tsx loads it then).
 * The texts of panels and views not on every first screen are parts of their own (parts.ts),
 * loaded with the UI that shows them (`loadTexts`); once a part has been asked for, switching
 * language (`loadLang`) loads the new language's copy too before the page re-renders.
 */
const TEXTS: Partial<Record<Lang, Record<string, string>>> = {};
type Piece = 'core' | Part;
const LOADERS: Record<Lang, () => Promise<Readonly<Record<string, string>>>> = {
  en: () => import('./en.ts').then((m) => m.en),
  'zh-CN': () => import('./zh-CN.ts').then((m) => m.zhCN),
};
const loader = (lang: Lang, piece: Piece) => (piece === 'core' ? LOADERS[lang] : PART_LOADERS[piece][lang]);
const have = new Set<string>();
const loading = new Map<string, Promise<void>>();
/** the parts some UI has asked for: a language switch loads them with the dictionary */
const wanted = new Set<Part>();

/** Loads one piece of `lang`'s texts, once; a failed load is not remembered, so calling again retries. */
function loadPiece(lang: Lang, piece: Piece): Promise<void> {
  const id = `${lang}:${piece}`;
  if (have.has(id)) return Promise.resolve();
  let p = loading.get(id);
  if (!p) {
    p = loader(lang, piece)()
      .then((d) => {
        TEXTS[lang] = Object.assign(TEXTS[lang] ?? {}, d);
        have.add(id);
      })
      .finally(() => loading.delete(id));
    loading.set(id, p);
  }
  return p;
}

/** Whether `lang`'s dictionary is here (a translator for it would not fall back to English). */
export const langLoaded = (lang: Lang): boolean => have.has(`${lang}:core`);

/** Whether `part` of `lang`'s texts is here. */
export const textsLoaded = (lang: Lang, part: Part): boolean => have.has(`${lang}:${part}`);

/**
 * Loads `lang`'s dictionary, and its copy of every part asked for so far (`loadTexts`). Rejects
 * when a chunk cannot be fetched (offline without the service worker's copy); a failed load is
 * not remembered, so calling again retries.
 */
export function loadLang(lang: Lang): Promise<void> {
  return Promise.all([loadPiece(lang, 'core'), ...[...wanted].map((p) => loadPiece(lang, p))]).then(() => undefined);
}

/**
 * Loads `parts` of the texts in `lang` (in English when `lang`'s dictionary is not here and
 * English's is: the page is shown in English then), before the UI that shows them renders, and
 * remembers them so a switch of language brings them along. Rejects like `loadLang`.
 */
export function loadTexts(lang: Lang, ...parts: Part[]): Promise<void> {
  for (const p of parts) wanted.add(p);
  const l = !langLoaded(lang) && langLoaded('en') ? 'en' : lang;
  return Promise.all(parts.map((p) => loadPiece(l, p))).then(() => undefined);
}

/** The dictionary key of a knob's one-line description; a knob without one fails to compile (and i18n.test.ts). */
export const knobHelpKey = (name: KnobName): MessageKey => `knob.${name}` as const;

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Texts in `lang` (English where it is not loaded; the key itself where no dictionary is). */
export function translator(lang: Lang): Translate {
  // a fleet page key is in none of these dictionaries: the fleet page's translator answers it first (withFleetTexts)
  return (key, params) => fill(TEXTS[lang]?.[key] ?? TEXTS.en?.[key] ?? key, params);
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
