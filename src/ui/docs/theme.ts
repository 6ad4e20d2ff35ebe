/**
 * `theme=` applied to the document: `data-theme` on the root element selects the palette in CSS
 * (`auto` follows the reader's system setting).
 */
import type { Theme } from './protocol.ts';

export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === 'auto') delete root.dataset.theme;
  else root.dataset.theme = theme;
}
