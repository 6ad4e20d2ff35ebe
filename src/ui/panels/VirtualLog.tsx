/**
 * The event log of a long run: only the lines in view (plus a margin) are in the DOM, so thousands
 * of lines cost what is on screen. A chunk of its own, loaded by EventLog.tsx once a run has more
 * lines than it draws plainly.
 *
 * During fast playback every frame brings new lines, so a frame of this list must not read the
 * page: row heights come from a ResizeObserver (after layout, never forced), the box's height
 * likewise, and while following the newest line the scroll position is computed, written once,
 * and the scroll event it causes changes nothing. Only a reader's own scrolling re-renders from
 * the scroll position. That is why the list is our own (its arithmetic in virtualRows.ts) rather than
 * @tanstack/react-virtual, whose measuring on attach and re-render after each of its own scrolls
 * were about a third of a frame's main-thread time at 1000×.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { Translate } from '../i18n/index.ts';
import type { LogLine } from '../narrate.ts';
import { LogRow } from './LogRow.tsx';
import { rowWindow } from './virtualRows.ts';

/** Height of a one-line row before any was measured (px); rows that wrap are measured once drawn. */
const LINE_PX = 27;
/** rows drawn beyond the box's edges (px) */
const OVERSCAN_PX = 200;

export function VirtualLog({ lines, dropped, listRef, following, t, onSeek }: { lines: readonly LogLine[]; dropped: number; version: number; listRef: RefObject<HTMLDivElement | null>; following: RefObject<boolean>; t: Translate; onSeek(t: number): void }) {
  const count = lines.length;
  // measured heights by line (a rebuilt line is a new object and is measured again)
  const [sizes] = useState(() => new WeakMap<LogLine, number>());
  // the height assumed for rows not measured yet: the smallest measured (a one-line row)
  const [estimate, setEstimate] = useState(LINE_PX);
  const [, setMeasured] = useState(0);
  const [view, setView] = useState(320);
  const [scroll, setScroll] = useState({ top: 0, follow: true });
  const win = rowWindow(count, (i) => sizes.get(lines[i]!) ?? estimate, view, scroll.top, scroll.follow, OVERSCAN_PX);

  // what the observers' callbacks need of the latest render
  const latest = useRef({ lines, estimate, total: win.total, view, top: win.top });
  useLayoutEffect(() => {
    latest.current = { lines, estimate, total: win.total, view, top: win.top };
  });
  /** the scroll position last written or seen (px) */
  const at = useRef(-1);

  // Row heights, reported after layout. Only a height that differs from what was assumed re-renders.
  const rows = useRef<ResizeObserver | null>(null);
  const rowRef = useCallback(
    (el: HTMLLIElement | null) => {
      if (!el || typeof ResizeObserver === 'undefined') return;
      rows.current ??= new ResizeObserver((entries) => {
        const { lines: now, estimate: est } = latest.current;
        let changed = false;
        let least = est;
        for (const e of entries) {
          const li = e.target as HTMLElement;
          const line = now[Number(li.dataset.index)];
          const h = e.borderBoxSize?.[0]?.blockSize ?? li.offsetHeight;
          if (!line || !(h > 0)) continue;
          const was = sizes.get(line) ?? est;
          sizes.set(line, h);
          least = Math.min(least, h);
          if (Math.abs(h - was) > 0.5) changed = true;
        }
        if (least < est) setEstimate(least);
        if (changed) setMeasured((n) => n + 1);
      });
      const ro = rows.current;
      ro.observe(el);
      return () => ro.unobserve(el);
    },
    [sizes],
  );

  // The box's height (on resize) and the reader's scrolling.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    setView(el.clientHeight || 320);
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => setView(el.clientHeight || 320));
    ro?.observe(el);
    const onScroll = () => {
      const top = el.scrollTop;
      if (Math.abs(top - at.current) < 1) return; // the scroll we wrote
      at.current = top;
      const { total, view: h } = latest.current;
      setScroll({ top, follow: top + h >= total - LINE_PX });
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      ro?.disconnect();
      el.removeEventListener('scroll', onScroll);
      rows.current?.disconnect();
    };
  }, [listRef]);

  // Following: the newest line at the bottom, written only when it moved.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el || !scroll.follow || !following.current || Math.abs(win.top - at.current) < 1) return;
    at.current = win.top;
    el.scrollTop = win.top;
  });

  // a line keeps its key (and its row) while the log grows and its oldest lines are let go
  const drawn = [];
  for (let i = win.first; i < win.end; i++) {
    drawn.push(<LogRow key={dropped + i} line={lines[i]!} index={i} t={t} onSeek={onSeek} rowRef={rowRef} style={{ transform: `translateY(${win.tops[i - win.first]}px)` }} />);
  }
  return (
    <ol className="log log--virtual" data-testid="event-log" data-lines={count} style={{ height: win.total }}>
      {drawn}
    </ol>
  );
}
