/**
 * autoplay=1 for embeds: start only once the frame is on screen (IntersectionObserver; inside an
 * iframe its implicit root is the top-level viewport), pause when it scrolls away, and resume when
 * it comes back if it was the scrolling that paused it.
 */
import { useEffect, useRef } from 'react';

/** Share of the frame that must be visible to count as seen. */
const VISIBLE = 0.5;

export function useVisibleAutoplay(enabled: boolean, playing: boolean, play: () => void, pause: () => void): void {
  const playingRef = useRef(playing);
  const actions = useRef({ play, pause });
  useEffect(() => {
    playingRef.current = playing;
    actions.current = { play, pause };
  });
  useEffect(() => {
    if (!enabled || typeof IntersectionObserver === 'undefined') return;
    let resumeOnShow = true; // the first time it is seen, autoplay starts
    const io = new IntersectionObserver(
      (entries) => {
        const e = entries[entries.length - 1];
        if (!e) return;
        const visible = e.isIntersecting && e.intersectionRatio >= VISIBLE;
        if (visible && resumeOnShow && !playingRef.current) {
          resumeOnShow = false;
          actions.current.play();
        } else if (!visible && playingRef.current) {
          resumeOnShow = true;
          actions.current.pause();
        } else if (!visible) {
          // stopped by the reader or at a note while hidden: do not resume on its own
        }
      },
      { threshold: [0, VISIBLE, 1] },
    );
    io.observe(document.documentElement);
    return () => io.disconnect();
  }, [enabled]);
}
