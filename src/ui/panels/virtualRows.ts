/**
 * Which rows of a long list are drawn, and where: the arithmetic of VirtualLog.tsx, apart from the
 * DOM so it can be tested. Row heights are what was measured (a ResizeObserver reports them after
 * layout) or the estimate for rows not drawn yet; nothing here reads the page.
 */

export interface RowWindow {
  /** first and one-past-last row drawn */
  first: number;
  end: number;
  /** top of each drawn row (px from the list's top), rows first … end-1 */
  tops: number[];
  /** the whole list's height (px) */
  total: number;
  /** the scroll position the window was computed for (the bottom while following) */
  top: number;
}

/**
 * The rows meeting [top − overscan, top + view + overscan], where `top` is `scrollTop`, or the
 * position showing the last row at the bottom when `follow` is set. Costs O(count) additions (the
 * list keeps at most a thousand lines) and O(drawn) for the result.
 */
export function rowWindow(count: number, height: (i: number) => number, view: number, scrollTop: number, follow: boolean, overscan: number): RowWindow {
  let total = 0;
  for (let i = 0; i < count; i++) total += height(i);
  const top = follow ? Math.max(0, total - view) : Math.max(0, Math.min(scrollTop, total - view));
  const lo = top - overscan;
  const hi = top + view + overscan;
  let y = 0;
  let i = 0;
  while (i < count && y + height(i) <= lo) y += height(i++);
  const first = i;
  const tops: number[] = [];
  while (i < count && y < hi) {
    tops.push(y);
    y += height(i++);
  }
  return { first, end: i, tops, total, top };
}
