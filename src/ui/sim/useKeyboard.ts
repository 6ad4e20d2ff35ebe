import { useEffect, useRef } from 'react';
import type { SimControls } from './useSimulation.ts';

/**
 * Keys. Free play: Space = play/pause, → = step, ← = step back. A lesson (pausing at notes):
 * → / PageDown / Space = next note, ← / PageUp = previous note (presentation clickers send
 * PageDown/PageUp). PageDown/PageUp move between notes in both modes. Never while typing or when
 * a focused control handles the key itself.
 */
export function useKeyboard(controls: SimControls, lesson: boolean): void {
  const lessonRef = useRef(lesson);
  useEffect(() => {
    lessonRef.current = lesson;
  }, [lesson]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      const el = e.target as HTMLElement | null;
      const tag = el?.tagName ?? '';
      if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || el?.isContentEditable) return;
      const inLesson = lessonRef.current;
      let run: (() => void) | null = null;
      if (e.key === ' ' || e.code === 'Space') {
        if (tag === 'BUTTON' || tag === 'SUMMARY' || tag === 'A') return; // Space activates the focused control
        run = inLesson ? controls.next : controls.toggle;
      } else if (e.key === 'ArrowRight') run = inLesson ? controls.next : controls.step;
      else if (e.key === 'ArrowLeft') run = inLesson ? controls.prev : controls.back;
      else if (e.key === 'PageDown') run = controls.next;
      else if (e.key === 'PageUp') run = controls.prev;
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controls]);
}
