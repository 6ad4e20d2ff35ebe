/**
 * What the browser app loads on demand (dynamic import: none of this is in the
 * initial bundle): export the running world's trace, open a capture file and
 * replay one of its streams.
 */
import type { TraceEvent } from '../sim/types.ts';
import type { Profile } from '../tcp/knobs.ts';
import type { Capture, StreamInfo } from './capture.ts';
import { describeStream, listStreams, readCapture, skipNotes, streamPackets } from './capture.ts';
import { CaptureError } from './capture-error.ts';
import type { CaptureProblem } from './capture-problems.ts';
import type { CaptureFormat, CapturePoint } from './export.ts';
import { traceToCapture } from './export.ts';
import type { ReplayResult } from './replay.ts';
import { replayStream, TimerFloodError } from './replay.ts';

export function exportCapture(events: readonly TraceEvent[], format: CaptureFormat, point: CapturePoint, mss: number, title: string): Uint8Array {
  return traceToCapture(events, format, { point, mss, title });
}

/** A file that did not open: `error` the reader's English; `problem` (with `file` and `offset`) the same as data, for the page's language. */
export interface OpenFailed {
  ok: false;
  error: string;
  file?: string;
  offset?: number | null;
  problem?: CaptureProblem;
}

export type Opened = { ok: true; capture: Capture; streams: StreamInfo[]; labels: string[]; notes: string[] } | OpenFailed;

export function openCapture(bytes: Uint8Array, name: string): Opened {
  try {
    const capture = readCapture(bytes, name);
    const streams = listStreams(capture);
    if (!streams.length) streamPackets(capture, 0); // throws the "no TCP stream" error with its reasons
    return { ok: true, capture, streams, labels: streams.map(describeStream), notes: skipNotes(capture) };
  } catch (e) {
    if (e instanceof CaptureError) return { ok: false, error: e.message, file: e.file, offset: e.offset, ...(e.problem ? { problem: e.problem } : {}) };
    return { ok: false, error: `${name}: ${String(e)}` };
  }
}

/** Why a replay stopped, as data for a translated display (present when the models' timers ran away). */
export interface ReplayStopped {
  number: number;
  prev: number;
  gap: number;
  firings: number;
}

/**
 * A replay that did not run: `error` the English as `npm run replay` prints it; `stopped` (timers
 * ran away) or `problem` (with the file, e.g. a stream the capture does not hold) the same as data,
 * for the page's language.
 */
export interface ReplayFailed {
  error: string;
  file: string;
  stopped?: ReplayStopped;
  problem?: CaptureProblem;
}

export function replayCapture(capture: Capture, stream: number, profile: Profile): ReplayResult | ReplayFailed {
  const file = capture.file;
  try {
    const { info, packets } = streamPackets(capture, stream);
    return replayStream(info, packets, { profile, file });
  } catch (e) {
    if (e instanceof TimerFloodError) return { error: e.message, file, stopped: { number: e.number, prev: e.prev, gap: e.gap, firings: e.firings } };
    if (e instanceof CaptureError && e.problem) return { error: e.message, file, problem: e.problem };
    // not a problem of the file the reader knows: answered as the reader answers its own bugs
    const reason = e instanceof Error ? e.message : String(e);
    return { error: `${file}: ${reason}`, file, problem: { code: 'unreadable', reason } };
  }
}
