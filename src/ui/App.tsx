import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CATALOG, CATALOG_IDS, cachedScenario, loadScenario } from '../scenarios/catalog.ts';
import type { StepAction } from '../sim/config.ts';
import type { Scenario } from '../scenarios/index.ts';
import type { PeerName } from '../sim/types.ts';
import { PROFILES, resolveKnobs } from '../tcp/knobs.ts';
import type { Knobs, Profile } from '../tcp/knobs.ts';
import type { TcpState } from '../tcp/states.ts';
import { SequenceDiagram, StateDiagram, StateInfo } from './diagramsBridge.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { useEvent } from './useEvent.ts';
import { LastEdgeTracker } from './lastEdge.ts';
import { I18nContext, initialLang, translator } from './i18n/index.ts';
import { useLang } from './i18n/useLang.ts';
import { LoadFailures } from './lazy/LoadFailed.tsx';
import { Notices } from './lazy/Notices.tsx';
import { lazyPanel } from './lazy/lazyPanel.tsx';
import { OnOpen } from './lazy/OnOpen.tsx';
import { UpdateNotice } from './pwa/UpdateNotice.tsx';
import { LANG_TEXTS, LangSwitch } from './LangSwitch.tsx';
import { CapturePanel } from './capture/CapturePanel.tsx';
import { ClockPanel } from './panels/ClockPanel.tsx';
import { EventLog } from './panels/EventLog.tsx';
import { Inspector } from './panels/Inspector.tsx';
import { NetworkPanel } from './panels/NetworkPanel.tsx';
import { PeersPanel } from './panels/PeersPanel.tsx';
import { ScenarioPanel } from './panels/ScenarioPanel.tsx';
import { TimersPanel } from './panels/TimersPanel.tsx';
import { usePaced } from './panels/usePaced.ts';
import { usePresenter } from './present/usePresenter.ts';
import './present/present.css';
import { spotlightStates } from './present/spotlight.ts';
import { useKeyboard } from './sim/useKeyboard.ts';
import { useTheme } from './theme/useTheme.ts';
import { ThemePicker } from './theme/ThemePicker.tsx';
import { useDeferredSimulation } from './sim/useDeferredSimulation.tsx';
import { useStage } from './diagrams/useStage.ts';
import { noteFocus, notedSegments } from './noteFocus.ts';
import { FREE_PLAY, parseUrl, serializeUrl } from './url.ts';
import { storyLadder, useStoryAxis } from './fleet/storyAxis.ts';
import { encodeScenario } from './docs/scenarioLink.ts';
import { whenLz } from './lz.ts';
import type { UrlProblem } from './url.ts';

const NO_KNOBS: Record<string, number> = {};
/** Panels that draw nothing per frame: memoized, so a clock tick passes them by. */
const Capture = memo(CapturePanel);
/** the scenario editor is a chunk of its own, fetched when its panel is first opened */
const ScenarioEditor = lazyPanel(() => import('./docs/ScenarioEditor.tsx').then((m) => m.ScenarioEditor), ['editor']);
/** the knobs sit in a closed <details>: their table is fetched when it is first opened */
const KnobsPanel = lazyPanel(() => import('./panels/KnobsPanel.tsx').then((m) => m.KnobsPanel), ['knobs']);
/** segment labels in presenter mode (SVG units; present.css sets the same size) */
const PRESENT_LABEL_FONT = 19;
/**
 * From this speed up, while the clock runs, the side panels (peer cards, timers, inspector) are
 * redrawn at most every SIDE_PACE_MS of wall time: their numbers change on every frame, faster than
 * anyone reads them, and redrawing them cost a render, commit and layout per frame. The peers'
 * `data-tcp-state` stays exact on every frame; paused, stepped or sought, all is current at once.
 */
const SIDE_PACE_SPEED = 100;
const SIDE_PACE_MS = 150;
/** the picker's value for a scenario of the user's own (from `s=`, the editor or a file) */
const CUSTOM = '~custom';

function readUrl() {
  const search = typeof location !== 'undefined' ? location.search : '';
  return parseUrl(search, CATALOG_IDS);
}

