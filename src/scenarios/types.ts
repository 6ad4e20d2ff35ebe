/**
 * Scenario files (DESIGN.md "Scenario file (JSON)"): what a scenario is, as data.
 * The step actions are the world's own AppAction / HostAction / NetAction (src/sim/types.ts),
 * plus the behaviour switches `never-close` and `auto-read`; a step adds when it runs (`at`, or `when` + `after`)
 * and, for application and host actions, which peer acts.
 */
import type { AppAction, Direction, HostAction, NetAction, PeerName } from '../sim/types.ts';
import type { KnobName, Profile } from '../tcp/knobs.ts';
import type { TcpState } from '../tcp/states.ts';

export type { Direction, PeerName };

export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

/** A user-facing string in every supported language. */
export type LocalizedText = Record<Lang, string>;

/** Link parameters at the start of the run; network steps may change them later. */
export interface LinkSettings {
  /** one-way delay, seconds (the world's default is 0.05) */
  delay?: number;
  /** percent of segments lost, 0..100 (drawn from the seeded RNG) */
  loss?: number;
  /** extra random delay, 0..jitter seconds (seeded) */
  jitter?: number;
  /** percent of segments delivered twice, 0..100 (seeded) */
  duplicate?: number;
}

/**
 * Application behaviours a step can switch for one peer (the world's PeerApp settings):
 * - `never-close`: "the application never calls close()": with `on: true` the application ignores
 *   EOF and keeps its descriptor open (the CLOSE_WAIT leak); close() is refused while it is on.
 * - `auto-read` (on by default): the application reads data, EOF and errors as soon as they arrive;
 *   with `on: false` it reads only when a `read` step says so.
 */
export type BehaviourAction = { do: 'never-close'; on: boolean } | { do: 'auto-read'; on: boolean };

/** Everything a step can ask of one peer. */
export type PeerAction = AppAction | HostAction | BehaviourAction;
export type PeerActionName = PeerAction['do'];
export type NetActionName = NetAction['net'];

/** A condition on a peer's connection state (the state as textbooks draw it, see PeerView.state). */
export interface StepCondition {
  peer: PeerName;
  state: TcpState;
}

/**
 * When a step runs: at an absolute virtual time, or once, the first time `when.peer` enters
 * `when.state`, plus `after` seconds (default 0).
 */
export type StepTiming =
  | { at: number; when?: undefined; after?: undefined }
  | { at?: undefined; when: StepCondition; after?: number };

/** An application or host action of one peer. */
export type PeerStep = StepTiming & { peer: PeerName; net?: undefined } & PeerAction;

/**
 * A network action. `drop-next` drops the next segment sent in `dir` whose flags include all of
 * `flags` (e.g. "FIN" also matches FIN,ACK); without `flags`, the next segment of any kind.
 */
export type NetStep = StepTiming & { peer?: undefined; do?: undefined } & NetAction;

export type Step = PeerStep | NetStep;

export interface ScenarioNote {
  /** virtual seconds at which the narration applies */
  at: number;
  text: LocalizedText;
}

export interface Scenario {
  /** kebab-case, equal to the library file name */
  id: string;
  title: LocalizedText;
  /** one paragraph: what the scenario shows and why it matters */
  summary: LocalizedText;
  /** default: linux */
  profile?: Profile;
  /** knob overrides (DESIGN.md "Profiles and knobs") */
  set?: Partial<Record<KnobName, number>>;
  link?: LinkSettings;
  /** seed of the world's RNG (default 1) */
  seed?: number;
  /** how long to run headless, seconds; default: until the event queue is empty, at most 600 s */
  until?: number;
  steps: Step[];
  /** narration, in time order */
  notes: ScenarioNote[];
}

export function isNetStep(s: Step): s is NetStep {
  return s.net !== undefined;
}

export function isPeerStep(s: Step): s is PeerStep {
  return s.net === undefined;
}
