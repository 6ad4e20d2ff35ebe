/**
 * `embed=1`: the compact layout for documentation sites. Title, the note in force, the two
 * diagrams and a one-line control bar; it fills the frame without scrolling (the diagrams give
 * way) and stacks below 560 px. Driven by the lesson player, and by the embed protocol's
 * commands from the origins the host allowed.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import PICTURES from 'virtual:first-pictures';
import { CATALOG_IDS, cachedScenario, isLibraryId, loadScenario } from '../../scenarios/catalog.ts';
import type { Scenario } from '../../scenarios/index.ts';
import type { TraceEvent } from '../../sim/types.ts';
import { SequenceDiagram, StateDiagram } from '../diagramsBridge.ts';
import { ErrorBoundary } from '../ErrorBoundary.tsx';
import { I18nContext, initialLang, loadLang, translator } from '../i18n/index.ts';
import type { Lang } from '../i18n/index.ts';
import { useLang } from '../i18n/useLang.ts';
import { SPEEDS } from '../player/speeds.ts';
import type { SimControls, SimInit, SimState } from '../sim/useSimulation.ts';
import type { SimConfig } from '../sim/controller.ts';
import type { FirstPicture } from '../sim/firstPicture.ts';
import { LoadFailures, useDismissal } from '../lazy/LoadFailed.tsx';
import type { Failure } from '../lazy/LoadFailed.tsx';
import { errorText } from '../lazy/loadReason.ts';
import { LANG_TEXTS } from '../LangSwitch.tsx';
import { FREE_PLAY, serializeUrl } from '../url.ts';
import type { UrlProblem, UrlState } from '../url.ts';
import { useTheme } from '../theme/useTheme.ts';
import type { Command, Theme } from './protocol.ts';
import { loadScenarioDecoder } from './sDecoder.ts';
import { useFrameBridge, usePlayerEvents } from './useFrameBridge.ts';
import { useDeferredEngine } from '../sim/useDeferredEngine.ts';
import { staticSim } from '../sim/staticSim.ts';
import type { Engine } from '../sim/useDeferredEngine.ts';
import { useVisibleAutoplay } from './useVisibleAutoplay.ts';
import type { Stage } from '../diagrams/useStage.ts';
import './embed.css';
import { ICON, PlayerIcon } from './PlayerIcon.tsx';

const NO_NOTES: Scenario['notes'] = [];

function lastEdgeOf(trace: readonly TraceEvent[]) {
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace[i]!;
    if (e.type === 'state') return { from: e.from, to: e.to, peer: e.peer, key: i };
  }
  return null;
}

interface Shown {
  /** library id, FREE_PLAY, or the id inside an `s=` scenario */
  id: string;
  scenario: Scenario | null;
  /** the `s` value when the scenario came from one */
  s?: string;
}

function initialShown(url: UrlState): Shown {
  const d = url.docs;
  if (d.custom) return { id: d.custom.id, scenario: d.custom, s: d.s };
  return { id: url.scenario, scenario: url.scenario === FREE_PLAY ? null : (cachedScenario(url.scenario) ?? null) };
}

