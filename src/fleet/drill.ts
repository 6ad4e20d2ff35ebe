/**
 * Drill-down: one connection of the fleet, told again by the full two-peer World. Its story
 * (the calls both applications made and what the network did to it) becomes the World's
 * actions with their virtual times: the server listens at 0, the client connects at 0.1 s,
 * everything else keeps its distance from that connect().
 */
import type { StepAction } from '../sim/config.ts';
import { World } from '../sim/world.ts';
import { KNOB_NAMES, resolveKnobs } from '../tcp/knobs.ts';
import type { FleetKnobs } from './knobs.ts';
import type { Story } from './story.ts';

export const CONNECT_AT = 0.1;
const DEFAULT_DELAY = 0.05;

export interface Replay {
  /** World actions in time order, each with its time `t` (the app's `a=` format) */
  actions: ({ t: number } & StepAction)[];
  /** engine knob overrides (the app's `k=`): the server host's sysctls that differ from Linux defaults */
  knobs: Record<string, number>;
  /** the World time that corresponds to fleet time `at` */
  t: number;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The World time of fleet time `t` in this story. */
export const worldTime = (story: Story, t: number): number => round6(t - story.start + CONNECT_AT);

export function replayOf(story: Story, at: number, knobs: FleetKnobs): Replay {
  const t = worldTime(story, at);
  const actions: Replay['actions'] = [{ t: 0, peer: 'server', do: 'listen' }];
  if (Math.abs(story.delay - DEFAULT_DELAY) > 1e-9) actions.push({ t: 0, net: 'delay', seconds: story.delay });
  // A loss is noted a microsecond before the segment leaves, possibly after a call of the same
  // instant was noted: a stable sort by time puts it back in front.
  const entries = story.entries.map((e) => ({ t: Math.max(0, worldTime(story, e.t)), action: e.action })).sort((a, b) => a.t - b.t);
  for (const e of entries) {
    if (e.t > t) break;
    actions.push({ t: e.t, ...e.action });
  }
  const defaults = resolveKnobs('linux');
  const k: Record<string, number> = {};
  for (const n of KNOB_NAMES) if (knobs.engine[n] !== defaults[n]) k[n] = knobs.engine[n];
  return { actions, knobs: k, t };
}

/**
 * The story told by the full two-peer World up to the drilled-into instant, as the app replays
 * `a=`: the clock runs to each action's time, then the action is performed.
 */
export function replayWorld(r: Replay): World {
  const w = new World({ set: r.knobs });
  for (const { t, ...action } of r.actions) {
    w.runUntil(t);
    w.perform(action as StepAction);
  }
  w.runUntil(r.t);
  return w;
}
