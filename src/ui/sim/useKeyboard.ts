import { useEffect } from 'react';
import type { SimControls } from './useSimulation.ts';

/** Space = play/pause, → = step, ← = step back; never while typing or when a control handles the key. */
export function useKeyboard(controls: SimControls): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      const el = e.target as HTMLElement | null;
      const tag = el?.tagName ?? '';
      if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || el?.isContentEditable) return;
      if (e.key === ' ' || e.code === 'Space') {
        if (tag === 'BUTTON' || tag === 'SUMMARY' || tag === 'A') return; // Space activates the focused control
        e.preventDefault();
        controls.toggle();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        controls.step();
      } else if (e.key === 'ArrowLeft') {
        e.preventDefault();
        controls.back();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controls]);
}
