/**
 * The page's theme, one mechanism for every page kind (the app, the fleet and packetdrill views,
 * embeds): light, dark, high contrast, or auto (the system's). `data-theme` on the root element
 * selects the palette in theme.css; `auto` removes it and app.css follows the system setting.
 * A `theme=` link wins; otherwise a full page uses the reader's last choice (remembered in
 * localStorage), while an embed uses `auto` and never touches what the reader chose in the app.
 */
import { useCallback, useEffect, useState } from 'react';
import { THEMES } from '../docs/protocol.ts';
import type { Theme } from '../docs/protocol.ts';

const STORE = 'tcp-state-sim.theme';

export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === 'auto') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

export function rememberedTheme(): Theme {
  try {
    const v = localStorage.getItem(STORE);
    if (v && (THEMES as readonly string[]).includes(v)) return v as Theme;
  } catch {
    /* storage may be blocked */
  }
  return 'auto';
}

/** `remember`: a full page (reads and keeps the reader's choice); an embed passes false. */
export function useTheme(fromUrl: Theme | undefined, remember = true): [Theme, (t: Theme) => void] {
  const [theme, setThemeState] = useState<Theme>(() => fromUrl ?? (remember ? rememberedTheme() : 'auto'));
  useEffect(() => applyTheme(theme), [theme]);
  const setTheme = useCallback(
    (t: Theme) => {
      setThemeState(t);
      if (!remember) return;
      try {
        localStorage.setItem(STORE, t);
      } catch {
        /* ignore */
      }
    },
    [remember],
  );
  return [theme, setTheme];
}