export function App() {
  const [url] = useState(readUrl);
  const init = url.state;
  // main.tsx loaded this language's texts and the link's scenario before the first render
  const { lang, setLang, failed: langFailed } = useLang(init.lang ?? initialLang());
  const [loadFailed, setLoadFailed] = useState<{ id: string; error: unknown } | null>(null);
  const [custom, setCustom] = useState<Scenario | null>(init.docs.custom ?? null);
  const [scenarioId, setScenarioId] = useState(init.docs.custom ? CUSTOM : init.scenario);
  const scenario: Scenario | null = scenarioId === CUSTOM ? custom : scenarioId === FREE_PLAY ? null : (cachedScenario(scenarioId) ?? null);
  const [profile, setProfile] = useState<Profile>(init.profile ?? scenario?.profile ?? 'linux');
  const [knobs, setKnobs] = useState<Record<string, number>>(init.knobs);
  const [problems] = useState<UrlProblem[]>(url.problems);
  const embed = init.embed;

  // drawn from the build-time first picture until the engine is here (fetched on first use)
  const { sim, controls, host: engineHost, engineError, want: retryEngine } = useDeferredSimulation(
    { scenario, profile, knobs },
    { t: init.t, speed: init.speed, autoplay: init.autoplay, actions: init.actions, pace: init.pace, lesson: init.lesson },
    scenarioId,
  );
  const { view, displayTime } = sim;
  // a fleet connection's story draws its crowded first moments spread apart (storyAxis.ts)
  const storyAxis = useStoryAxis(scenario, view);
  const ladder = useMemo(() => storyLadder(storyAxis, view, displayTime, lang), [storyAxis, view, displayTime, lang]);
  const replayError = sim.replayError;
  const allProblems = useMemo<UrlProblem[]>(() => {
    if (!replayError) return problems;
    const raw = new URLSearchParams(typeof location !== 'undefined' ? location.search : '').get('a') ?? '';
    const value = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
    const allowed = `user actions the simulation accepts when replayed in order; a[${replayError.index}] (t = ${replayError.entry.at}) was refused: ${replayError.detail}`;
    return [...problems, { kind: 'bad', param: 'a', value, allowed }];
  }, [problems, replayError]);

  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  const t = i18n.t;
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, t]);

  const [selectedState, setSelectedState] = useState<TcpState | null>(null);
  const [selectedSegment, setSelectedSegment] = useState<number | null>(null);
  const [relative, setRelative] = useState(true);
  const [copyStatus, setCopyStatus] = useState<string>('');

  const trace = view.trace;
  const [edgeTracker] = useState(() => new LastEdgeTracker());
  const lastEdge = useMemo(() => edgeTracker.update(trace), [edgeTracker, trace]);
  // the state diagram's tokens and chips in motion (the embed computes the same with its engine)
  const { moves, moveTime, flights, world: chipsOfWorld, reducedMotion } = useStage(view, displayTime);

  const effective: Knobs = useMemo(() => {
    try {
      return resolveKnobs(profile, { ...(scenario?.set ?? {}), ...knobs });
    } catch {
      return resolveKnobs(profile, {});
    }
  }, [profile, scenario, knobs]);

  const keepalive = useMemo<Record<PeerName, boolean>>(
    () => ({ client: view.peers.client.keepalive, server: view.peers.server.keepalive }),
    [view.peers.client.keepalive, view.peers.server.keepalive],
  );

  const noteIndex = sim.noteIndex;
  // what the note shown names is highlighted on the state diagram
  const shownNote = noteIndex >= 0 ? scenario?.notes[noteIndex] : undefined;
  const focus = useMemo(() => (shownNote ? noteFocus(shownNote.text[lang], lang, shownNote.at) : null), [shownNote, lang]);
  const noted = focus?.states;
  const ladderNoted = useMemo(
    () => (focus && shownNote ? { segments: notedSegments(view.segments, focus.flags, shownNote.at), peers: focus.peers, timers: focus.timers } : undefined),
    [focus, shownNote, view.segments],
  );

  const chooseScenario = (id: string) => {
    setLoadFailed(null);
    if (id !== CUSTOM && id !== FREE_PLAY && !cachedScenario(id)) {
      // the scenario's body is a chunk of its own: switch once it is here
      loadScenario(id).then(
        () => chooseScenario(id),
        (error: unknown) => setLoadFailed({ id, error }),
      );
      return;
    }
    const s = id === CUSTOM ? custom : id === FREE_PLAY ? null : (cachedScenario(id) ?? null);
    const p = s?.profile ?? 'linux';
    if (!controls.configure({ scenario: s, profile: p, knobs: {} }, false)) return;
    setScenarioId(id);
    setProfile(p);
    setKnobs({});
    setSelectedSegment(null);
  };
  const useCustom = useCallback(
    (s: Scenario): boolean => {
      const p = s.profile ?? 'linux';
      if (!controls.configure({ scenario: s, profile: p, knobs: {} }, false)) return false;
      setCustom(s);
      setScenarioId(CUSTOM);
      setProfile(p);
      setKnobs({});
      setSelectedSegment(null);
      return true;
    },
    [controls],
  );
  // encoded once per scenario, not on every frame; and only when a link is made (under whenLz: the
  // codec may not be here yet, and a page that never makes a link of its own scenario never needs it)
  const customS = useMemo(() => {
    let packed: string | undefined;
    return () => (custom ? (packed ??= encodeScenario(custom)) : undefined);
  }, [custom]);
  const chooseProfile = (p: Profile) => {
    if (controls.configure({ scenario, profile: p, knobs }, true)) setProfile(p);
  };
  const changeKnobs = useCallback(
    (k: Record<string, number>) => {
      if (controls.configure({ scenario, profile, knobs: k }, true)) setKnobs(k);
    },
    [controls, scenario, profile],
  );

  const shareUrl = useCallback(() => {
    const lesson = sim.lesson === (scenario?.notes.length ?? 0) > 0 ? undefined : sim.lesson;
    const own = scenarioId === CUSTOM ? customS() : undefined;
    const docs = { view: 'sim' as const, controls: 'full' as const, origins: [], s: own };
    const q = serializeUrl({ scenario: own ? FREE_PLAY : scenarioId, profile, lang, speed: sim.speed, t: displayTime, autoplay: false, embed, knobs, actions: sim.journal, lesson, pace: sim.pace, docs });
    return `${location.origin}${location.pathname}${q}`;
  }, [scenarioId, scenario, customS, profile, lang, sim.speed, sim.lesson, sim.pace, displayTime, embed, knobs, sim.journal]);

  // the first link that packs something (a knob, a hand action, an own scenario) fetches lz-string
  // (lz.ts); a failed fetch is shown with Try again. After a failure only Try again or Copy link
  // fetch it again: offline, every step would otherwise start a fetch bound to fail
  const [lzError, setLzError] = useState<unknown>(null);

  // data-copy-url (the link "Copy link" would give) is rebuilt when the clock stands still, not on
  // every frame of playback: a link carries every hand action, so building it is not free
  const settled = sim.status !== 'playing' && sim.status !== 'seeking';
  const appRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!settled || lzError !== null) return;
    let live = true;
    // once the browser is idle: opening a long link must not wait for its own link to be rebuilt
    const write = () => {
      whenLz(shareUrl).then(
        (link) => {
          if (live && appRef.current) appRef.current.dataset.copyUrl = link;
        },
        (e: unknown) => live && setLzError(e),
      );
    };
    if (typeof requestIdleCallback === 'undefined') {
      const id = setTimeout(write, 50);
      return () => {
        live = false;
        clearTimeout(id);
      };
    }
    const id = requestIdleCallback(write, { timeout: 500 });
    return () => {
      live = false;
      cancelIdleCallback(id);
    };
  }, [settled, shareUrl, lzError]);

  const copyLink = async () => {
    let link: string;
    try {
      link = await whenLz(shareUrl);
    } catch (e) {
      setLzError(e);
      setCopyStatus(t('header.copyFailed'));
      return;
    }
    history.replaceState(null, '', link);
    try {
      await navigator.clipboard.writeText(link);
      setCopyStatus(t('header.copied'));
    } catch {
      setCopyStatus(t('header.copyFailed'));
    }
  };

  const inLesson = sim.lesson && (scenario?.notes.length ?? 0) > 0;
  useKeyboard(controls, inLesson);
  const [theme, setTheme] = useTheme(init.docs.theme);
  // presenter: next/previous note in a lesson, next/previous event in free play
  // A socket call while the clock stands still is made at once, but nothing moves until Play:
  // say so next to the Play button until the clock moves (or play starts).
  const [hintAt, setHintAt] = useState<number | null>(null);
  const playing = sim.status === 'playing';
  // read through a ref so that the callback (and the panels given it) stay the same from frame to frame
  const clockRef = useRef({ playing, displayTime });
  useEffect(() => {
    clockRef.current = { playing, displayTime };
  });
  const perform = useCallback(
    (a: StepAction) => {
      const ok = controls.perform(a);
      if (ok && !clockRef.current.playing) setHintAt(clockRef.current.displayTime);
      return ok;
    },
    [controls],
  );
  const pausedHint = hintAt !== null && !playing && Math.abs(hintAt - displayTime) < 1e-9;
  // the side panels' view: exact when the clock stands still or runs slowly, paced at high speed
  const sideNow = useMemo(() => ({ peers: view.peers, timers: view.timers, segments: view.segments, time: displayTime }), [view.peers, view.timers, view.segments, displayTime]);
  const side = usePaced(sideNow, playing && sim.speed >= SIDE_PACE_SPEED, SIDE_PACE_MS);
  const clientState = view.peers.client.state;
  const serverState = view.peers.server.state;
  const peerStates = useMemo<Record<PeerName, TcpState>>(() => ({ client: clientState, server: serverState }), [clientState, serverState]);
  const getTrace = useEvent(() => view.trace);
  const presenterActions = useMemo(() => (inLesson ? { next: controls.next, prev: controls.prev } : { next: controls.step, prev: controls.back }), [inLesson, controls]);
  const presenter = usePresenter(init.present ?? false, presenterActions);
  const note = scenario && noteIndex >= 0 ? scenario.notes[noteIndex] : undefined;
  const spotlight = spotlightStates(note?.text.en, [view.peers.client.state, view.peers.server.state]);

  const onSeek = useCallback((time: number) => controls.seek(time), [controls]);

  // the header changes with the language, scenario, profile, theme or copy status, not with the
  // clock: built once per change, its handlers stable (useEvent), so a frame of playback skips it
  const onScenario = useEvent(chooseScenario);
  const onProfile = useEvent(chooseProfile);
  const onLang = useEvent(setLang);
  const onTheme = useEvent(setTheme);
  const onPresent = useEvent(presenter.enter);
  const onCopy = useEvent(copyLink);
  const header = useMemo(
    () => (
      <header className="top">
        <a className="skip" href="#controls">
          {t('app.skip')}
        </a>
        <h1>{t('app.title')}</h1>
        {/* one row on a desk or projector; below 1200 px the title and the links share the first row (app.css) */}
        <div className="top-controls">
          <label className="top-scenario">
            <span className="top-label">{t('header.scenario')}</span>
            <select data-testid="scenario-picker" value={scenarioId} onChange={(e) => onScenario(e.target.value)}>
              <option value={FREE_PLAY}>{t('header.free')}</option>
              {custom && <option value={CUSTOM}>{t('editor.own', { title: custom.title[lang] })}</option>}
              {CATALOG.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title[lang]}
                </option>
              ))}
            </select>
          </label>
          <div className="seg-switch" role="group" aria-label={t('header.profile')} title={t('header.profile')}>
            <span className="muted top-label">{t('header.profile')}</span>
            {PROFILES.map((p) => (
              <button key={p} type="button" aria-pressed={profile === p} data-testid={`profile-${p}`} onClick={() => onProfile(p)}>
                {p}
              </button>
            ))}
          </div>
          <LangSwitch lang={lang} onLang={onLang} />
          <ThemePicker theme={theme} onChange={onTheme} />
          <button type="button" data-testid="present-toggle" title={t('present.enterTitle')} onClick={onPresent}>
            {t('present.enter')}
          </button>
          <button type="button" data-testid="copy-link" onClick={onCopy}>
            {t('header.copy')}
          </button>
          <span role="status" className="muted small copy-status">
            {copyStatus}
          </span>
        </div>
        <nav className="top-nav" aria-label={t('header.nav')}>
          <a href={`?view=fleet&lang=${lang}`} data-testid="nav-fleet" title={t('fleet.navTitle')}>
            {t('fleet.nav')}
          </a>
          <a href={`?view=packetdrill&lang=${lang}`} data-testid="open-packetdrill" title={t('pkt.headerTitle')}>
            {t('pkt.header')}
          </a>
        </nav>
        <UpdateNotice inline />
      </header>
    ),
    [t, lang, scenarioId, custom, profile, theme, copyStatus, onScenario, onProfile, onLang, onTheme, onPresent, onCopy],
  );

  return (
    <I18nContext.Provider value={i18n}>
      <div
        className={`app ${embed ? 'embed' : ''} ${presenter.on ? 'present' : ''} ${presenter.sockets ? 'sockets-open' : ''}`}
        data-testid="app"
        ref={appRef}
        data-present={presenter.on ? '1' : undefined}
        data-spotlight={presenter.on ? spotlight.join(' ') : undefined}
      >
        {presenter.blank && (
          <div className="blank" data-testid="blank" role="status">
            <span className="visually-hidden">{t('present.blank')}</span>
          </div>
        )}
        {!embed && header}

        {allProblems.length > 0 && (
          <div className="alert" role="alert" data-testid="url-problems">
            <strong>{t('url.alertTitle')}</strong>
            <ul>
              {allProblems.map((p, i) => (
                <li key={i}>{p.kind === 'bad' ? t('url.bad', { param: p.param, value: p.value, allowed: p.allowed }) : t('url.unknown', { param: p.param, allowed: p.allowed })}</li>
              ))}
            </ul>
          </div>
        )}
        {engineHost}
        {embed && <UpdateNotice />}
        <Notices top={embed}>
          {/* every chunk that failed in one notice, with one Try again: the stack over the page stays one notice high */}
          <LoadFailures
            failures={[
              ...(engineError !== null ? [{ what: t('lazy.engine'), error: engineError, retry: retryEngine }] : []),
              ...(loadFailed ? [{ what: t('lazy.scenario', { id: loadFailed.id }), error: loadFailed.error, retry: () => chooseScenario(loadFailed.id) }] : []),
              ...(langFailed ? [{ what: t(LANG_TEXTS[langFailed.lang]), error: langFailed.error, retry: () => setLang(langFailed.lang) }] : []),
              ...(lzError !== null ? [{ what: t('lazy.link'), error: lzError, retry: () => setLzError(null) }] : []),
            ]}
            dismissible
          />
          {sim.error && (
            <div className="alert" role="alert" data-testid="sim-error">
              <strong>{t('error.title')}:</strong> {sim.error}{' '}
              <button type="button" onClick={controls.dismissError}>
                {t('error.dismiss')}
              </button>
            </div>
          )}
        </Notices>

        <main className="layout">
          <div className="main-col">
            <ScenarioPanel scenario={scenario} noteIndex={noteIndex} status={sim.status} lesson={sim.lesson} controls={controls} atNote={noteIndex >= 0 && Math.abs(displayTime - (scenario?.notes[noteIndex]?.at ?? NaN)) < 5e-4} />
            {presenter.on && (
              <div className="present-tools" role="toolbar" aria-label={t('present.keys')}>
                <button type="button" data-testid="present-prev" onClick={presenterActions.prev}>
                  {t('present.prev')}
                </button>
                <button type="button" className="primary" data-testid="present-next" onClick={presenterActions.next}>
                  {t('present.next')}
                </button>
                <button type="button" data-testid="present-sockets" aria-pressed={presenter.sockets} onClick={presenter.toggleSockets}>
                  {t('present.sockets')}
                </button>
                <button type="button" data-testid="present-exit" onClick={presenter.leave}>
                  {t('present.exit')}
                </button>
              </div>
            )}
            <div className="diagrams">
              <section className="panel diagram" aria-label={t('diagram.state')}>
                <h2 className="visually-hidden">{t('diagram.state')}</h2>
                <ErrorBoundary label={t('diagram.state')}>
                <StateDiagram clientState={view.peers.client.state} serverState={view.peers.server.state} lastEdge={lastEdge} lang={lang} selected={selectedState} onSelect={setSelectedState} moves={moves} moveTime={moveTime} flights={flights} world={chipsOfWorld} reducedMotion={reducedMotion} speed={sim.speed} pace={sim.pace} noted={noted} />
                {selectedState && (
                  <div className="sheet si-sheet">
                    <StateInfo state={selectedState} lang={lang} onClose={() => setSelectedState(null)} />
                  </div>
                )}
                </ErrorBoundary>
              </section>
              <section className="panel diagram" aria-label={t('diagram.sequence')}>
                <h2 className="visually-hidden">{t('diagram.sequence')}</h2>
                <ErrorBoundary label={t('diagram.sequence')}>
                  <SequenceDiagram key={storyAxis ? 'story' : 'plain'} view={ladder.view} displayTime={ladder.displayTime} nowText={ladder.nowText} relative={relative} lang={lang} selectedSegment={selectedSegment} onSelectSegment={setSelectedSegment} epoch={sim.epoch} labelFont={presenter.on ? PRESENT_LABEL_FONT : undefined} textFont={presenter.on ? PRESENT_LABEL_FONT : undefined} noted={ladderNoted} running={playing} />
                </ErrorBoundary>
              </section>
            </div>
            <div className="under">
              <EventLog trace={view.trace} base={view.traceBase} onSeek={onSeek} playing={playing} />
              {!embed && <Inspector segments={side.segments} selected={selectedSegment} relative={relative} onSelect={setSelectedSegment} onRelative={setRelative} />}
            </div>
          </div>
          <div className="side-col" id="controls" tabIndex={-1}>
            <ClockPanel
              time={displayTime}
              status={sim.status}
              speed={sim.speed}
              pace={sim.pace}
              lesson={sim.lesson && (scenario?.notes.length ?? 0) > 0}
              horizon={sim.horizon}
              canStepBack={sim.canStepBack}
              nextEventAt={view.nextEventAt}
              nextTimerAt={view.nextTimerAt}
              controls={controls}
              pausedHint={pausedHint}
            />
            <PeersPanel peers={side.peers} states={peerStates} keepalive={keepalive} perform={perform} noted={focus?.peers} />
            <TimersPanel timers={side.timers} now={side.time} noted={focus?.timers} />
            {!embed && <NetworkPanel link={view.link} perform={controls.perform} />}
            {!embed && (
              <OnOpen className="panel-details" summary={<summary>{t('knobs.title')}</summary>}>
                {() => <KnobsPanel profile={profile} effective={effective} scenarioSet={(scenario?.set ?? NO_KNOBS) as Record<string, number>} overrides={knobs} onChange={changeKnobs} />}
              </OnOpen>
            )}
            {!embed && (
              <OnOpen className="panel-details" summary={<summary data-testid="editor-open">{t('editor.title.panel')}</summary>}>
                {() => <ScenarioEditor key={scenarioId === CUSTOM ? `custom-${custom?.id}` : scenarioId} base={scenario} profile={profile} knobs={knobs} journal={sim.journal} time={displayTime} appUrl={`${location.origin}${location.pathname}`} onUse={useCustom} />}
              </OnOpen>
            )}
            {!embed && <Capture getTrace={getTrace} mss={effective.mss} scenario={scenarioId} profile={profile} />}
          </div>
        </main>
      </div>
    </I18nContext.Provider>
  );
}
