/**
 * The story of one connection, kept while it lives so that a drill-down can replay it through
 * the full two-peer World: the client's and the server application's calls and what the
 * network did to it, with virtual times, in the World's own action vocabulary.
 */
import type { StepAction } from '../sim/config.ts';
import type { TcpState } from '../tcp/states.ts';
import type { AppMode, ClientBehaviour } from './config.ts';

export interface StoryEntry {
  t: number;
  action: StepAction;
}

export interface Story {
  /** the connection's number in arrival order */
  serial: number;
  /** the client's port (unique over the run) */
  port: number;
  /** when the client called connect() (or the spoofed SYN left) */
  start: number;
  /** one-way delay of the client's link, seconds */
  delay: number;
  behaviour: ClientBehaviour;
  mode: AppMode | null;
  entries: StoryEntry[];
  /** the server side's state changes, with times */
  path: { t: number; from: TcpState; to: TcpState; cause: string }[];
}
