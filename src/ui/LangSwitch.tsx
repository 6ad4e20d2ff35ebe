/** The header's language switch, shared by the app and the fleet page: each language named in itself. */
import { LANG_LIST, useI18n } from './i18n/index.ts';
import type { Lang, MessageKey } from './i18n/index.ts';

/** each language named in itself */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', 'zh-CN': '简体中文' };
/** How a sentence in the page's language names a language's texts ("the Chinese texts", 英文文本), not by its own name. */
export const LANG_TEXTS = { en: 'lazy.langEn', 'zh-CN': 'lazy.langZh' } as const satisfies Record<Lang, MessageKey>;

export function LangSwitch({ lang, onLang }: { lang: Lang; onLang: (l: Lang) => void }) {
  const { t } = useI18n();
  return (
    <div className="seg-switch" role="group" aria-label={t('header.lang')}>
      {LANG_LIST.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={lang === l} data-testid={`lang-${l}`} onClick={() => onLang(l)}>
          {LANG_NAMES[l]}
        </button>
      ))}
    </div>
  );
}
