import type { SimControls } from './useSimulation.ts';
import { usePlayerKeys } from './playerKeys.ts';

/**
 * Keys. Free play: Space = play/pause, → = step, ← = step back. A lesson (pausing at notes):
 * → / PageDown / Space = next note, ← / PageUp = previous note (presentation clickers send
 * PageDown/PageUp). PageDown/PageUp move between notes in both modes. Never while typing or when
 * a focused control handles the key itself.
 */
export function useKeyboard(controls: SimControls, lesson: boolean): void {
  usePlayerKeys((key) => {
    switch (key) {
      case 'space':
        return lesson ? controls.next : controls.toggle;
      case 'right':
        return lesson ? controls.next : controls.step;
      case 'left':
        return lesson ? controls.prev : controls.back;
      case 'pageDown':
        return controls.next;
      case 'pageUp':
        return controls.prev;
    }
  });
}
