/**
 * The player buttons' icons, drawn as paths: the glyphs ⏵ ⏸ ⏭ are missing from many fonts.
 * Shared by the embed's control bar and the packetdrill view's player.
 */
import './playerIcon.css';
export const ICON = {
  play: 'M3 1.5v13l11-6.5z',
  pause: 'M3 2h3.5v12H3zM9.5 2H13v12H9.5z',
  step: 'M2 2v12l8-6zM11 2h3v12h-3z',
  back: 'M14 2v12L6 8zM2 2h3v12H2z',
  start: 'M2 2h2.5v12H2zM15 2v12L5 8z',
  next: 'M1 2v12l6.5-6zM7.5 2v12L14 8zM14 2h1.5v12H14z',
} as const;

export function PlayerIcon({ d }: { d: string }) {
  return (
    <svg className="player-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
  );
}
