/**
 * The scenario editor (full app): start from the scenario on screen (free play or a library one),
 * act by hand, write notes at the current instant in both languages, set titles, summary and link;
 * then use it, download it as JSON, load a JSON file back, copy an `s=` link or embed code.
 * Everything goes through the library's validator; errors name the field (and line:column for files).
 */
import { useState } from 'react';
import type { ChangeEvent } from 'react';
import type { Scenario } from '../../scenarios/index.ts';
import type { Profile } from '../../tcp/knobs.ts';
import { LANG_LIST, useI18n } from '../i18n/index.ts';
import type { Lang } from '../i18n/index.ts';
import type { JournalEntry } from '../sim/controller.ts';
import { addNote, buildScenario, draftFrom, embedCode, scenarioJson } from './scenarioDraft.ts';
import type { Draft } from './scenarioDraft.ts';
import { encodeScenario, scenarioFromText } from './scenarioParam.ts';
import './editor.css';

interface Props {
  base: Scenario | null;
  profile: Profile;
  knobs: Readonly<Record<string, number>>;
  journal: readonly JournalEntry[];
  time: number;
  /** the app's address without query (for links and embed code) */
  appUrl: string;
  /** run this scenario in the app; false if it was refused */
  onUse(s: Scenario): boolean;
}

const LANG_LABEL: Record<Lang, string> = { en: 'English', 'zh-CN': '中文' };

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function ScenarioEditor({ base, profile, knobs, journal, time, appUrl, onUse }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(base));
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [link, setLink] = useState('');
  const [code, setCode] = useState('');
  const ctx = { base, profile, knobs, journal };

  const built = (): Scenario | null => {
    const r = buildScenario(draft, ctx);
    if ('error' in r) {
      setError(r.error);
      setStatus('');
      return null;
    }
    setError('');
    return r.scenario;
  };
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const setText = (field: 'title' | 'summary', l: Lang, v: string) => set({ [field]: { ...draft[field], [l]: v } });
  const setNote = (i: number, l: Lang, v: string) => set({ notes: draft.notes.map((n, k) => (k === i ? { ...n, text: { ...n.text, [l]: v } } : n)) });

  const use = () => {
    const s = built();
    if (s && onUse(s)) setStatus(t('editor.used'));
  };
  const download = () => {
    const s = built();
    if (!s) return;
    const blob = new Blob([`${JSON.stringify(scenarioJson(draft, ctx), null, 2)}\n`], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${s.id}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    setStatus(t('editor.downloaded', { file: a.download }));
  };
  const load = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    void file.text().then((text) => {
      const r = scenarioFromText(text, file.name);
      if ('error' in r) {
        setError(r.error);
        setStatus('');
        return;
      }
      if (onUse(r.scenario)) {
        setDraft(draftFrom(r.scenario));
        setError('');
        setStatus(t('editor.loaded', { file: file.name }));
      }
    });
  };
  const copyLink = async () => {
    const s = built();
    if (!s) return;
    const l = `${appUrl}?s=${encodeScenario(s)}`;
    setLink(l);
    setStatus((await copy(l)) ? t('editor.linkCopied') : t('editor.copyFailed'));
  };
  const copyCode = async () => {
    const s = built();
    if (!s) return;
    const c = embedCode(appUrl, encodeScenario(s), s.title.en);
    setCode(c);
    setStatus((await copy(c)) ? t('editor.codeCopied') : t('editor.copyFailed'));
  };

  return (
    <div className="panel editor" data-testid="editor" data-link={link}>
      <p className="muted small">{t('editor.intro', { steps: base?.steps.length ?? 0, actions: journal.length })}</p>
      <label className="editor-row">
        <span>{t('editor.id')}</span>
        <input type="text" value={draft.id} data-testid="editor-id" onChange={(e) => set({ id: e.target.value })} />
      </label>
      {LANG_LIST.map((l) => (
        <fieldset key={l} lang={l}>
          <legend>{LANG_LABEL[l]}</legend>
          <label className="editor-row">
            <span>{t('editor.title')}</span>
            <input type="text" value={draft.title[l]} data-testid={`editor-title-${l}`} onChange={(e) => setText('title', l, e.target.value)} />
          </label>
          <label className="editor-row">
            <span>{t('editor.summary')}</span>
            <textarea rows={2} value={draft.summary[l]} onChange={(e) => setText('summary', l, e.target.value)} />
          </label>
        </fieldset>
      ))}
      <div className="editor-row editor-link">
        <label>
          {t('editor.delay')}
          <input type="number" min={0} step={0.01} value={draft.delay} onChange={(e) => set({ delay: Number(e.target.value) })} />
        </label>
        <label>
          {t('editor.loss')}
          <input type="number" min={0} max={100} step={1} value={draft.loss} onChange={(e) => set({ loss: Number(e.target.value) })} />
        </label>
      </div>
      <h3>{t('editor.notes')}</h3>
      <ol className="editor-notes">
        {draft.notes.map((n, i) => (
          <li key={i} data-testid="editor-note">
            <span className="muted small">{t('seconds', { t: n.at })}</span>
            {LANG_LIST.map((l) => (
              <textarea key={l} lang={l} rows={2} aria-label={`${t('editor.noteText')} (${LANG_LABEL[l]}, ${n.at} s)`} value={n.text[l]} data-testid={`editor-note-${l}`} onChange={(e) => setNote(i, l, e.target.value)} />
            ))}
            <button type="button" className="small-btn" onClick={() => set({ notes: draft.notes.filter((_, k) => k !== i) })}>
              {t('editor.remove')}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" data-testid="editor-add-note" onClick={() => setDraft(addNote(draft, time))}>
        {t('editor.addNote', { t: Math.round(time * 1000) / 1000 })}
      </button>
      <div className="row buttons editor-actions">
        <button type="button" className="primary" data-testid="editor-use" onClick={use}>
          {t('editor.use')}
        </button>
        <button type="button" data-testid="editor-download" onClick={download}>
          {t('editor.download')}
        </button>
        <label className="file-btn">
          {t('editor.load')}
          <input type="file" accept=".json,application/json" data-testid="editor-load" onChange={load} />
        </label>
        <button type="button" data-testid="editor-copy-link" onClick={copyLink}>
          {t('editor.copyLink')}
        </button>
        <button type="button" data-testid="editor-copy-embed" onClick={copyCode}>
          {t('editor.copyEmbed')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert" data-testid="editor-error">
          {error}
        </p>
      )}
      <p role="status" className="muted small">
        {status}
      </p>
      {code && <textarea className="editor-code" readOnly rows={5} value={code} aria-label={t('editor.copyEmbed')} data-testid="editor-code" />}
    </div>
  );
}
