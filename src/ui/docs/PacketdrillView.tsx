/**
 * `?view=packetdrill`: paste, open or pick a packetdrill script, choose the profile, and run it
 * with the CLI's own parser and runner. The verdict is the CLI's (PASS, or FAIL at a line with the
 * reason, the line highlighted in the listing). The run is drawn with the app's own diagrams: the
 * stack under test is one lane, the script's peer the other (its states inferred by the engine,
 * pktPicture.ts), and the player steps through it, marking the script line each step belongs to.
 * `pkt=` carries a script in a link (it runs on opening); `embed=1` gives a compact page.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
// the page packs its own link as it renders: the codec comes with its chunk (../lz.ts)
import { codec } from '../lzCodec.ts';
import { PROFILES } from '../../tcp/knobs.ts';
import type { Profile } from '../../tcp/knobs.ts';
import { SequenceDiagram, StateDiagram } from '../diagramsBridge.ts';
import { flightsAt, onTheWire, peerMoves, worldChips } from '../diagrams/stageTokens.ts';
import { ErrorBoundary } from '../ErrorBoundary.tsx';
import { UpdateNotice } from '../pwa/UpdateNotice.tsx';
import { I18nContext, initialLang, translator } from '../i18n/index.ts';
import { useLang } from '../i18n/useLang.ts';
import { LANG_TEXTS, LangSwitch } from '../LangSwitch.tsx';
import { LoadFailed } from '../lazy/LoadFailed.tsx';
import { Notices } from '../lazy/Notices.tsx';
import type { Translate } from '../i18n/index.ts';
import { ThemePicker } from '../theme/ThemePicker.tsx';
import { useTheme } from '../theme/useTheme.ts';
import type { UrlProblem, UrlState } from '../url.ts';
import { PKT_EXAMPLES } from './pktExamples.ts';
import type { PktPicture } from './pktPicture.ts';
import { FLIGHT, pktPicture } from './pktPicture.ts';
import { reasonLine, runPkt, verdictLine } from './pktRun.ts';
import type { PktResult } from './pktRun.ts';
import { pktView } from './pktView.ts';
import type { PktPlayer } from './usePktPlayer.ts';
import { usePktPlayer } from './usePktPlayer.ts';
import { useVisibleAutoplay } from './useVisibleAutoplay.ts';
import { usePlayerKeys } from '../sim/playerKeys.ts';
import './packetdrill.css';
import { ICON, PlayerIcon } from './PlayerIcon.tsx';

const NO_STOPS: readonly number[] = [];
const noop = () => {};

export function PacketdrillView({ url, problems }: { url: UrlState; problems: readonly UrlProblem[] }) {
  // a full page switches language in place; an embed keeps its link's (its host sets it)
  const { lang, setLang, failed: langFailed } = useLang(url.lang ?? initialLang(), !url.embed);
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  const t = i18n.t;
  const embed = url.embed;
  const linked = url.docs.pkt !== undefined;
  const [name, setName] = useState(linked ? 'linked.pkt' : PKT_EXAMPLES[0]!.name);
  const [text, setText] = useState(url.docs.pkt ?? PKT_EXAMPLES[0]!.text);
  const [profile, setProfile] = useState<Profile>(url.profile ?? 'linux');
  // a script that came in a link runs at once: the reader came to see it
  const [result, setResult] = useState<PktResult | null>(() => (linked ? runPkt(url.docs.pkt!, url.profile ?? 'linux', 'linked.pkt') : null));
  const [status, setStatus] = useState('');
  const [theme, setTheme] = useTheme(url.docs.theme, !embed);
  const listing = useRef<HTMLOListElement>(null);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('pkt.title');
  }, [lang, t]);

  const picture = useMemo(() => (result?.steps ? pktPicture(result.steps, profile) : null), [result, profile]);
  const stops = useMemo(() => picture?.stops.map((s) => s.at) ?? NO_STOPS, [picture]);
  const player = usePktPlayer(stops, picture?.end ?? 0, picture);
  useVisibleAutoplay(url.autoplay && picture !== null, player.playing, player.play, player.pause);
  const stop = picture ? currentStop(picture, player.time) : null;
  const failLine = result?.status === 'fail' ? (result.line ?? 1) : -1;
  const nowLine = stop?.line ?? -1;

  const run = () => setResult(runPkt(text, profile, name));
  // keep the line being run (or the failing one) in view: scroll the listing itself, never the page that embeds us
  const focusLine = nowLine > 0 ? nowLine : failLine;
  useEffect(() => {
    const el = listing.current;
    if (!el || focusLine < 1) return;
    const li = el.children[focusLine - 1] as HTMLElement | undefined;
    if (!li) return;
    const top = li.offsetTop - el.offsetTop;
    if (top < el.scrollTop || top + li.offsetHeight > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, top - el.clientHeight / 3);
  }, [focusLine, result]);

  const edit = (v: string) => {
    setText(v);
    setResult(null);
  };
  const pick = (n: string) => {
    const ex = PKT_EXAMPLES.find((e) => e.name === n);
    if (!ex) return;
    setName(ex.name);
    edit(ex.text);
  };
  const open = (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    void f.text().then((v) => {
      setName(f.name);
      edit(v);
    });
  };
  const query = `?view=packetdrill&lang=${lang}${profile !== 'linux' ? `&profile=${profile}` : ''}&pkt=${codec.pack(text)}`;
  const link = `${location.origin}${location.pathname}${query}`;
  const copyLink = async () => {
    history.replaceState(null, '', link);
    try {
      await navigator.clipboard.writeText(link);
      setStatus(t('header.copied'));
    } catch {
      setStatus(t('header.copyFailed'));
    }
  };

  const lines = useMemo(() => text.split('\n'), [text]);

  return (
    <I18nContext.Provider value={i18n}>
      <div className={`pkt-view ${embed ? 'pkt-view--embed' : ''}`} data-testid="app" data-copy-url={link} data-theme-choice={theme}>
        <header className="pkt-head">
          <h1>{t('pkt.title')}</h1>
          {embed ? (
            <a className="embed-open" href={`${location.pathname}${query}`} target="_blank" rel="noopener noreferrer" title={t('pkt.openTitle')} data-testid="open-full">
              <span className="embed-open-text">{t('embed.open')}</span> <span aria-hidden="true">↗</span>
            </a>
          ) : (
            <>
              <LangSwitch lang={lang} onLang={setLang} />
              <ThemePicker theme={theme} onChange={setTheme} />
              <a href={`${location.pathname}?lang=${lang}`} data-testid="pkt-back">
                {t('pkt.back')}
              </a>
            </>
          )}
          <UpdateNotice inline />
        </header>
        {/* a language whose texts (its dictionary or this view's part of it) could not be fetched: the page stays in its language, whole */}
        {langFailed && (
          <Notices>
            <LoadFailed what={t(LANG_TEXTS[langFailed.lang])} error={langFailed.error} onRetry={() => setLang(langFailed.lang)} dismissible />
          </Notices>
        )}
        {problems.length > 0 && (
          <div className="alert" role="alert" data-testid="url-problems">
            <strong>{t('url.alertTitle')}</strong>
            <ul>
              {problems.map((p, i) => (
                <li key={i}>{p.kind === 'bad' ? t('url.bad', { param: p.param, value: p.value, allowed: p.allowed }) : t('url.unknown', { param: p.param, allowed: p.allowed })}</li>
              ))}
            </ul>
          </div>
        )}
        {!embed && <p className="muted small pkt-intro">{t('pkt.intro')}</p>}
        <div className="pkt-bar row">
          <label>
            <span className={embed ? 'visually-hidden' : undefined}>{t('pkt.example')}</span>
            <select data-testid="pkt-example" value={PKT_EXAMPLES.some((e) => e.name === name) ? name : ''} onChange={(e) => pick(e.target.value)}>
              {!PKT_EXAMPLES.some((e) => e.name === name) && <option value="">{name}</option>}
              {PKT_EXAMPLES.map((e) => (
                <option key={e.name} value={e.name}>
                  {e.name}
                </option>
              ))}
            </select>
          </label>
          <div className="seg-switch" role="group" aria-label={t('header.profile')}>
            {PROFILES.map((p) => (
              <button key={p} type="button" aria-pressed={profile === p} data-testid={`pkt-profile-${p}`} onClick={() => { setProfile(p); setResult(null); }}>
                {p}
              </button>
            ))}
          </div>
          {!embed && (
            <label className="file-btn">
              {t('pkt.open')}
              <input type="file" accept=".pkt,text/plain" data-testid="pkt-open" onChange={open} />
            </label>
          )}
          <button type="button" className="primary" data-testid="pkt-run" onClick={run}>
            {t('pkt.run')}
          </button>
          {!embed && (
            <button type="button" data-testid="pkt-copy-link" onClick={copyLink}>
              {t('header.copy')}
            </button>
          )}
          <span role="status" className="muted small">
            {status}
          </span>
        </div>
        {result && (
          <p className={`pkt-verdict pkt-verdict--${result.status}`} role="status" data-testid="pkt-verdict" data-status={result.status} data-line={result.line ?? ''}>
            {verdictLine(result, name, lang)}
          </p>
        )}
        <div className="pkt-main">
          <section className="panel pkt-script" aria-label={t('pkt.script')}>
            <h2>{t('pkt.script')}</h2>
            {result ? (
              <ol className="pkt-listing" ref={listing} data-testid="pkt-listing">
                {lines.map((l, i) => {
                  const n = i + 1;
                  const cls = [n === failLine ? 'pkt-line--fail' : '', n === nowLine ? 'pkt-line--now' : ''].filter(Boolean).join(' ');
                  return (
                    <li key={i} className={cls || undefined} data-line={n} data-testid={n === failLine ? 'pkt-fail-line' : undefined} data-now={n === nowLine ? 'true' : undefined} aria-current={n === nowLine ? 'step' : undefined}>
                      <code>{l || ' '}</code>
                      {n === failLine && <span className="pkt-why">{reasonLine(result, lang)}</span>}
                    </li>
                  );
                })}
              </ol>
            ) : (
              <textarea className="pkt-text" spellCheck={false} value={text} data-testid="pkt-text" aria-label={t('pkt.script')} onChange={(e) => edit(e.target.value)} />
            )}
            {result && (
              <button type="button" className="link-btn" data-testid="pkt-edit" onClick={() => setResult(null)}>
                {t('pkt.edit')}
              </button>
            )}
          </section>
          {picture ? (
            <Stage picture={picture} player={player} profile={profile} lang={lang} t={t} line={nowLine} scriptTime={stop?.t ?? 0} />
          ) : (
            <section className="panel pkt-stage pkt-stage--empty" aria-label={t('pkt.diagrams')}>
              <p className="muted">{result ? t('pkt.noPicture') : t('pkt.notRun')}</p>
            </section>
          )}
        </div>
        {!embed && result && (
          <details className="panel-details pkt-log">
            <summary>{t('pkt.ladder')}</summary>
            <ol data-testid="pkt-ladder">
              {result.ladder.map((l, i) => (
                <li key={i} className={/^\S+\s+>/.test(l) ? 'pkt-out' : /^\S+\s+</.test(l) ? 'pkt-in' : undefined}>
                  <code>{l}</code>
                </li>
              ))}
            </ol>
          </details>
        )}
      </div>
    </I18nContext.Provider>
  );
}

