import { useState } from 'react';
import { useI18n } from '../i18n/index.ts';
import { errorText, failuresReason } from './loadReason.ts';

/** One chunk (a language, a scenario, the engine, a panel) that could not be loaded. */
export interface Failure {
  /** how the reader's language names it ("the Chinese texts", "模拟引擎") */
  what: string;
  error: unknown;
  /** asks for it again */
  retry?: () => void;
}

/**
 * The errors a notice was put away with: it comes back when one it did not show arrives. Kept by
 * the notice, or by its owner when the notice may move in the tree (the embed's, from the
 * build-time picture's layout into the live one's).
 */
export type Dismissal = readonly [readonly unknown[], (errors: readonly unknown[]) => void];
export const useDismissal = (): Dismissal => useState<readonly unknown[]>([]);

/**
 * A chunk that could not be loaded, with a way to try again.
 * The sentence is wholly in the reader's language (loadReason.ts); the browser's message, for
 * whoever debugs, is the details' content and their tooltip.
 * `dismissible`: it can also be put away (the page works on without the chunk); a later failure,
 * a new error, shows again.
 */
export function LoadFailed({ what, error, onRetry, dismissible = false }: { what: string; error: unknown; onRetry?: () => void; dismissible?: boolean }) {
  return <LoadFailures failures={[{ what, error, retry: onRetry }]} dismissible={dismissible} />;
}

/**
 * Every chunk that failed, as one notice: one sentence naming them all ("the simulation engine and
 * the Chinese texts"), one Try again that asks for each again. Two notices for two failures stacked
 * over what the reader was reading, each with its own buttons for what is one problem (the network).
 * Renders nothing without a failure.
 */
export function LoadFailures({ failures, dismissible = false, dismissal }: { failures: readonly Failure[]; dismissible?: boolean; dismissal?: Dismissal }) {
  const { lang, t } = useI18n();
  const own = useDismissal();
  const [dismissed, setDismissed] = dismissal ?? own;
  if (failures.length === 0) return null;
  if (dismissible && failures.every((f) => dismissed.includes(f.error))) return null;
  const detail = failures.map((f) => errorText(f.error)).join('\n');
  // the sentence says why in the reader's language; the browser's own words stay in the details
  const reason = failuresReason(
    failures.map((f) => f.error),
    typeof navigator === 'undefined' || navigator.onLine !== false,
  );
  const why = t(reason === 'offline' ? 'lazy.offline' : reason === 'unreachable' ? (failures.length > 1 ? 'lazy.unreachableAll' : 'lazy.unreachable') : 'lazy.unexpected');
  const advice = t(reason === 'other' ? 'lazy.reloadIfAgain' : 'lazy.checkNetwork');
  const what = new Intl.ListFormat(lang, { type: 'conjunction' }).format(failures.map((f) => f.what));
  const retries = failures.flatMap((f) => (f.retry ? [f.retry] : []));
  return (
    <div className="alert load-failed" role="alert" data-testid="load-failed" data-reason={reason} data-count={failures.length}>
      <span className="load-failed-text">{t('lazy.failed', { what, why, advice })}</span>
      <details className="load-failed-details" title={detail}>
        <summary>{t('lazy.details')}</summary>
        <code translate="no">{detail}</code>
      </details>
      {retries.length > 0 && (
        <button type="button" onClick={() => retries.forEach((r) => r())}>
          {t('lazy.retry')}
        </button>
      )}
      {dismissible && (
        <button type="button" data-testid="load-failed-dismiss" onClick={() => setDismissed(failures.map((f) => f.error))}>
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
