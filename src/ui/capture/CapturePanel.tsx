/**
 * Captures in the app: "Download capture" writes the running simulation as
 * pcapng or pcap (at the client, the server or both), "Open capture…" reads a
 * real capture and replays one TCP stream in a dialog of its own. The pcap
 * code is loaded only when one of them is used (it is not in the first bundle).
 */
import { lazy, Suspense, useState } from 'react';
import type { TraceEvent } from '../../sim/types.ts';
import type { Profile } from '../../tcp/knobs.ts';
import { useI18n } from '../i18n/index.ts';
import type { OpenFailed, Opened } from '../../pcap/app-api.ts';
import { downloadCapture } from './downloadCapture.ts';
import './capture.css';

const CaptureDialog = lazy(() => import('./CaptureDialog.tsx'));

type Point = 'client' | 'server' | 'both';
type Format = 'pcapng' | 'pcap';

/** `getTrace`: the run's trace when a download is asked for (read then, so playback never redraws the panel) */
export function CapturePanel({ getTrace, mss, scenario, profile }: { getTrace: () => readonly TraceEvent[]; mss: number; scenario: string; profile: Profile }) {
  const { t, lang } = useI18n();
  const [point, setPoint] = useState<Point>('client');
  const [format, setFormat] = useState<Format>('pcapng');
  const [status, setStatus] = useState('');
  const [opened, setOpened] = useState<(Opened & { ok: true }) | null>(null);
  // a file that did not open, with its words in Chinese (loaded with the reader, so a switch of language re-words it)
  const [failed, setFailed] = useState<{ r: OpenFailed; zh: typeof import('./captureProblemsZh.ts') } | null>(null);

  const download = async () => {
    const api = await import('../../pcap/app-api.ts');
    const bytes = api.exportCapture(getTrace(), format, point, mss, `scenario ${scenario}, profile ${profile}; tcp-state-sim capture at ${point}; timestamps are virtual seconds`);
    const name = `${scenario}-${point}.${format}`;
    downloadCapture(bytes, name);
    setStatus(t('capture.downloaded', { name }));
  };

  const open = async (file: File | undefined) => {
    if (!file) return;
    setFailed(null);
    const [api, buf, zh] = await Promise.all([import('../../pcap/app-api.ts'), file.arrayBuffer(), import('./captureProblemsZh.ts')]);
    const r = api.openCapture(new Uint8Array(buf), file.name);
    if (r.ok) setOpened(r);
    else setFailed({ r, zh });
  };

  const bothNeedsPcapng = point === 'both' && format === 'pcap';
  const error = !failed ? '' : lang !== 'en' && failed.r.problem && failed.r.file !== undefined ? failed.zh.openErrorZh(failed.r.file, failed.r.offset ?? null, failed.r.problem) : failed.r.error;
  return (
    <details className="capture-details" data-testid="capture-panel">
      <summary>{t('capture.title')}</summary>
      <div className="capture-body">
        <div className="capture-row">
          <label>
            {t('capture.point')}
            <select data-testid="capture-point" value={point} onChange={(e) => setPoint(e.target.value as Point)}>
              <option value="client">{t('capture.point.client')}</option>
              <option value="server">{t('capture.point.server')}</option>
              <option value="both">{t('capture.point.both')}</option>
            </select>
          </label>
          <label>
            {t('capture.format')}
            <select data-testid="capture-format" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
              <option value="pcapng">pcapng</option>
              <option value="pcap">pcap</option>
            </select>
          </label>
        </div>
        {bothNeedsPcapng && <p className="muted small">{t('capture.bothNeedsPcapng')}</p>}
        <button type="button" data-testid="download-capture" disabled={bothNeedsPcapng} onClick={download}>
          {t('capture.download')}
        </button>
        <span role="status" className="muted small">{status}</span>
        <p className="muted small">{t('capture.openHelp')}</p>
        <label className="file-btn">
          <span>{t('capture.open')}</span>
          <input type="file" data-testid="open-capture" accept=".pcap,.pcapng,.cap,application/vnd.tcpdump.pcap" onChange={(e) => void open(e.target.files?.[0])} />
        </label>
        {error && (
          <p className="capture-error" role="alert" data-testid="capture-error">
            {error}
          </p>
        )}
      </div>
      {opened && (
        <Suspense fallback={null}>
          <CaptureDialog opened={opened} profile={profile} onClose={() => setOpened(null)} />
        </Suspense>
      )}
    </details>
  );
}