/** A script time as packetdrill writes it: seconds with up to six decimals, no trailing zeros. */
const fmtScript = (t: number) => String(Math.round(t * 1e6) / 1e6);

/** The stop in force at a display time: the last one at or before it. */
function currentStop(p: PktPicture, time: number) {
  let cur = null;
  for (const s of p.stops) {
    if (s.at > time + 1e-9) break;
    cur = s;
  }
  return cur;
}

interface StageProps {
  picture: PktPicture;
  player: PktPlayer;
  profile: Profile;
  lang: 'en' | 'zh-CN';
  t: Translate;
  line: number;
  scriptTime: number;
}

/** The run in the app's two diagrams, with the player bar under them. */
function Stage({ picture, player, profile, lang, t, line, scriptTime }: StageProps) {
  const time = player.time;
  const view = useMemo(() => pktView(picture, time, profile), [picture, time, profile]);
  const moves = useMemo(() => peerMoves(view.peers, FLIGHT), [view.peers]);
  const flights = useMemo(() => flightsAt(onTheWire(view.segments), view.peers, time), [view.segments, view.peers, time]);
  // the whole run's chips, once per script (a chip is placed against those born before it only)
  const chipsOfWorld = useMemo(() => {
    const all = pktView(picture, Infinity, profile);
    return worldChips(all.peers, all.segments, FLIGHT);
  }, [picture, profile]);
  const engine = picture.engine;
  const script = engine === 'client' ? 'server' : 'client';
  const titles = { [engine]: t('pkt.engineLane'), [script]: t('pkt.scriptLane') };
  const side = (p: 'client' | 'server') => t(p === 'client' ? 'peer.Client' : 'peer.Server');
  const [epoch, setEpoch] = useState(0);
  const [seen, setSeen] = useState(picture);
  if (seen !== picture) {
    setSeen(picture);
    setEpoch((e) => e + 1);
  }
  // the app's keys, on the run: Space = play/pause, → = step, ← = step back
  usePlayerKeys((key) => (key === 'space' ? player.toggle : key === 'right' ? player.step : key === 'left' ? player.back : null));

  return (
    <section className="pkt-stage" aria-label={t('pkt.diagrams')} data-testid="pkt-stage" data-engine={engine}>
      <p className="pkt-key small">
        <span className={`pkt-swatch pkt-swatch--${engine}`} aria-hidden="true" />
        {t('pkt.keyEngine', { side: side(engine) })} <span className={`pkt-swatch pkt-swatch--${script}`} aria-hidden="true" />
        {picture.inferred ? t('pkt.keyScript', { side: side(script) }) : t('pkt.keyScriptUnknown', { side: side(script) })}
      </p>
      {/* the peers' states in words, for screen readers and tests (the pictures show them) */}
      <p className="visually-hidden">
        {(['client', 'server'] as const).map((p) => (
          <span key={p} data-testid={`peer-${p}`} data-tcp-state={view.peers[p].state} data-role={p === engine ? 'engine' : 'script'}>
            {titles[p]} ({side(p)}): {view.peers[p].state}.{' '}
          </span>
        ))}
      </p>
      <div className="pkt-diagrams">
        <div className="pkt-cell pkt-cell--state" aria-label={t('diagram.state')} role="group">
          <ErrorBoundary label={t('diagram.state')}>
            <StateDiagram clientState={view.peers.client.state} serverState={view.peers.server.state} lastEdge={null} lang={lang} selected={null} onSelect={noop} moves={moves} flights={flights} world={chipsOfWorld} />
          </ErrorBoundary>
        </div>
        <div className="pkt-cell pkt-cell--seq" aria-label={t('diagram.sequence')} role="group">
          <ErrorBoundary label={t('diagram.sequence')}>
            <SequenceDiagram view={view} displayTime={time} relative lang={lang} selectedSegment={null} onSelectSegment={noop} epoch={epoch} peerTitles={titles} nowText={t('pkt.now', { t: fmtScript(scriptTime) })} />
          </ErrorBoundary>
        </div>
      </div>
      <PlayerBar player={player} end={picture.end} t={t} line={line} scriptTime={scriptTime} />
    </section>
  );
}

