import { memo, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ComponentType } from 'react';
import type { TraceEvent } from '../../sim/types.ts';
import { useI18n } from '../i18n/index.ts';
import { LogCache } from '../logCache.ts';
import { LogRow } from './LogRow.tsx';
import { Panel } from './Panel.tsx';
import { usePaced } from './usePaced.ts';

/**
 * Up to this many lines are drawn as a plain list (about what the virtual list keeps in the DOM
 * anyway); a longer log switches to VirtualLog.tsx, whose chunk is fetched then, so a first visit
 * does not load it. Until it is there (or if it cannot be fetched)
 * the plain list shows the newest lines only.
 */
export const PLAIN_LINES = 60;

type VirtualLogType = typeof import('./VirtualLog.tsx').VirtualLog;
let virtualLog: VirtualLogType | null = null;
let virtualLoading: Promise<VirtualLogType> | null = null;
function loadVirtualLog(): Promise<VirtualLogType> {
  virtualLoading ??= import('./VirtualLog.tsx').then(
    (m) => (virtualLog = m.VirtualLog),
    (e: unknown) => {
      virtualLoading = null; // a later, longer log tries again
      throw e;
    },
  );
  return virtualLoading;
}

/**
 * The trace as sentences. Lines are grouped incrementally (LogCache); a long run (thousands of
 * lines) costs what is on screen. The list follows the newest line unless the reader scrolled up.
 */
interface Props {
  trace: readonly TraceEvent[];
  /** the run's number of trace[0] (the trace may be a window of the newest events) */
  base?: number;
  onSeek(t: number): void;
  /** the clock is running: new lines are drawn at most every LOG_PACE_MS */
  playing?: boolean;
}

/** While the clock runs, the log is redrawn at most this often (ms); paused, at once. */
export const LOG_PACE_MS = 100;

/**
 * The log follows the clock at a lower priority than the diagrams: during playback its update is
 * rendered when the browser has time left after a frame (React's deferred value), at most every
 * LOG_PACE_MS, so a frame never waits for the log; when the clock stands still it catches up at once.
 */
export const EventLog = memo(function EventLog({ trace, base = 0, onSeek, playing = false }: Props) {
  // at 100× and more new lines come on every frame: drawn ten times a second, not sixty (usePaced.ts)
  const now = useMemo(() => ({ trace, base }), [trace, base]);
  const paced = usePaced(now, playing, LOG_PACE_MS);
  const shown = useDeferredValue(paced);
  return <EventLines trace={shown.trace} base={shown.base} onSeek={onSeek} />;
});

const EventLines = memo(function EventLines({ trace, base = 0, onSeek }: Props) {
  const { t } = useI18n();
  const [cache] = useState(() => new LogCache());
  const version = cache.update(trace, base);
  const lines = cache.lines;
  const count = lines.length;
  const listRef = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const long = count > PLAIN_LINES;
  const [Virtual, setVirtual] = useState<ComponentType<Parameters<VirtualLogType>[0]> | null>(() => virtualLog);
  useEffect(() => {
    if (!long || Virtual) return;
    let live = true;
    loadVirtualLog().then(
      (V) => live && setVirtual(() => V),
      () => undefined, // offline and never stored: the newest lines stay shown
    );
    return () => {
      live = false;
    };
  }, [long, Virtual]);
  const plain = !(long && Virtual);
  useLayoutEffect(() => {
    const el = listRef.current;
    if (plain && el && following.current) el.scrollTop = el.scrollHeight;
  }, [plain, count, version]);
  const onScroll = () => {
    const el = listRef.current;
    if (el) following.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 27;
  };
  const first = Math.max(0, count - PLAIN_LINES);
  return (
    <Panel id="log" title={t('log.title')} className="log-panel">
      {count === 0 ? (
        <p className="muted">{t('log.empty')}</p>
      ) : (
        <div className={plain ? 'log-scroll' : 'log-scroll log-scroll--long'} ref={listRef} onScroll={onScroll}>
          {Virtual && !plain ? (
            <Virtual lines={lines} dropped={cache.dropped} version={version} listRef={listRef} following={following} t={t} onSeek={onSeek} />
          ) : (
            <ol className="log" data-testid="event-log" data-lines={count} start={first + 1}>
              {lines.slice(first).map((l, i) => (
                // a line keeps its key (and its row) while the oldest lines are let go
                <LogRow key={cache.dropped + first + i} line={l} index={first + i} t={t} onSeek={onSeek} />
              ))}
            </ol>
          )}
        </div>
      )}
    </Panel>
  );
});
