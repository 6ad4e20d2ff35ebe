/**
 * Presenter mode (`present=1`, the Present button, F): the two diagrams, the current note and the
 * clock, in large type, filling the screen (Fullscreen API where the browser allows it).
 * Keys, as clickers send them: PageDown / → / Space = next (note, or event in free play),
 * PageUp / ← = previous, B or . = blank screen, S = socket buttons, F = fullscreen, Esc = leave.
 * Nothing scrolls the page while it is on.
 */
import { useEffect, useRef, useState } from 'react';
import { isTyping } from '../sim/playerKeys.ts';

export interface PresenterActions {
  next(): void;
  prev(): void;
}

export interface Presenter {
  on: boolean;
  blank: boolean;
  sockets: boolean;
  enter(): void;
  leave(): void;
  toggleSockets(): void;
}

function requestFullscreen(): void {
  const el = document.documentElement;
  if (document.fullscreenElement || !el.requestFullscreen) return;
  // refused without a user gesture (a link opened with present=1): the layout works without it
  el.requestFullscreen().catch(() => {});
}
function exitFullscreen(): void {
  if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(() => {});
}

export function usePresenter(initial: boolean, actions: PresenterActions): Presenter {
  const [on, setOn] = useState(initial);
  const [blank, setBlank] = useState(false);
  const [sockets, setSockets] = useState(false);
  const act = useRef(actions);
  useEffect(() => {
    act.current = actions;
  }, [actions]);

  useEffect(() => {
    document.documentElement.classList.toggle('presenting', on);
    return () => document.documentElement.classList.remove('presenting');
  }, [on]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e)) return;
      const k = e.key;
      if (!on) {
        if ((k === 'f' || k === 'F') && !e.defaultPrevented) {
          e.preventDefault();
          setOn(true);
          requestFullscreen();
        }
        return;
      }
      let handled = true;
      if (k === 'PageDown' || k === 'ArrowRight' || k === ' ' || k === 'ArrowDown') act.current.next();
      else if (k === 'PageUp' || k === 'ArrowLeft' || k === 'ArrowUp') act.current.prev();
      else if (k === 'b' || k === 'B' || k === '.') setBlank((b) => !b);
      else if (k === 's' || k === 'S') setSockets((x) => !x);
      else if (k === 'f' || k === 'F') {
        if (document.fullscreenElement) exitFullscreen();
        else requestFullscreen();
      } else if (k === 'Escape') {
        if (blank) setBlank(false);
        else {
          setOn(false);
          setSockets(false);
          exitFullscreen();
        }
      } else if (k === 'Home' || k === 'End') {
        /* no scrolling */
      } else handled = false;
      if (handled) {
        // the page never scrolls, and the app's own key handling does not run twice
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    };
    // capture: before the app's keys (which would also act on → and Space)
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [on, blank]);

  return {
    on,
    blank,
    sockets,
    enter: () => {
      setOn(true);
      requestFullscreen();
    },
    leave: () => {
      setOn(false);
      setBlank(false);
      setSockets(false);
      exitFullscreen();
    },
    toggleSockets: () => setSockets((x) => !x),
  };
}
