import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { SCENARIOS } from '../../scenarios/index.ts';
import { viewOf } from '../../sim/view.ts';
import { playerMachine, statusOf } from '../player/playerMachine.ts';
import { SimController } from './controller.ts';
import { needsEngineAtOnce } from './engineNeed.ts';
import { firstPictureOf } from './useDeferredSimulation.tsx';
import { staticSim } from './staticSim.ts';
import { noteTimes, VIEW_LIMITS } from './useSimulation.ts';

const plain = <T,>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('the app before its engine is here', () => {
  it('shows, for free play and each library scenario, the state the live simulation starts in', () => {
    for (const s of [null, ...SCENARIOS]) {
      const id = s?.id ?? 'free';
      const ctrl = new SimController({ scenario: s, profile: s?.profile ?? 'linux', knobs: {} }, 0);
      const notes = noteTimes(s);
      const player = createActor(playerMachine, { input: { ctrl, speed: 1, pace: 'auto', lesson: notes.length > 0, notes, autoplay: false } }).start();
      const c = player.getSnapshot().context;
      // the fields useSimulation.ts publishes, read from a fresh controller and player
      const live = {
        view: viewOf(ctrl.world, VIEW_LIMITS),
        displayTime: c.time,
        playing: statusOf(player.getSnapshot()) === 'playing',
        status: statusOf(player.getSnapshot()),
        speed: c.speed,
        pace: c.pace,
        lesson: c.lesson,
        noteIndex: c.noteIndex,
        horizon: c.horizon,
        canStepBack: ctrl.canStepBack || c.time > 1e-9,
        error: ctrl.runError,
        journal: ctrl.actions.slice(),
        replayError: null,
        epoch: ctrl.epoch,
      };
      player.stop();
      const picture = firstPictureOf(id);
      expect(picture, id).toBeDefined();
      expect(staticSim(picture!, { speed: 1 }, notes.length > 0), id).toEqual(plain(live));
    }
  });

  it('has a picture only for free play and the library', () => {
    expect(firstPictureOf('nope')).toBeUndefined();
    expect(firstPictureOf('~custom')).toBeUndefined();
    expect(firstPictureOf('toString')).toBeUndefined();
  });

  it('fetches the engine before the first render only for links that need it', () => {
    for (const q of ['?scenario=teardown', '?lang=zh-CN', '', '?speed=7&pace=exact', '?autoplay=0', '?present=0&theme=dark'])
      expect(needsEngineAtOnce(q), q).toBe(false);
    for (const q of ['?t=1', '?a=xyz', '?k=abc', '?s=abc', '?profile=rfc9293', '?lesson=0', '?autoplay=1', '?present=1&scenario=teardown'])
      expect(needsEngineAtOnce(q), q).toBe(true);
  });
});
