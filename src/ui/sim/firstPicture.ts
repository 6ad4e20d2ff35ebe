/**
 * The first picture of a page that has not loaded the engine yet: free play or a library
 * scenario at t = 0, as computed at build time by the engine itself (firstPicturePlugin.ts).
 */
import type { WorldView } from '../../sim/view.ts';
import type { PlayerStatus } from '../player/playerMachine.ts';

export interface FirstPicture {
  view: WorldView;
  status: PlayerStatus;
  noteIndex: number;
  time: number;
}
