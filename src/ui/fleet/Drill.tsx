/**
 * Drill-down: the connections in the picked state at the picked instant, each with its path
 * on the server, a link that opens its story in the two-peer view (full World replay), and its
 * capture as the server would have recorded it (made in the worker).
 */
import { useEffect, useMemo, useState } from 'react';
import { encodeActions, encodeKnobs } from '../url.ts';
import { encodeScenario } from '../docs/scenarioLink.ts';
// the drill links are packed as they render: the codec comes with the fleet page's chunk (../lz.ts)
import '../lzCodec.ts';
import { LANG_LIST, loadLang, translator } from '../i18n/index.ts';
import type { Translate } from '../i18n/index.ts';
import { storyScenario } from './storyScenario.ts';
import { withFleetTexts } from './fleetStrings.ts';
import type { StoryFrame } from './storyScenario.ts';
import type { DrillConnection, DrillResult } from './protocol.ts';
import { useI18n } from '../i18n/index.ts';
import { formatCount } from './formatCount.ts';
import type { Theme } from '../docs/protocol.ts';
import type { Lang, MessageKey } from '../i18n/index.ts';
import { drillCaptureName } from './drillCapture.ts';
import { fleetWorker } from './useFleetRun.ts';
import { downloadCapture } from '../capture/downloadCapture.ts';

export function twoPeerHref(replay: DrillResult['connections'][number]['replay'], lang: Lang, theme?: Theme, s?: string): string {
  const q = new URLSearchParams();
  // the scenario that names the connection (no steps: the calls are the `a=` below)
  if (s) q.set('s', s);
  q.set('lang', lang);
  // a theme the fleet page was linked with goes along (a theme picked by hand is remembered anyway)
  if (theme) q.set('theme', theme);
  q.set('t', String(replay.t));
  if (Object.keys(replay.knobs).length) q.set('k', encodeKnobs(replay.knobs));
  const { actions } = replay;
  q.set('a', encodeActions(actions.map(({ t, ...action }) => ({ at: t, action }))));
  return `?${q.toString()}`;
}

/** Translators for both languages, once both dictionaries are here (the story is titled in both). */
function useBothLanguages(): Record<Lang, Translate> | null {
  const [tr, setTr] = useState<Record<Lang, Translate> | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all(LANG_LIST.map(loadLang))
      .then(() => live && setTr({ en: withFleetTexts('en', translator('en')), 'zh-CN': withFleetTexts('zh-CN', translator('zh-CN')) }))
      // without both dictionaries the link still opens the story, untitled (as free play)
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return tr;
}

export function Drill({ result, busy, presetId, presetTitle, theme }: { result: DrillResult | null; busy: boolean; presetId: string; presetTitle: StoryFrame['presetTitle']; theme?: Theme }) {
  const { t, lang } = useI18n();
  const both = useBothLanguages();
  // once per drill result, not per render: the fleet page re-renders as samples arrive, and each
  // link compresses a scenario
  const hrefs = useMemo(
    () =>
      new Map(
        (result?.connections.slice(0, 8) ?? []).map((c) => {
          const s = both && result ? encodeScenario(storyScenario(c, { presetId, presetTitle, state: result.state, t: result.t }, both)) : undefined;
          return [c.serial, twoPeerHref(c.replay, lang, theme, s)];
        }),
      ),
    [result, both, presetId, presetTitle, lang, theme],
  );
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
                  <a href={hrefs.get(c.serial)} data-testid="fleet-drill-open" data-state={result.state}>
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