export function EmbedApp({ url, problems }: { url: UrlState; problems: readonly UrlProblem[] }) {
  const d = url.docs;
  // an embed never changes the reader's remembered language
  const { lang, setLang, failed: langFailed } = useLang(url.lang ?? initialLang(), false);
  // the app's theme mechanism; an embed starts from theme= (else auto) and never remembers
  const [theme, setTheme] = useTheme(d.theme, false);
  const [shown, setShown] = useState<Shown>(() => initialShown(url));
  const scenario = shown.scenario;
  const profile = url.profile ?? scenario?.profile ?? 'linux';
  // the picture the engine computed at build time, when the link asks for nothing else
  const [picture] = useState(() => firstPictureFor(url, shown));
  const { engine, error: engineError, want, controls, attach } = useDeferredEngine(picture === null);
  // the simulation's start, fixed when the engine's component mounts
  const config: SimConfig = { scenario, profile, knobs: url.knobs };
  // an embed plays as a lesson (stopping at each note) unless the link says lesson=0; autoplay waits for visibility
  const init: SimInit = { t: url.t, speed: url.speed, autoplay: false, actions: url.actions, lesson: url.lesson, pace: url.pace };

  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  const t = i18n.t;
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = scenario ? scenario.title[lang] : t('app.title');
  }, [lang, scenario, t]);

  const run = useCallback(
    (c: Command): string | null | Promise<string | null> => {
      switch (c.cmd) {
        case 'play':
          controls.play();
          return null;
        case 'pause':
          controls.pause();
          return null;
        case 'step':
          controls.step();
          return null;
        case 'next-note':
          controls.next();
          return null;
        case 'prev-note':
          controls.prev();
          return null;
        case 'seek':
          controls.seek(c.t);
          return null;
        case 'set-lang':
          // the embed stays whole in its language until the new one's texts are here; a failure
          // is the notice for the reader (with Try again) and an `error` event for the host
          setLang(c.lang);
          return loadLang(c.lang).then(
            () => null,
            (e: unknown) => `lang: could not load the ${c.lang} texts: ${errorText(e)}`,
          );
        case 'set-theme':
          setTheme(c.theme);
          return null;
        case 'load': {
          const show = (next: Shown): string | null => {
            if (!controls.configure({ scenario: next.scenario, profile: next.scenario?.profile ?? 'linux', knobs: {} }, false)) return 'the scenario could not be started';
            setShown(next);
            return null;
          };
          if ('s' in c) {
            // the scenario checker is a chunk of its own (a page without `s=` never needed it)
            return loadScenarioDecoder().then(
              (decode) => {
                const r = decode(c.s);
                return 'error' in r ? r.error : show({ id: r.scenario.id, scenario: r.scenario, s: c.s });
              },
              (e: unknown) => `s: could not load the scenario checker: ${e instanceof Error ? e.message : String(e)}`,
            );
          }
          if (c.scenario === FREE_PLAY) return show({ id: FREE_PLAY, scenario: null });
          if (!isLibraryId(c.scenario)) return `scenario: unknown scenario ${JSON.stringify(c.scenario.slice(0, 40))}; allowed: ${CATALOG_IDS.join(', ')}`;
          // the scenario's body is a chunk of its own; a failed fetch is answered like any bad command
          return loadScenario(c.scenario).then(
            (s) => show({ id: s.id, scenario: s }),
            (e: unknown) => `scenario: could not load ${JSON.stringify(c.scenario)}: ${e instanceof Error ? e.message : String(e)}`,
          );
        }
      }
    },
    [controls, setLang, setTheme],
  );

  useFrameBridge({ scenarioId: shown.id, lang, origins: d.origins, run });

  // every chunk that failed, as one notice in the embed's flow (below the note, above the diagrams,
  // which give way): never over the title or the note, and one Try again asks for each again
  const failures: Failure[] = [];
  if (!engine && engineError !== null) failures.push({ what: t('lazy.engine'), error: engineError, retry: want });
  // the embed stays whole in its language; Try again switches once the texts are here
  if (langFailed) failures.push({ what: t(LANG_TEXTS[langFailed.lang]), error: langFailed.error, retry: () => setLang(langFailed.lang) });
  const dismissal = useDismissal();
  const notice = <LoadFailures failures={failures} dismissible dismissal={dismissal} />;

  const body = (sim: SimState, stage?: Stage) => <EmbedBody url={url} problems={problems} shown={shown} sim={sim} controls={controls} theme={theme} lang={lang} notice={notice} stage={stage} />;
  return (
    <I18nContext.Provider value={i18n}>
      {engine ? (
        <LiveSim engine={engine} config={config} init={init} attach={attach} render={body} />
      ) : (
        body(picture ? staticSim(picture, url, (scenario?.notes.length ?? 0) > 0) : LOADING_SIM)
      )}
    </I18nContext.Provider>
  );
}

/** The simulation itself, once the engine is here: its controls replace the queue, its player's events go to the host. */
function LiveSim({ engine, config, init, attach, render }: { engine: Engine; config: SimConfig; init: SimInit; attach: (c: SimControls) => void; render: (s: SimState, stage: Stage) => ReactNode }) {
  const [sim, controls, actor] = engine.useSimulation(config, init);
  // the stage moves as in the app; a first picture (nothing in motion) is drawn without it
  const stage = engine.useStage(sim.view, sim.displayTime);
  usePlayerEvents(actor);
  // before the browser paints: what was asked while the engine loaded is done at once, in order
  useLayoutEffect(() => attach(controls), [attach, controls]);
  return render(sim, stage);
}

