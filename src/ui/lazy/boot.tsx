/**
 * What a page needs before its first render, fetched in parallel with the page's own code: the
 * dictionary of the page's language (so a Chinese page never flashes English) and the body of the
 * scenario the link names (so `t=`/`a=` replay against it from the first frame), and the scenario
 * checker when the link carries a scenario of its own (`s=`; a link without one never fetches it),
 * and lz-string when the link carries a packed value (`k=`, `a=`, `s=`, `pkt=`: ../lz.ts), so the
 * page reads its link, and reports a bad value, as it always did: synchronously, before its first frame.
 */
import type { ReactNode } from 'react';
import { I18nContext, langLoaded, loadLang, loadTexts, translator } from '../i18n/index.ts';
import type { Lang, Part } from '../i18n/index.ts';
import { LoadFailed } from './LoadFailed.tsx';
import { errorText } from './loadReason.ts';
import { loadScenarioDecoder } from '../docs/sDecoder.ts';
import { loadLz } from '../lz.ts';

/** Loads the link's built-in scenario, if it names one; an unknown id is left to the page's URL report. */
export async function preloadScenario(id: string | null): Promise<void> {
  if (!id) return;
  const c = await import('../../scenarios/catalog.ts');
  if (c.isLibraryId(id)) await c.loadScenario(id);
}

/**
 * `packed`: the link carries an lz-string value (../lz.ts `carriesPacked`); `texts`: the parts of the
 * dictionary the page's first screen shows (i18n/parts.ts). A failed fetch of any chunk but the
 * language's dictionary gives BootFailed; so does a failed fetch of `texts` in a language whose
 * dictionary did arrive: the page is never shown with its first screen's texts in another language.
 */
export async function prepare(lang: Lang, scenario: string | null, ownScenario: boolean, packed: boolean, texts: readonly Part[] = []): Promise<void> {
  const all = await Promise.allSettled([pageTexts(lang, texts), preloadScenario(scenario), ownScenario ? loadScenarioDecoder() : null, packed ? loadLz() : null]);
  // settled, not raced: a chunk that fails before the dictionary has arrived must still be reported
  // in the reader's language (BootFailed falls back to both languages only without any dictionary)
  const failed = all.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * The page's language and its first screen's parts, fetched together. English is the fallback for
 * the language only: a page whose dictionary failed renders in English, whole (its parts too). A
 * part that fails while its language's dictionary arrived rejects: falling back to English for that
 * part alone would show a Chinese page with an English panel.
 */
async function pageTexts(lang: Lang, texts: readonly Part[]): Promise<void> {
  const [dict, parts] = await Promise.allSettled([loadLang(lang), loadTexts(lang, ...texts)]);
  if (dict.status === 'rejected') return loadLang('en');
  if (parts.status === 'rejected') throw parts.reason;
}

/**
 * The page when what it needs could not be fetched: what failed, and Try again (`onRetry`: start-up
 * again, in the page; without it, a reload). Its texts are in the page's language when that
 * dictionary arrived (a part of it that did not is why we are here), else in English, else in both.
 */
export function BootFailed({ lang, error, onRetry }: { lang: Lang; error: unknown; onRetry?: () => void }): ReactNode {
  const retry = onRetry ?? (() => location.reload());
  if (!langLoaded(lang) && !langLoaded('en')) {
    // no dictionary could be fetched either, so no translated text exists: both languages, as in index.html's noscript
    return (
      <main className="boot-failed">
        <h1>TCP state machine simulator · TCP 状态机模拟器</h1>
        <div className="alert load-failed" role="alert" data-testid="load-failed">
          <span className="load-failed-text">Could not load the page. 无法加载页面。</span>
          <details className="load-failed-details" title={errorText(error)}>
            <summary>Technical details · 技术详情</summary>
            <code translate="no">{errorText(error)}</code>
          </details>
          <button type="button" onClick={retry}>
            Reload · 重新加载
          </button>
        </div>
      </main>
    );
  }
  const t = translator(lang);
  return (
    <I18nContext.Provider value={{ lang, t }}>
      <main className="boot-failed">
        <h1>{t('app.title')}</h1>
        <LoadFailed what={t('lazy.boot')} error={error} onRetry={retry} />
      </main>
    </I18nContext.Provider>
  );
}
