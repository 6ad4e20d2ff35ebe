/**
 * The one way the present instant is written: the clock, the note shown and the ladder's "now"
 * label all use it (with their language's unit: `s` / `秒`), so the three always read the same.
 * Milliseconds, because events are milliseconds apart (a 50 ms link delay).
 */
export function formatNow(t: number): string {
  const v = Number.isFinite(t) ? Math.max(0, Math.round(t * 1000) / 1000) : 0;
  return v.toFixed(3);
}
