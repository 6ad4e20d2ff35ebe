import type { TcpState } from '../tcp/states.ts';
import type { Profile } from '../tcp/knobs.ts';
import type { Engine } from '../tcp/stack/conn.ts';
import type { LinkConfig } from './link.ts';
import type { LoadConfig } from './load.ts';
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
  /**
   * Lean mode, for many connections (the fleet's scale): the same events in the same order
   * as a full World of the same config and seed, but nothing is recorded per event: no trace
   * (`trace` stays empty), no segment list (`segmentViews()` is empty; `segmentCount` and
   * `droppedCount` count), no peer summaries, no snapshots (`snapshot()` throws). What it
   * keeps: per-state connection counters of each host (`stacks.<peer>.stateCounts()`, O(1))
   * and per-second `samples`. Its queue is a binary heap on typed arrays with numeric timer
   * keys plus a FIFO that constant-delay deliveries go through (sched.ts).
   */
  lean?: boolean;
  /**
   * Take a sample of both hosts' per-state counts at every whole virtual second into
   * `World.samples` (default: on in lean mode, off otherwise). A sample at second S sees
   * every event due at S or before.
   */
  samples?: boolean;
  /**
   * Many connections (load.ts): the client host opens `rate` connections per virtual second
   * to the server's port 80, which a listener of the load accepts; each follows a client and
   * a server behaviour drawn from the mix. A full World records their app calls in the trace.
   */
  load?: LoadConfig;
}

export const isNetStep = (s: StepAction): s is NetAction => 'net' in s;

/** Where the two hosts live; only the Inspector shows the addresses. */
export const HOSTS = {
  client: { addr: '192.0.2.10', port: 40000 },
  server: { addr: '198.51.100.20', port: 80 },
} as const;
