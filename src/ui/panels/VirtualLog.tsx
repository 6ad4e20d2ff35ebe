/**
 * The event log of a long run: only the lines in view (plus a margin) are in the DOM, so thousands
 * of lines cost what is on screen. A chunk of its own (with @tanstack/react-virtual), loaded by
 * EventLog.tsx once a run has more lines than it draws plainly.
 */
import { useLayoutEffect } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';
import type { Translate } from '../i18n/index.ts';
import type { LogLine } from '../narrate.ts';
import { LogRow } from './LogRow.tsx';

/** Estimated height of one line (px); lines that wrap are measured once drawn. */
const LINE_PX = 27;

export function VirtualLog({ lines, dropped, version, listRef, following, t, onSeek }: { lines: readonly LogLine[]; dropped: number; version: number; listRef: RefObject<HTMLDivElement | null>; following: RefObject<boolean>; t: Translate; onSeek(t: number): void }) {
  const count = lines.length;
  const virtual = useVirtualizer({
    count,
    getScrollElement: () => listRef.current,
    estimateSize: () => LINE_PX,
    // a line keeps its key (and its row) while the log grows and its oldest lines are let go
    getItemKey: (i) => dropped + i,
    overscan: 24,
    initialRect: { width: 600, height: 320 },
  });
  useLayoutEffect(() => {
    if (following.current && count > 0) virtual.scrollToIndex(count - 1, { align: 'end' });
  }, [count, version, virtual, following]);
  return (
    <ol className="log log--virtual" data-testid="event-log" data-lines={count} style={{ height: virtual.getTotalSize() }}>
      {virtual.getVirtualItems().map((row) => (
        <LogRow key={row.key} line={lines[row.index]!} index={row.index} t={t} onSeek={onSeek} rowRef={virtual.measureElement} style={{ transform: `translateY(${row.start}px)` }} />
      ))}
    </ol>
  );
}
