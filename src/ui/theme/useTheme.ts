/**
 * The page's theme: light, dark, high contrast, or auto (the system's). A `theme=` link wins;
 * otherwise the reader's last choice, remembered in localStorage.
 */
import { useEffect, useState } from 'react';
import { THEMES } from '../docs/protocol.ts';
import type { Theme } from '../docs/protocol.ts';
import { applyTheme } from '../docs/theme.ts';

const STORE = 'tcp-state-sim.theme';

export function rememberedTheme(): Theme {
  try {
    const v = localStorage.getItem(STORE);
    if (v && (THEMES as readonly string[]).includes(v)) return v as Theme;
  } catch {
    /* storage may be blocked */
  }
  return 'auto';
}

export function useTheme(fromUrl: Theme | undefined): [Theme, (t: Theme) => void] {
  const [theme, setThemeState] = useState<Theme>(() => fromUrl ?? rememberedTheme());
  useEffect(() => applyTheme(theme), [theme]);
  const setTheme = (t: Theme) => {
    setThemeState(t);
    try {
      localStorage.setItem(STORE, t);
    } catch {
      /* ignore */
    }
  };
  return [theme, setTheme];
}
