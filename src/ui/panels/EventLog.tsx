import { memo, useEffect, useMemo, useRef } from 'react';
import type { TraceEvent } from '../../sim/types.ts';
import { useI18n } from '../i18n/index.ts';
import { buildLog, fmtTime, sentence } from '../narrate.ts';
import { Panel } from './Panel.tsx';

/** Long runs (keepalive at 1000×) can produce thousands of lines; the DOM keeps the newest. */
const MAX_LINES = 400;

export const EventLog = memo(function EventLog({ trace, onSeek }: { trace: readonly TraceEvent[]; onSeek(t: number): void }) {
  const { t } = useI18n();
  const all = useMemo(() => buildLog(trace), [trace]);
  const lines = all.length > MAX_LINES ? all.slice(-MAX_LINES) : all;
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines.length]);
  return (
    <Panel id="log" title={t('log.title')} className="log-panel">
      {lines.length === 0 ? (
        <p className="muted">{t('log.empty')}</p>
      ) : (
        <>
        {all.length > lines.length && <p className="muted small">{t('log.older', { n: all.length - lines.length })}</p>}
        <ol className="log" ref={listRef} data-testid="event-log">
          {lines.map((l) => (
            <li key={l.index} className={`log-${l.kind} peer-${l.peer}`}>
              <button type="button" className="log-line" onClick={() => onSeek(l.t)} title={t('log.jump', { t: fmtTime(l.t) })}>
                <time className="log-t">{fmtTime(l.t).padEnd(5)}</time>
                <span className="log-text">{sentence(l, t)}</span>
              </button>
            </li>
          ))}
        </ol>
        </>
      )}
    </Panel>
  );
});