function PlayerBar({ player, end, t, line, scriptTime }: { player: PktPlayer; end: number; t: Translate; line: number; scriptTime: number }) {
  return (
    <div className="pkt-player" role="toolbar" aria-label={t('pkt.player')} data-testid="player" data-status={player.playing ? 'playing' : player.atEnd ? 'ended' : 'paused'}>
      <button type="button" data-testid="pkt-start" onClick={player.toStart} disabled={player.atStart} title={t('pkt.toStart')} aria-label={t('pkt.toStart')}>
        <PlayerIcon d={ICON.start} />
      </button>
      <button type="button" data-testid="back" onClick={player.back} disabled={player.atStart} title={t('pkt.stepBack')} aria-label={t('pkt.stepBack')}>
        <PlayerIcon d={ICON.back} />
      </button>
      <button type="button" className="primary pkt-play" data-testid="play" aria-pressed={player.playing} onClick={player.toggle}>
        <PlayerIcon d={player.playing ? ICON.pause : ICON.play} /> <span className="pkt-btn-text">{player.playing ? t('embed.pause') : t('embed.play')}</span>
      </button>
      <button type="button" data-testid="step" onClick={player.step} disabled={player.atEnd} title={t('embed.step')} aria-label={t('embed.step')}>
        <PlayerIcon d={ICON.step} />
      </button>
      <input
        type="range"
        className="pkt-scrub"
        data-testid="pkt-scrub"
        aria-label={t('pkt.timeline')}
        min={0}
        max={end}
        step={FLIGHT / 10}
        value={player.time}
        onChange={(e) => player.seek(Number(e.target.value))}
      />
      <span className="pkt-at" data-testid="sim-time" data-seconds={String(Math.round(player.time * 1e6) / 1e6)} data-script-seconds={String(scriptTime)} data-line={line > 0 ? line : ''}>
        {line > 0 ? t('pkt.at', { line, t: fmtScript(scriptTime) }) : t('pkt.atStart')}
      </span>
    </div>
  );
}
