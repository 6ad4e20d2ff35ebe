import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

/** One query object for the page: React reads the snapshot on every render, and matchMedia() is not free. */
let query: MediaQueryList | null | undefined;
const mediaQuery = (): MediaQueryList | null => {
  if (query === undefined) query = typeof matchMedia === 'function' ? matchMedia(QUERY) : null;
  return query;
};

function subscribe(onChange: () => void): () => void {
  const m = mediaQuery();
  if (!m) return () => {};
  m.addEventListener('change', onChange);
  return () => m.removeEventListener('change', onChange);
}

/** The reader asked for less motion (operating-system setting). */
export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, () => mediaQuery()?.matches ?? false, () => false);
}
