/**
 * The fleet view (`?view=fleet`): the field notes' busy server. Connections per state over
 * virtual time, the operator's readouts at a time cursor, descriptors and errors, what-if knob
 * changes run "after" next to "before", and a drill-down into one connection's story.
 * Everything simulated runs in a Web Worker; this component only draws.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Change, FleetConfig } from '../../fleet/config.ts';
import { resolveFleetKnobs, knobsJson } from '../../fleet/knobs.ts';
import { fillNote } from '../../fleet/narrate.ts';
import { isPresetId, preset, PRESET_IDS } from '../../fleet/presets/index.ts';
import type { PresetId } from '../../fleet/presets/index.ts';
import { STATE_ALIASES } from '../../tcp/states.ts';
import type { TcpState } from '../../tcp/states.ts';
import { I18nContext, initialLang, translator } from '../i18n/index.ts';
import { withFleetTexts } from './fleetStrings.ts';
import { useLang } from '../i18n/useLang.ts';
import { UpdateNotice } from '../pwa/UpdateNotice.tsx';
import { LangSwitch } from '../LangSwitch.tsx';
import { ThemePicker } from '../theme/ThemePicker.tsx';
import { useTheme } from '../theme/useTheme.ts';
import { STATE_COLOURS } from './colours.ts';
import { aliasText, CountsChart } from './CountsChart.tsx';
import type { ChartMode } from './CountsChart.tsx';
import { Descriptors } from './Descriptors.tsx';
import { formatCount } from './formatCount.ts';
import { Drill } from './Drill.tsx';
import type { DrillResult } from './protocol.ts';
import { Readouts } from './Readouts.tsx';
import { activeStates, RunStats } from './runStats.ts';
import { fleetWorker, useFleetRun } from './useFleetRun.ts';
import { describeChange, WhatIf } from './WhatIf.tsx';
import { refusalIn } from './fleetProblemsZh.ts';
import { parseFleetUrl, serializeFleetUrl } from './url.ts';
import './fleet.css';

export function FleetPage() {
  const init = useMemo(() => parseFleetUrl(window.location.search), []);
  const { lang, setLang } = useLang(init.state.lang ?? initialLang());
  // the reader's theme, as in the app; a theme= link wins and stays in the address while it holds
  const [theme, setTheme] = useTheme(init.state.theme);
  const [presetId, setPresetId] = useState<PresetId>(init.state.preset);
  const [cursor, setCursor] = useState(init.state.t);
  const [mode, setMode] = useState<ChartMode>('stacked');
  const [log, setLog] = useState(false);
  const [changes, setChanges] = useState<Change[]>([]);
  const [drill, setDrill] = useState<DrillResult | null>(null);
  const [drillBusy, setDrillBusy] = useState(false);
  const i18n = useMemo(() => ({ lang, t: withFleetTexts(lang, translator(lang)) }), [lang]);
  const { t } = i18n;

  const before: FleetConfig = useMemo(() => preset(presetId), [presetId]);
  const after: FleetConfig | null = useMemo(() => (changes.length ? { ...before, changes: [...before.changes, ...changes] } : null), [before, changes]);
  const runB = useFleetRun(before);
  const runA = useFleetRun(after);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('fleet.pageTitle');
  }, [lang, t]);
  useEffect(() => {
    window.history.replaceState(null, '', serializeFleetUrl({ preset: presetId, lang, t: cursor, theme: init.state.theme && theme }));
  }, [presetId, lang, cursor, theme, init.state.theme]);

  const total = Math.floor(before.minutes * 60);
  const cur = Math.max(1, Math.min(cursor, Math.max(1, runB.samples.length)));
  const sample = runB.samples[cur - 1];
  const prev = runB.samples[cur - 2];
  const afterSample = runA.samples[cur - 1];
  const knobs = useMemo(() => resolveFleetKnobs(before.set), [before]);
  const knobText = useMemo(() => knobsJson(knobs), [knobs]);
  // kept as samples arrive (runStats.ts): a chunk costs its own samples, not the whole run's
  const [statsB] = useState(() => new RunStats());
  const [statsA] = useState(() => new RunStats());
  const onKey = useMemo(() => {
    statsB.update(runB.samples);
    statsA.update(runA.samples);
    return activeStates(statsB, statsA).join();
  }, [statsB, statsA, runB.samples, runA.samples]);
  const states = useMemo(() => onKey.split(',') as TcpState[], [onKey]);
  const yMax = mode === 'stacked' ? Math.max(statsB.maxStacked, statsA.maxStacked) : Math.max(statsB.maxLine, statsA.maxLine);
  const markers = useMemo(() => changes.map((c) => ({ t: c.at, label: describeChange(c) })), [changes]);
  const note = useMemo(() => [...before.notes].reverse().find((n) => n.at <= cur), [before, cur]);
  const noteSample = note ? runB.samples[Math.max(0, Math.floor(note.at) - 1)] : undefined;

  const choosePreset = (id: string) => {
    if (!isPresetId(id)) return;
    setPresetId(id);
    setChanges([]);
    setDrill(null);
    setCursor(1);
  };
  // stable, so the charts (memo) are not drawn again for a render that changes nothing of theirs
  const pick = useCallback(
    (state: TcpState, at: number) => {
      setDrillBusy(true);
      void fleetWorker()
        .drill(before, at, state)
        .then((r) => {
          setDrill(r);
          setDrillBusy(false);
        });
    },
    [before],
  );

  // "before" alone, or "before" and "after" (the what-if run) drawn alike
  const charts = [
    { run: runB, caption: after ? t('fleet.before') : t('fleet.counts'), testid: 'fleet-chart' },
    ...(after ? [{ run: runA, caption: t('fleet.after', { changes: changes.map(describeChange).join('; ') }), testid: 'fleet-chart-after' }] : []),
  ];
  const fmt = (n: number) => formatCount(n, lang);
  const progress = runB.total ? runB.done / runB.total : 0;

  return (
    <I18nContext.Provider value={i18n}>
      <div className="app fleet-page" data-testid="fleet-page" data-preset={presetId} data-samples={runB.samples.length} data-finished={runB.finished ? '1' : '0'}>
        <header className="top">
          <h1>{t('fleet.title')}</h1>
          <label className="fleet-preset">
            <span className="top-label">{t('fleet.preset')}</span>
            <select data-testid="fleet-preset" value={presetId} onChange={(e) => choosePreset(e.target.value)}>
              {PRESET_IDS.map((id) => (
                <option key={id} value={id}>
                  {presetTitle(id)[lang]}
                </option>
              ))}
            </select>
          </label>
          <LangSwitch lang={lang} onLang={setLang} />
          <ThemePicker theme={theme} onChange={setTheme} />
          <a href={`?lang=${lang}`} data-testid="nav-sim">
            {t('fleet.toSim')}
          </a>
          <UpdateNotice inline />
        </header>
        {init.problems.length > 0 && (
          <div className="alert" role="alert" data-testid="url-problems">
            <strong>{t('url.alertTitle')}</strong>
            <ul>
              {init.problems.map((p, i) => (
                <li key={i}>{p.kind === 'bad' ? t('url.bad', { param: p.param, value: p.value, allowed: p.allowed }) : t('url.unknown', { param: p.param, allowed: p.allowed })}</li>
              ))}
            </ul>
          </div>
        )}
        <p className="fleet-summary">{before.summary[lang]}</p>

        <div className="fleet-progress" data-testid="fleet-progress" data-done={runB.done} data-total={runB.total}>
          <progress max={1} value={progress} aria-label={t('fleet.progress')} />
          <span className="small">
            {runB.finished ? t('fleet.finished', { n: fmt(runB.lifecycles), s: (runB.wallMs / 1000).toFixed(1) }) : runB.cancelled ? t('fleet.cancelled') : t('fleet.running', { done: runB.done, total })}
          </span>
          {!runB.finished && !runB.cancelled && (
            <button type="button" onClick={runB.cancel} data-testid="fleet-cancel">
              {t('fleet.cancel')}
            </button>
          )}
          {runB.error && (
            <span className="error" role="alert">
              {t('fleet.runError', { detail: refusalIn(runB.error, lang) })}
            </span>
          )}
        </div>

        <div className="fleet-grid">
          <div className="fleet-main">
            <div className="fleet-toolbar">
              <div className="seg-switch" role="group" aria-label={t('fleet.mode')}>
                {(['stacked', 'lines'] as const).map((m) => (
                  <button key={m} type="button" aria-pressed={mode === m} onClick={() => setMode(m)} data-testid={`fleet-mode-${m}`}>
                    {t(m === 'stacked' ? 'fleet.stacked' : 'fleet.lines')}
                  </button>
                ))}
              </div>
              <label>
                <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} data-testid="fleet-log" /> {t('fleet.log')}
              </label>
              <label>
                {t('fleet.cursor')}
                <input
                  type="range"
                  min={1}
                  max={Math.max(1, runB.samples.length)}
                  value={cur}
                  onChange={(e) => setCursor(Number(e.target.value))}
                  data-testid="fleet-cursor"
                  data-t={cur}
                />
                <output>{t('seconds', { t: cur })}</output>
              </label>
            </div>
            <ul className="legend" aria-label={t('fleet.legend')}>
              {states.map((st) => (
                <li key={st} title={aliasText(st)} data-testid="fleet-legend" data-state={st}>
                  <button type="button" onClick={() => pick(st, cur)}>
                    <span className="swatch" style={{ background: STATE_COLOURS[st] }} />
                    {STATE_ALIASES[st].netstat} <b data-testid="fleet-count" data-state={st}>{fmt(sample?.states[st] ?? 0)}</b>
                    {afterSample && <span className="after"> → {fmt(afterSample.states[st])}</span>}
                  </button>
                </li>
              ))}
            </ul>
            {charts.map((c) => (
              <CountsChart
                key={c.testid}
                samples={c.run.samples}
                total={total}
                cursor={cur}
                onCursor={setCursor}
                onPick={pick}
                mode={mode}
                log={log}
                yMax={yMax}
                markers={markers}
                caption={c.caption}
                testid={c.testid}
                states={states}
              />
            ))}
            {note && noteSample && (
              <section className="panel fleet-note" data-testid="fleet-note" data-at={note.at}>
                <h2>{t('fleet.noteAt', { t: note.at })}</h2>
                <p>{fillNote(note.text[lang], noteSample, knobText, lang)}</p>
              </section>
            )}
            <nav className="fleet-notes" aria-label={t('fleet.notes')}>
              <span className="muted small fleet-notes-caption" aria-hidden="true">
                {t('fleet.notesGo')}
              </span>
              {before.notes.map((n) => (
                <button key={n.at} type="button" onClick={() => setCursor(Math.max(1, Math.floor(n.at)))} aria-pressed={note?.at === n.at}>
                  {t('seconds', { t: n.at })}
                </button>
              ))}
            </nav>
          </div>
          <aside className="fleet-side">
            <Readouts sample={sample} />
            <Descriptors sample={sample} prev={prev} ulimit={knobs.host.ulimit_n} />
            <WhatIf base={before} at={cur} changes={changes} onChange={setChanges} />
            <Drill result={drill} busy={drillBusy} presetId={presetId} presetTitle={presetTitle(presetId)} theme={init.state.theme ? theme : undefined} />
          </aside>
        </div>
      </div>
    </I18nContext.Provider>
  );
}

/** A preset's title (checking and copying a preset per option and render cost a frame while samples arrive). */
const titles = new Map<PresetId, FleetConfig['title']>();
function presetTitle(id: PresetId): FleetConfig['title'] {
  let v = titles.get(id);
  if (!v) {
    v = preset(id).title;
    titles.set(id, v);
  }
  return v;
}
