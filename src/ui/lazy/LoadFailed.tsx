import { useState } from 'react';
import { useI18n } from '../i18n/index.ts';

/**
 * A chunk (a language, a scenario, a panel) that could not be loaded, with a way to try again.
 * `dismissible`: it can also be put away (the page works on without the chunk); a later failure,
 * a new error, shows again.
 */
export function LoadFailed({ what, error, onRetry, dismissible = false }: { what: string; error: unknown; onRetry?: () => void; dismissible?: boolean }) {
  const { t } = useI18n();
  const [dismissed, setDismissed] = useState<unknown>(undefined);
  if (dismissible && dismissed === error) return null;
  const detail = error instanceof Error ? error.message : String(error);
  // the loader's own message is technical: say "offline" in the reader's language when that is why
  const why = typeof navigator !== 'undefined' && navigator.onLine === false ? t('lazy.offline') : detail;
  return (
    <div className="alert load-failed" role="alert" data-testid="load-failed">
      <span className="load-failed-text">{t('lazy.failed', { what, why })}</span>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('lazy.retry')}
        </button>
      )}
      {dismissible && (
        <button type="button" data-testid="load-failed-dismiss" onClick={() => setDismissed(error)}>
          {t('error.dismiss')}
        </button>
      )}
    </div>
  );
}

/** Shown while a chunk is on its way (usually for a few milliseconds; from the service worker, less). */
export function Loading() {
  const { t } = useI18n();
  return (
    <div className="muted loading" role="status" data-testid="loading">
      {t('lazy.loading')}
    </div>
  );
}