/** What is drawn until the engine is live when no build-time picture fits the link (never seen for long: it loads at once). */
const LOADING_SIM: SimState = staticSim(PICTURES.free!, { speed: 1 }, false);

/** Parameters that change what a fresh run shows: with any of them the engine is needed for the first picture. */
const NEEDS_ENGINE = ['t', 'a', 'k', 's', 'lesson', 'profile'];

function firstPictureFor(url: UrlState, shown: Shown): FirstPicture | null {
  const q = typeof location === 'undefined' ? new URLSearchParams() : new URLSearchParams(location.search);
  if (NEEDS_ENGINE.some((k) => q.has(k)) || url.docs.custom || url.t !== 0 || (url.actions?.length ?? 0) > 0 || Object.keys(url.knobs).length > 0) return null;
  if (shown.id !== FREE_PLAY && !shown.scenario) return null;
  return PICTURES[shown.id] ?? null;
}

interface BodyProps {
  url: UrlState;
  problems: readonly UrlProblem[];
  shown: Shown;
  sim: SimState;
  controls: SimControls;
  theme: Theme;
  lang: Lang;
  /** the load-failure notice (nothing when all loaded) */
  notice: ReactNode;
  /** the diagram's tokens and chips in motion, once the engine is live */
  stage?: Stage;
}

