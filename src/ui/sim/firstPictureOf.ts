/**
 * What a fresh run of a scenario shows at t = 0, computed by the engine and the player exactly as
 * the page would (useSimulation.ts): used at build time (firstPicturePlugin.ts) and by its test.
 */
import { createActor } from 'xstate';
import type { Scenario } from '../../scenarios/index.ts';
import { viewOf } from '../../sim/view.ts';
import { playerMachine, statusOf } from '../player/playerMachine.ts';
import { SimController } from './controller.ts';
import type { FirstPicture } from './firstPicture.ts';
import { noteTimes, VIEW_LIMITS } from './useSimulation.ts';

export function computeFirstPicture(s: Scenario | null): FirstPicture {
  const ctrl = new SimController({ scenario: s, profile: s?.profile ?? 'linux', knobs: {} }, 0);
  const notes = noteTimes(s);
  const player = createActor(playerMachine, { input: { ctrl, speed: 1, pace: 'auto', lesson: notes.length > 0, notes, autoplay: false } });
  player.start();
  const snap = player.getSnapshot();
  const picture: FirstPicture = { view: viewOf(ctrl.world, VIEW_LIMITS), status: statusOf(snap), noteIndex: snap.context.noteIndex, time: snap.context.time };
  player.stop();
  // plain data, as the page receives it
  return JSON.parse(JSON.stringify(picture)) as FirstPicture;
}
