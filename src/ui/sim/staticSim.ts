import type { FirstPicture } from './firstPicture.ts';
import type { SimInit, SimState } from './useSimulation.ts';

/** The simulation state a fresh run shows at t = 0, from its build-time picture. */
export function staticSim(p: FirstPicture, init: Pick<SimInit, 'speed' | 'pace'>, lesson: boolean): SimState {
  return {
    view: p.view,
    displayTime: p.time,
    playing: false,
    status: p.status,
    speed: init.speed,
    pace: init.pace ?? 'auto',
    lesson,
    noteIndex: p.noteIndex,
    horizon: p.time,
    canStepBack: false,
    error: null,
    journal: [],
    replayError: null,
    epoch: 0,
  };
}
