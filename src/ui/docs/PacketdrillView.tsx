/**
 * `?view=packetdrill`: paste, open or pick a packetdrill script, choose the profile, and run it
 * with the CLI's own parser and runner. The verdict is the CLI's (PASS, or FAIL at a line with the
 * reason); the failing line is highlighted in the listing, and the runner's ladder of what was sent
 * and received is shown beside it. `pkt=` carries a script in a link; `embed=1` gives a compact page.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import { compressToEncodedURIComponent } from 'lz-string';
import { PROFILES } from '../../tcp/knobs.ts';
import type { Profile } from '../../tcp/knobs.ts';
import { UpdateNotice } from '../pwa/UpdateNotice.tsx';
import { I18nContext, initialLang, translator } from '../i18n/index.ts';
import type { UrlProblem, UrlState } from '../url.ts';
import { PKT_EXAMPLES } from './pktExamples.ts';
import { runPkt, verdictLine } from './pktRun.ts';
import type { PktResult } from './pktRun.ts';
import { applyTheme } from './theme.ts';
import './packetdrill.css';

export function PacketdrillView({ url, problems }: { url: UrlState; problems: readonly UrlProblem[] }) {
  const lang = url.lang ?? initialLang();
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  const t = i18n.t;
  const embed = url.embed;
  const [name, setName] = useState(url.docs.pkt !== undefined ? 'linked.pkt' : PKT_EXAMPLES[0]!.name);
  const [text, setText] = useState(url.docs.pkt ?? PKT_EXAMPLES[0]!.text);
  const [profile, setProfile] = useState<Profile>(url.profile ?? 'linux');
  const [result, setResult] = useState<PktResult | null>(null);
  const [status, setStatus] = useState('');
  const listing = useRef<HTMLOListElement>(null);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('pkt.title');
  }, [lang, t]);
  useEffect(() => applyTheme(url.docs.theme ?? 'auto'), [url.docs.theme]);

  const run = () => setResult(runPkt(text, profile, name));
  // show the failing line: scroll the listing itself (never the page that embeds us)
  useEffect(() => {
    const el = listing.current;
    if (!el || !result?.line || result.status !== 'fail') return;
    const li = el.children[result.line - 1] as HTMLElement | undefined;
    if (li) el.scrollTop = Math.max(0, li.offsetTop - el.offsetTop - el.clientHeight / 3);
  }, [result]);

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
  const link = `${location.origin}${location.pathname}?view=packetdrill&lang=${lang}${profile !== 'linux' ? `&profile=${profile}` : ''}&pkt=${compressToEncodedURIComponent(text)}`;
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
  const failLine = result?.status === 'fail' ? (result.line ?? 1) : -1;

  return (
    <I18nContext.Provider value={i18n}>
      <div className={`pkt-view ${embed ? 'pkt-view--embed' : ''}`} data-testid="app" data-copy-url={link}>
        <header className="pkt-head">
          <h1>{t('pkt.title')}</h1>
          {!embed && (
            <a href={`${location.pathname}?lang=${lang}`} data-testid="pkt-back">
              {t('pkt.back')}
            </a>
          )}
        </header>
        <UpdateNotice />
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
            {t('pkt.example')}
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
            {verdictLine(result, name)}
          </p>
        )}
        <div className="pkt-cols">
          <section className="panel pkt-script" aria-label={t('pkt.script')}>
            <h2>{t('pkt.script')}</h2>
            {result ? (
              <ol className="pkt-listing" ref={listing} data-testid="pkt-listing">
                {lines.map((l, i) => (
                  <li key={i} className={i + 1 === failLine ? 'pkt-line--fail' : undefined} data-testid={i + 1 === failLine ? 'pkt-fail-line' : undefined} aria-current={i + 1 === failLine ? 'true' : undefined}>
                    <code>{l || ' '}</code>
                    {i + 1 === failLine && <span className="pkt-why">{result.message}</span>}
                  </li>
                ))}
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
          <section className="panel pkt-ladder" aria-label={t('pkt.ladder')}>
            <h2>{t('pkt.ladder')}</h2>
            {result ? (
              <ol data-testid="pkt-ladder">
                {result.ladder.map((l, i) => (
                  <li key={i} className={/^\S+\s+>/.test(l) ? 'pkt-out' : /^\S+\s+</.test(l) ? 'pkt-in' : undefined}>
                    <code>{l}</code>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted">{t('pkt.notRun')}</p>
            )}
          </section>
        </div>
      </div>
    </I18nContext.Provider>
  );
}
