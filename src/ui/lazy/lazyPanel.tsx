/**
 * A rarely used panel as a chunk of its own: it is fetched the first time it is shown, with a
 * "Loading…" line meanwhile, and a failed fetch (offline before the service worker stored it)
 * shows what failed and a "Try again" button instead of taking the page down.
 */
import { Component, lazy, Suspense, useState } from 'react';
import type { ComponentType, ReactNode } from 'react';
import { useI18n } from '../i18n/index.ts';
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

export function lazyPanel<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const make = () => lazy(() => load().then((c) => ({ default: c })));
  // replaced on "Try again": React.lazy remembers a failed fetch forever
  const current = { C: make() };
  function LazyPanel(props: P) {
    const [, setAttempt] = useState(0);
    const C = current.C;
    return (
      <ChunkBoundary
        onRetry={() => {
          current.C = make();
          setAttempt((a) => a + 1);
        }}
      >
        <Suspense fallback={<Loading />}>
          <C {...props} />
        </Suspense>
      </ChunkBoundary>
    );
  }
  return LazyPanel;
}
