/**
 * Counts in the reader's language (`7,729`, `7,729` in zh-CN too), with one Intl.NumberFormat
 * per language: toLocaleString() builds a formatter on every call, and the fleet page formats
 * a few hundred numbers each time samples arrive.
 */
const formatters = new Map<string, Intl.NumberFormat>();

export function formatCount(n: number, lang: string): string {
  let f = formatters.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang);
    formatters.set(lang, f);
  }
  return f.format(n);
}