/** The embed's layout, drawn from a simulation state: the live one, or the build-time first picture. */
function EmbedBody({ url, problems, shown, sim, controls, theme, lang, notice, stage }: BodyProps) {
  const d = url.docs;
  const t = translator(lang);
  const scenario = shown.scenario;
  const notes = scenario?.notes ?? NO_NOTES;
  const { view, displayTime } = sim;
  useVisibleAutoplay(url.autoplay, sim.playing, controls.play, controls.pause);
  const noteIndex = sim.noteIndex;
  const note = noteIndex >= 0 ? notes[noteIndex] : undefined;

  const lastEdge = useMemo(() => lastEdgeOf(view.trace), [view.trace]);
  const fullAppHref = useMemo(() => {
    // packs only the link's own knobs and actions: lazy/boot.tsx fetched lz-string for those (../lz.ts)
    const q = serializeUrl({
      ...url,
      scenario: shown.s ? FREE_PLAY : shown.id,
      lang,
      t: displayTime,
      autoplay: false,
      embed: false,
      docs: { view: 'sim', controls: 'full', origins: [], s: shown.s, custom: shown.s ? (scenario ?? undefined) : undefined, theme: theme === 'auto' ? undefined : theme },
    });
    return `${location.pathname}${q}`;
  }, [url, shown, lang, displayTime, theme, scenario]);

  const level = d.controls;
  const status = sim.status;
  const style = d.height ? { height: `${d.height}px` } : undefined;
  const speedIdx = SPEEDS.indexOf(sim.speed);
  const openLink = (
    <a className="embed-open" href={fullAppHref} target="_blank" rel="noopener noreferrer" title={t('embed.openTitle')} aria-label={t('embed.openTitle')} data-testid="open-full">
      <span className="embed-open-text">{t('embed.open')}</span> <span aria-hidden="true">↗</span>
    </a>
  );

  return (
    <>
      <div className={`embed embed--controls-${level}`} style={style} data-testid="app" data-embed="1">
        <header className="embed-head">
          <h1 className="embed-title">{scenario ? scenario.title[lang] : t('header.free')}</h1>
          {level === 'none' && openLink}
        </header>
        {problems.length > 0 && (
          <div className="embed-alert" role="alert" data-testid="url-problems">
            <strong>{t('url.alertTitle')}</strong>
            <ul>
              {problems.map((p, i) => (
                <li key={i}>{p.kind === 'bad' ? t('url.bad', { param: p.param, value: p.value, allowed: p.allowed }) : t('url.unknown', { param: p.param, allowed: p.allowed })}</li>
              ))}
            </ul>
          </div>
        )}
        {sim.error && (
          <div className="embed-alert" role="alert" data-testid="sim-error">
            {sim.error}
          </div>
        )}
        <p className="embed-note" data-testid="note" data-at={note?.at ?? ''} data-index={note ? noteIndex : ''} aria-live="polite">
          {note ? note.text[lang] : status === 'ended' ? t('embed.ended') : scenario ? scenario.summary[lang] : t('story.free')}
        </p>
        {notice}
        {/* the peers' states in words, for screen readers (the pictures show them) */}
        <p className="visually-hidden" aria-live="off">
          {(['client', 'server'] as const).map((p) => (
            <span key={p} data-testid={`peer-${p}`} data-tcp-state={view.peers[p].state}>
              {t(p === 'client' ? 'peer.Client' : 'peer.Server')}: {view.peers[p].state}.{' '}
            </span>
          ))}
        </p>
        <div className="embed-diagrams">
          <section className="embed-cell embed-cell--state" aria-label={t('diagram.state')}>
            <ErrorBoundary label={t('diagram.state')}>
              <StateDiagram clientState={view.peers.client.state} serverState={view.peers.server.state} lastEdge={lastEdge} lang={lang} selected={null} onSelect={noop} moves={stage?.moves} moveTime={stage?.moveTime} flights={stage?.flights} world={stage?.world} reducedMotion={stage?.reducedMotion} speed={sim.speed} pace={sim.pace} />
            </ErrorBoundary>
          </section>
          <section className="embed-cell embed-cell--seq" aria-label={t('diagram.sequence')}>
            <ErrorBoundary label={t('diagram.sequence')}>
              <SequenceDiagram view={view} displayTime={displayTime} relative lang={lang} selectedSegment={null} onSelectSegment={noop} running={sim.playing} />
            </ErrorBoundary>
          </section>
        </div>
        {level === 'none' ? (
          <span className="visually-hidden" data-testid="player" data-status={status}>
            <span data-testid="sim-time" data-seconds={String(Math.round(displayTime * 1000) / 1000)} />
          </span>
        ) : (
          <div className="embed-bar" role="toolbar" aria-label={t('embed.controls')} data-testid="player" data-status={status}>
            <button type="button" className="primary embed-play" data-testid="play" aria-pressed={sim.playing} onClick={controls.toggle}>
              <PlayerIcon d={sim.playing ? ICON.pause : ICON.play} /> <span className="embed-btn-text">{sim.playing ? t('embed.pause') : t('embed.play')}</span>
            </button>
            {level === 'full' && (
              <>
                <button type="button" data-testid="step" disabled={view.nextEventAt === null} onClick={controls.step} title={t('embed.step')} aria-label={t('embed.step')}>
                  <PlayerIcon d={ICON.step} /> <span className="embed-btn-text">{t('embed.step')}</span>
                </button>
                {notes.length > 0 && (
                  <button type="button" data-testid="next-note" disabled={noteIndex >= notes.length - 1} onClick={controls.next} title={t('embed.nextNote')} aria-label={t('embed.nextNote')}>
                    <PlayerIcon d={ICON.next} /> <span className="embed-btn-text">{t('embed.nextNote')}</span>
                  </button>
                )}
                <label className="embed-speed" title={t('embed.speed')}>
                  <span className="visually-hidden">{t('embed.speed')}</span>
                  <select data-testid="speed" value={speedIdx < 0 ? 3 : speedIdx} onChange={(e) => controls.setSpeed(SPEEDS[Number(e.target.value)] ?? 1)}>
                    {SPEEDS.map((s, i) => (
                      <option key={s} value={i}>
                        {s}×
                      </option>
                    ))}
                  </select>
                </label>
              </>
            )}
            <span className="embed-time" data-testid="sim-time" data-seconds={String(Math.round(displayTime * 1000) / 1000)}>
              {t('seconds', { t: displayTime.toFixed(2) })}
            </span>
            {notes.length > 0 && level === 'full' && (
              <span className="embed-count muted">{t('embed.notes', { i: Math.max(0, noteIndex + 1), n: notes.length })}</span>
            )}
            {openLink}
          </div>
        )}
      </div>
    </>
  );
}

function noop(): void {}
