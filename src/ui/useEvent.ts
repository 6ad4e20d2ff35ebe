import { useCallback, useLayoutEffect, useRef } from 'react';

/**
 * A handler with a stable identity that always calls the latest `fn`: memoized parts of the page
 * (the header) can take it as a prop without being drawn again on every frame of playback.
 * Call it from events only, never while rendering.
 */
export function useEvent<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const ref = useRef(fn);
  useLayoutEffect(() => {
    ref.current = fn;
  });
  return useCallback((...args: A) => ref.current(...args), []);
}
