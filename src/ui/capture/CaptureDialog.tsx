/**
 * A replayed capture: pick a stream, see both peers' reconstructed states in
 * the state diagram and the ladder at the capture's times, and the flagged
 * segments with the reasons the model gives.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Opened } from '../../pcap/app-api.ts';
import { replayCapture } from '../../pcap/app-api.ts';
import { endpointKey } from '../../pcap/capture.ts';
import type { FlagWhy } from '../../pcap/replay.ts';
import type { Profile } from '../../tcp/knobs.ts';
import { SequenceDiagram, StateDiagram } from '../diagramsBridge.ts';
import { useI18n } from '../i18n/index.ts';
import { openErrorZh } from './captureProblemsZh.ts';
import { dialogText } from './dialogStrings.ts';
import { skipNoteLines } from './skipNotes.ts';
import { flaggedOf, replayView } from './replayView.ts';
import { spreadAxis, spreadView } from './spreadAxis.ts';

const noop = () => {};

export default function CaptureDialog({ opened, profile, onClose }: { opened: Opened & { ok: true }; profile: Profile; onClose(): void }) {
  const { t: appText, lang } = useI18n();
  const t = dialogText(lang);
  // the model's reasons, in the page's language (the CLI and JSON keep the English text)
  const whyText = (w: FlagWhy): string => {
    if (w.code === 'time-back') return t('capture.why.timeBack', { n: w.number, stamp: w.stamp.toFixed(6), gap: (w.prevStamp - w.stamp).toFixed(6), prev: w.prev, prevStamp: w.prevStamp.toFixed(6) });
    const peer = appText(w.peer === 'client' ? 'peer.client' : 'peer.server');
    if (w.code === 'not-sent') return t('capture.why.notSent', { peer, state: w.state, seg: w.seg }) + (w.expect.length ? t('capture.why.wouldSend', { segs: w.expect.join(t('capture.why.or')) }) : '');
    const key = ({ drop: 'capture.why.drop', ack: 'capture.why.ack', rst: 'capture.why.rst', reset: 'capture.why.reset' } as const)[w.answer];
    return t(key, { peer, state: w.state, detail: w.detail });
  };
  const [stream, setStream] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const result = useMemo(() => replayCapture(opened.capture, stream, profile), [opened, stream, profile]);
  const end = 'error' in result ? 0 : (result.trace.events.at(-1)?.t ?? 0);
  // null: the end of the capture (a new stream starts there too)
  const [at, setTime] = useState<number | null>(null);
  const time = at === null ? end : Math.min(at, end);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [onClose]);

  const info = opened.streams[stream];
  const view = useMemo(() => ('error' in result || !info ? null : replayView(result.trace.events, time, profile, { client: info.client.port, server: info.server.port })), [result, time, profile, info]);
  // the ladder draws packets stamped microseconds apart one label apart (spreadAxis.ts)
  const axis = useMemo(() => spreadAxis('error' in result ? [] : result.trace.events.map((e) => e.t)), [result]);
  const drawn = useMemo(() => (view ? spreadView(view, axis) : null), [view, axis]);
  const flagged = 'error' in result ? [] : flaggedOf(result.trace.events);
  // notes about the capture's own times (a packet stamped before an earlier one), not about the model
  const timeNotes = 'error' in result ? [] : result.flags.filter((f) => f.why?.code === 'time-back');
  const start = 'error' in result ? 0 : result.trace.capture.start;

  return (
    <div className="capture-overlay">
      <div className="capture-dialog" role="dialog" aria-modal="true" aria-labelledby="capture-dialog-h" data-testid="capture-dialog">
        <header className="capture-head">
          <h2 id="capture-dialog-h">{t('capture.replayTitle', { file: opened.capture.file })}</h2>
          <button type="button" ref={closeRef} data-testid="capture-close" onClick={onClose}>
            {t('capture.close')}
          </button>
        </header>
        <div className="capture-row">
          <label>
            {t('capture.stream')}
            <select data-testid="capture-stream" value={stream} onChange={(e) => {
                setStream(Number(e.target.value));
                setTime(null);
              }}>
              {opened.streams.map((s, i) => (
                <option key={i} value={i}>
                  {t(s.packets === 1 ? 'captureStream.one' : 'captureStream.many', { id: s.id, client: endpointKey(s.client.addr, s.client.port), server: endpointKey(s.server.addr, s.server.port), n: s.packets })}
                </option>
              ))}
            </select>
          </label>
          <span className="muted small">{t('capture.profile', { profile })}</span>
          {start > 0 && <span className="muted small">{t('capture.start', { when: new Date(start * 1000).toISOString() })}</span>}
        </div>
        {opened.notes.length > 0 && (
          <ul className="muted small capture-notes" data-testid="capture-notes">
            {skipNoteLines(opened.capture, lang, opened.notes).map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        )}
        {timeNotes.length > 0 && (
          <ul className="small capture-notes capture-time-back" data-testid="capture-time-back">
            {timeNotes.map((f, i) => (
              <li key={i}>{f.why ? whyText(f.why) : f.reason}</li>
            ))}
          </ul>
        )}
        {'error' in result ? (
          <p className="capture-error" role="alert" data-testid="capture-error">
            {result.stopped
              ? t('capture.stopped', { n: result.stopped.number, prev: result.stopped.prev, gap: result.stopped.gap.toFixed(6), firings: result.stopped.firings })
              : lang !== 'en' && result.problem
                ? openErrorZh(result.file, null, result.problem)
                : result.error}
          </p>
        ) : (
          view && (
            <>
              <label className="capture-time">
                {t('capture.time', { t: time.toFixed(6) })}
                <input type="range" data-testid="capture-time" min={0} max={end} step="any" value={time} onChange={(e) => setTime(Number(e.target.value))} />
              </label>
              <p className="capture-paths" data-testid="capture-paths">
                <span data-testid="capture-state-client" data-tcp-state={view.peers.client.state}>
                  {t('capturePaths.line', { peer: appText('peer.Client'), path: result.paths.client.join(' → ') })}
                </span>
                <span data-testid="capture-state-server" data-tcp-state={view.peers.server.state}>
                  {t('capturePaths.line', { peer: appText('peer.Server'), path: result.paths.server.join(' → ') })}
                </span>
              </p>
              <div className="capture-diagrams">
                <StateDiagram clientState={view.peers.client.state} serverState={view.peers.server.state} lastEdge={null} lang={lang} selected={null} onSelect={noop} />
                <SequenceDiagram view={drawn!} displayTime={axis.map(time)} nowText={t('captureLadder.now', { t: time.toFixed(6) })} relative lang={lang} selectedSegment={selected} onSelectSegment={setSelected} />
              </div>
              <h3>{t('capture.flagged', { n: flagged.length })}</h3>
              {flagged.length === 0 ? (
                <p className="muted small">{t('capture.noFlags')}</p>
              ) : (
                <ul className="capture-flags">
                  {flagged.map((f, i) => (
                    <li key={i} data-testid="capture-flag" data-id={f.id}>
                      <button type="button" className="linkish" onClick={() => setTime(f.t)}>
                        {t('capture.flagAt', { id: f.id, t: f.t.toFixed(6) })}
                      </button>{' '}
                      <span data-testid="capture-flag-reason">{f.why ? whyText(f.why) : f.reason}</span>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )
        )}
      </div>
    </div>
  );
}
