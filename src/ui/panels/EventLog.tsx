import { memo, useDeferredValue, useLayoutEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TraceEvent } from '../../sim/types.ts';
import { useI18n } from '../i18n/index.ts';
import { LogCache } from '../logCache.ts';
import { fmtTime, sentence } from '../narrate.ts';
import { Panel } from './Panel.tsx';

/** Estimated height of one line (px); lines that wrap are measured once drawn. */
const LINE_PX = 27;

/**
 * The trace as sentences. Lines are grouped incrementally (LogCache) and only the lines in view
 * (plus a margin) are in the DOM, so a long run (thousands of lines) costs what is on screen.
 * The list follows the newest line unless the reader scrolled up.
 */
interface Props {
  trace: readonly TraceEvent[];
  /** the run's number of trace[0] (the trace may be a window of the newest events) */
  base?: number;
  onSeek(t: number): void;
}

/**
 * The log follows the clock at a lower priority than the diagrams: during fast playback its
 * update is rendered when the browser has time left after a frame (React's deferred value), so
 * a frame never waits for the log; when the clock stands still it catches up at once.
 */
export const EventLog = memo(function EventLog({ trace, base = 0, onSeek }: Props) {
  const shown = useDeferredValue(trace);
  const shownBase = useDeferredValue(base);
  return <EventLines trace={shown} base={shownBase} onSeek={onSeek} />;
});

const EventLines = memo(function EventLines({ trace, base = 0, onSeek }: Props) {
  const { t } = useI18n();
  const [cache] = useState(() => new LogCache());
  const version = cache.update(trace, base);
  const lines = cache.lines;
  const count = lines.length;
  const listRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const virtual = useVirtualizer({
    count,
    getScrollElement: () => listRef.current,
    estimateSize: () => LINE_PX,
    // a line keeps its key (and its row) while the log grows and its oldest lines are let go
    getItemKey: (i) => cache.dropped + i,
    overscan: 24,
    initialRect: { width: 600, height: 320 },
  });
  useLayoutEffect(() => {
    if (atBottom.current && count > 0) virtual.scrollToIndex(count - 1, { align: 'end' });
  }, [count, version, virtual]);
  const onScroll = () => {
    const el = listRef.current;
    if (el) atBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - LINE_PX;
  };
  return (
    <Panel id="log" title={t('log.title')} className="log-panel">
      {count === 0 ? (
        <p className="muted">{t('log.empty')}</p>
      ) : (
        <div className="log-scroll" ref={listRef} onScroll={onScroll}>
        <ol className="log" data-testid="event-log" data-lines={count} style={{ height: virtual.getTotalSize() }}>
          {virtual.getVirtualItems().map((row) => {
            const l = lines[row.index]!;
            return (
              <li
                key={row.key}
                data-index={row.index}
                ref={virtual.measureElement}
                className={`log-${l.kind} peer-${l.peer}`}
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <button type="button" className="log-line" onClick={() => onSeek(l.t)} title={t('log.jump', { t: fmtTime(l.t) })}>
                  <time className="log-t">{fmtTime(l.t).padEnd(5)}</time>
                  <span className="log-text">{sentence(l, t)}</span>
                </button>
              </li>
            );
          })}
        </ol>
        </div>
      )}
    </Panel>
  );
});
