import type { TcpState } from '../tcp/states.ts';
import type { Profile } from '../tcp/knobs.ts';
import type { Engine } from '../tcp/stack/conn.ts';
import type { LinkConfig } from './link.ts';
import type { AppAction, HostAction, NetAction, PeerName } from './types.ts';

/** App behaviours a scenario or the UI can switch per peer. */
export type BehaviourAction = { do: 'never-close'; on: boolean } | { do: 'auto-read'; on: boolean };

export type PeerStep = { peer: PeerName } & (AppAction | HostAction | BehaviourAction);
export type StepAction = PeerStep | NetAction;

/** A step fires at a virtual time, or `after` seconds once a peer reaches a state. */
export type ScheduledStep = StepAction & ({ at: number } | { when: { peer: PeerName; state: TcpState }; after?: number });

export interface WorldConfig {
  scenario?: string;
  profile?: Profile;
  set?: Readonly<Record<string, unknown>>;
  seed?: number;
  link?: Partial<LinkConfig>;
  steps?: readonly ScheduledStep[];
  /**
   * Keep only about this many of the newest trace events and segments (between n and 2n), so a
   * run of any length fits in bounded memory; older ones can be recomputed from a snapshot
   * (determinism). Unset: keep everything (headless runs print the whole trace).
   */
  retain?: { events: number; segments: number };
  /** how connections are stepped: `derived` (default) or the XState reference `xstate` */
  engine?: Engine;
}

export const isNetStep = (s: StepAction): s is NetAction => 'net' in s;

/** Where the two hosts live; only the Inspector shows the addresses. */
export const HOSTS = {
  client: { addr: '192.0.2.10', port: 40000 },
  server: { addr: '198.51.100.20', port: 80 },
} as const;
