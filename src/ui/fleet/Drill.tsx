/**
 * Drill-down: the connections in the picked state at the picked instant, each with its path
 * on the server, a link that opens its story in the two-peer view (full World replay), and its
 * capture as the server would have recorded it (made in the worker).
 */
import { useState } from 'react';
import { encodeActions, encodeKnobs } from '../url.ts';
import type { DrillConnection, DrillResult } from './protocol.ts';
import { useI18n } from '../i18n/index.ts';
import { formatCount } from './formatCount.ts';
import type { Theme } from '../docs/protocol.ts';
import type { Lang, MessageKey } from '../i18n/index.ts';
import { drillCaptureName } from './drillCapture.ts';
import { fleetWorker } from './useFleetRun.ts';
import { downloadCapture } from '../capture/downloadCapture.ts';

export function twoPeerHref(replay: DrillResult['connections'][number]['replay'], lang: Lang, theme?: Theme): string {
  const q = new URLSearchParams();
  q.set('lang', lang);
  // a theme the fleet page was linked with goes along (a theme picked by hand is remembered anyway)
  if (theme) q.set('theme', theme);
  q.set('t', String(replay.t));
  if (Object.keys(replay.knobs).length) q.set('k', encodeKnobs(replay.knobs));
  const { actions } = replay;
  q.set('a', encodeActions(actions.map(({ t, ...action }) => ({ at: t, action }))));
  return `?${q.toString()}`;
}

export function Drill({ result, busy, presetId, theme }: { result: DrillResult | null; busy: boolean; presetId: string; theme?: Theme }) {
  const { t, lang } = useI18n();
  const [saving, setSaving] = useState<number | null>(null);
  const [status, setStatus] = useState('');
  const download = (c: DrillConnection) => {
    if (!result) return;
    const name = drillCaptureName(presetId, c, result.state, result.t);
    setSaving(c.serial);
    fleetWorker()
      .capture(c, presetId)
      .then((bytes) => {
        downloadCapture(bytes, name);
        setStatus(t('fleet.drillSaved', { name }));
      })
      .catch((e: unknown) => setStatus(t('fleet.drillSaveFailed', { detail: e instanceof Error ? e.message : String(e) })))
      .finally(() => setSaving(null));
  };
  return (
    <section className="panel fleet-drill" aria-label={t('fleet.drill')} data-testid="fleet-drill" aria-busy={busy}>
      <h2>{t('fleet.drill')}</h2>
      {!result && !busy && <p className="small muted">{t('fleet.drillHelp')}</p>}
      {busy && <p className="small">{t('fleet.drillBusy')}</p>}
      {result && !busy && (
        <>
          <p className="small" data-testid="fleet-drill-summary" data-state={result.state} data-t={result.t}>
            {t('fleet.drillFound', { n: formatCount(result.total, lang), state: result.state, t: result.t })}
          </p>
          {result.connections.length === 0 && <p className="small muted">{t('fleet.drillNone')}</p>}
          <ol className="drill-list">
            {result.connections.slice(0, 8).map((c) => (
              <li key={c.serial} data-testid="fleet-drill-conn" data-serial={c.serial} data-peer={c.peer}>
                <div>
                  <strong>#{c.serial}</strong> <span className="mono small">{c.peer}</span>
                </div>
                <div className="muted small">
                  {t('fleet.drillWho', { client: t(`fleet.client.${c.behaviour}` as MessageKey), app: c.mode ? t(`fleet.app.${c.mode}` as MessageKey) : '—' })}
                </div>
                <div className="path small">
                  {c.path.map((p) => `${p.to} @ ${Math.round(p.t * 100) / 100}`).join(' → ')}
                </div>
                <div className="drill-actions">
                  <a href={twoPeerHref(c.replay, lang, theme)} data-testid="fleet-drill-open" data-state={result.state}>
                    {t('fleet.drillOpen')}
                  </a>
                  <button type="button" onClick={() => download(c)} disabled={saving !== null} data-testid="fleet-drill-capture" title={t('fleet.drillCaptureHelp')}>
                    {saving === c.serial ? t('fleet.drillSaving') : t('fleet.drillCapture')}
                  </button>
                </div>
              </li>
            ))}
          </ol>
          {status && (
            <p className="small" role="status" data-testid="fleet-drill-status">
              {status}
            </p>
          )}
        </>
      )}
    </section>
  );
}
