/**
 * Drill-down: the connections in the picked state at the picked instant, each with its path
 * on the server and a link that opens its story in the two-peer view (full World replay).
 */
import { encodeActions, encodeKnobs } from '../url.ts';
import type { DrillResult } from './protocol.ts';
import { useI18n } from '../i18n/index.ts';
import type { Lang } from '../i18n/index.ts';

export function twoPeerHref(replay: DrillResult['connections'][number]['replay'], lang: Lang): string {
  const q = new URLSearchParams();
  q.set('lang', lang);
  q.set('t', String(replay.t));
  if (Object.keys(replay.knobs).length) q.set('k', encodeKnobs(replay.knobs));
  const { actions } = replay;
  q.set('a', encodeActions(actions.map(({ t, ...action }) => ({ at: t, action }))));
  return `?${q.toString()}`;
}

export function Drill({ result, busy }: { result: DrillResult | null; busy: boolean }) {
  const { t, lang } = useI18n();
  return (
    <section className="panel fleet-drill" aria-label={t('fleet.drill')} data-testid="fleet-drill" aria-busy={busy}>
      <h2>{t('fleet.drill')}</h2>
      {!result && !busy && <p className="small muted">{t('fleet.drillHelp')}</p>}
      {busy && <p className="small">{t('fleet.drillBusy')}</p>}
      {result && !busy && (
        <>
          <p className="small" data-testid="fleet-drill-summary" data-state={result.state} data-t={result.t}>
            {t('fleet.drillFound', { n: result.total.toLocaleString(lang), state: result.state, t: result.t })}
          </p>
          {result.connections.length === 0 && <p className="small muted">{t('fleet.drillNone')}</p>}
          <ol className="drill-list">
            {result.connections.slice(0, 8).map((c) => (
              <li key={c.serial}>
                <div>
                  <strong>#{c.serial}</strong> <span className="muted">{t('fleet.drillWho', { client: c.behaviour, app: c.mode ?? '—' })}</span>
                </div>
                <div className="path small">
                  {c.path.map((p) => `${p.to} @ ${Math.round(p.t * 100) / 100}`).join(' → ')}
                </div>
                <a href={twoPeerHref(c.replay, lang)} data-testid="fleet-drill-open" data-state={result.state}>
                  {t('fleet.drillOpen')}
                </a>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
