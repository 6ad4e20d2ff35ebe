/**
 * A rarely used panel as a chunk of its own: it is fetched the first time it is shown, with a
 * "Loading…" line meanwhile, and a failed fetch (offline before the service worker stored it)
 * shows what failed and a "Try again" button instead of taking the page down. `texts`: the parts of
 * the dictionary the panel shows (i18n/parts.ts), fetched with its code in the page's language, so
 * it never renders a key or another language's text; a failed fetch of them fails the same way.
 * (A switch of language loads them before the page re-renders: i18n/useLang.ts.)
 */
import { Component, lazy, Suspense, use, useState } from 'react';
import type { ComponentType, ReactNode } from 'react';
import { loadTexts, textsLoaded, useI18n } from '../i18n/index.ts';
import type { Lang, Part } from '../i18n/index.ts';
import { Loading, LoadFailed } from './LoadFailed.tsx';

class ChunkBoundary extends Component<{ onRetry: () => void; children: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    if (this.state.error === null) return this.props.children;
    return <Failed error={this.state.error} onRetry={() => { this.setState({ error: null }); this.props.onRetry(); }} />;
  }
}

function Failed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  return <LoadFailed what={t('lazy.panel')} error={error} onRetry={onRetry} />;
}

/** Renders `children` once the panel's parts of the texts are here in the page's language (fetching its code meanwhile). */
function Texts({ parts, wait, fetchCode, children }: { parts: readonly Part[]; wait: (lang: Lang) => Promise<void>; fetchCode: () => unknown; children: ReactNode }) {
  const { lang } = useI18n();
  if (!parts.every((p) => textsLoaded(lang, p))) {
    fetchCode();
    // suspends until they are here; a failed fetch is thrown to the ChunkBoundary
    use(wait(lang));
  }
  return children;
}

export function lazyPanel<P extends object>(load: () => Promise<ComponentType<P>>, texts: readonly Part[] = []): ComponentType<P> {
  const make = () => {
    let code: Promise<ComponentType<P>> | undefined;
    const fetchCode = () => (code ??= load());
    // one promise per language, kept (failed or not) until "Try again": `use` needs the same one on every render
    const loads = new Map<Lang, Promise<void>>();
    const wait = (lang: Lang) => {
      let p = loads.get(lang);
      if (!p) loads.set(lang, (p = loadTexts(lang, ...texts)));
      return p;
    };
    return { C: lazy(() => fetchCode().then((c) => ({ default: c }))), fetchCode, wait };
  };
  // replaced on "Try again": React.lazy remembers a failed fetch forever
  const current = { at: make() };
  function LazyPanel(props: P) {
    const [, setAttempt] = useState(0);
    const { C, fetchCode, wait } = current.at;
    return (
      <ChunkBoundary
        onRetry={() => {
          current.at = make();
          setAttempt((a) => a + 1);
        }}
      >
        <Suspense fallback={<Loading />}>
          <Texts parts={texts} wait={wait} fetchCode={fetchCode}>
            <C {...props} />
          </Texts>
        </Suspense>
      </ChunkBoundary>
    );
  }
  return LazyPanel;
}
