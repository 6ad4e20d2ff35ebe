import { useState } from 'react';
import { useI18n } from '../i18n/index.ts';
import { errorText, loadReason } from './loadReason.ts';

/**
 * A chunk (a language, a scenario, a panel) that could not be loaded, with a way to try again.
 * The sentence is wholly in the reader's language (loadReason.ts); the browser's message, for
 * whoever debugs, is the details' content and their tooltip.
 * `dismissible`: it can also be put away (the page works on without the chunk); a later failure,
 * a new error, shows again.
 */
export function LoadFailed({ what, error, onRetry, dismissible = false }: { what: string; error: unknown; onRetry?: () => void; dismissible?: boolean }) {
  const { t } = useI18n();
  const [dismissed, setDismissed] = useState<unknown>(undefined);
  if (dismissible && dismissed === error) return null;
  const detail = errorText(error);
  // the sentence says why in the reader's language; the browser's own words stay in the details
  const reason = loadReason(error, typeof navigator === 'undefined' || navigator.onLine !== false);
  const why = t(reason === 'offline' ? 'lazy.offline' : reason === 'unreachable' ? 'lazy.unreachable' : 'lazy.unexpected');
  const advice = t(reason === 'other' ? 'lazy.reloadIfAgain' : 'lazy.checkNetwork');
  return (
    <div className="alert load-failed" role="alert" data-testid="load-failed" data-reason={reason}>
      <span className="load-failed-text">{t('lazy.failed', { what, why, advice })}</span>
      <details className="load-failed-details" title={detail}>
        <summary>{t('lazy.details')}</summary>
        <code translate="no">{detail}</code>
      </details>
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
