/**
 * What the page and the fleet worker say to each other (through comlink): a run streams its
 * samples in chunks, can be cancelled, and a drill-down asks for connections in one state.
 */
import type { FleetConfig } from '../../fleet/config.ts';
import type { Replay } from '../../fleet/drill.ts';
import type { Refusal } from '../../fleet/problems.ts';
import type { Sample } from '../../fleet/sample.ts';
import type { TcpState } from '../../tcp/states.ts';

export interface RunChunk {
  run: number;
  samples: Sample[];
  markers: { t: number; index: number }[];
  /** virtual seconds simulated so far, and in all */
  done: number;
  total: number;
  finished: boolean;
  /** wall-clock milliseconds the worker spent so far (for the bench) */
  wallMs: number;
  lifecycles: number;
  /** the run could not start or go on: a refused configuration as data (worded by the page), or a bug's message */
  error?: Refusal;
}

export interface DrillConnection {
  serial: number;
  /** the client's address and port as the readouts print them (`203.0.3.7:51234`) */
  peer: string;
  behaviour: string;
  mode: string | null;
  start: number;
  path: { t: number; from: TcpState; to: TcpState; cause: string }[];
  replay: Replay;
}

export interface DrillResult {
  t: number;
  state: TcpState;
  total: number;
  connections: DrillConnection[];
}

export interface FleetWorkerApi {
  run(run: number, cfg: FleetConfig, onChunk: (c: RunChunk) => void): Promise<void>;
  cancel(run: number): void;
  drill(cfg: FleetConfig, t: number, state: TcpState): Promise<DrillResult>;
  /** the pcapng capture of a drilled-into connection (drillCapture.ts) */
  capture(c: DrillConnection, presetId: string): Promise<Uint8Array>;
}
