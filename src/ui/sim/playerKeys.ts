import { useEffect, useRef } from 'react';

/** The keys that drive a player: the app's clock, a lesson's notes, the packetdrill view's run. */
export type PlayerKey = 'space' | 'right' | 'left' | 'pageDown' | 'pageUp';

/**
 * Whether a key press belongs to what the reader is doing rather than to the page's shortcuts:
 * a modifier is held (browser and system shortcuts) or the focus is in something that takes text.
 */
export function isTyping(e: KeyboardEvent): boolean {
  if (e.altKey || e.ctrlKey || e.metaKey) return true;
  const el = e.target as HTMLElement | null;
  const tag = el?.tagName ?? '';
  return tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || el?.isContentEditable === true;
}

/** The player key a keydown is, or null when it is not ours to take. */
export function playerKeyOf(e: KeyboardEvent): PlayerKey | null {
  if (e.defaultPrevented || isTyping(e)) return null;
  if (e.key === ' ' || e.code === 'Space') {
    // Space activates the focused control; taking it would press the control and the player at once
    const tag = (e.target as HTMLElement | null)?.tagName ?? '';
    return tag === 'BUTTON' || tag === 'SUMMARY' || tag === 'A' ? null : 'space';
  }
  if (e.key === 'ArrowRight') return 'right';
  if (e.key === 'ArrowLeft') return 'left';
  if (e.key === 'PageDown') return 'pageDown';
  if (e.key === 'PageUp') return 'pageUp';
  return null;
}

/**
 * Listens for player keys on the window. `act` maps a key to what it does (null: not used here);
 * it is read through a ref, so callers may pass a fresh function every render.
 */
export function usePlayerKeys(act: (key: PlayerKey) => (() => void) | null): void {
  const ref = useRef(act);
  useEffect(() => {
    ref.current = act;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const key = playerKeyOf(e);
      const run = key && ref.current(key);
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
