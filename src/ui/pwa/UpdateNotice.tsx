import { useEffect, useSyncExternalStore } from 'react';
import { useI18n } from '../i18n/index.ts';
import { applyUpdate, dismissPwa, onPwaStatus, pwaStatus } from './register.ts';

/** how long "works offline" stays (real time: it is about the page, not the simulation) */
const OFFLINE_NOTICE_MS = 8000;

/**
 * "A new version is available" (with Reload), or "works offline now" once everything is stored.
 * `inline`: a short chip inside a page's header, so it covers nothing (the full sentence stays in
 * its accessible text and tooltip); otherwise (an embed) a small chip in the frame's corner.
 */
export function UpdateNotice({ inline = false }: { inline?: boolean }) {
  const { t } = useI18n();
  const status = useSyncExternalStore(onPwaStatus, pwaStatus, () => null);
  // "works offline" is news, not a question: it goes by itself after a few seconds
  useEffect(() => {
    if (status !== 'offline-ready') return;
    const id = setTimeout(dismissPwa, OFFLINE_NOTICE_MS);
    return () => clearTimeout(id);
  }, [status]);
  if (!status) return null;
  const full = status === 'need-refresh' ? t('pwa.update') : t('pwa.offlineReady');
  return (
    <div className={`pwa-notice${inline ? ' pwa-notice--inline' : ''}`} role="status" data-testid="pwa-notice" data-pwa={status} title={inline ? full : undefined}>
      {inline ? (
        <>
          <span aria-hidden="true">{status === 'need-refresh' ? t('pwa.updateShort') : t('pwa.offlineShort')}</span>
          <span className="visually-hidden">{full}</span>
        </>
      ) : (
        <span>{full}</span>
      )}
      {status === 'need-refresh' && (
        <button type="button" className="primary" data-testid="pwa-reload" onClick={applyUpdate}>
          {t('pwa.reload')}
        </button>
      )}
      <button type="button" data-testid="pwa-dismiss" onClick={dismissPwa}>
        {t('pwa.dismiss')}
      </button>
    </div>
  );
}
