/**
 * The event log's lines, kept between frames: new trace events are grouped as they arrive
 * (only the last group, which may still grow, is rebuilt), so a frame does not re-read the
 * whole history. The trace handed in may be a window of the run's newest events (its first
 * event numbered `base`): as the window slides, lines already built stay as they are, so a frame
 * of fast playback narrates only what is new and the log's rows keep their text. The oldest lines
 * are let go in batches (at most MAX_LINES are kept), so rows are renumbered only once per batch.
 * A trace that was rewritten (step back, reset, new configuration) is read afresh.
 */
import type { TraceEvent } from '../sim/types.ts';
import type { LogLine } from './narrate.ts';
import { appendLog } from './narrate.ts';

/** Lines kept at most; beyond it the oldest DROP_BATCH lines go at once. */
export const MAX_LINES = 1000;

/**
 * When the window slid past everything read before (fast playback: more new events than the
 * window holds arrived since the last frame), only about this many of its newest events are read:
 * the lines between were never shown and the box shows a dozen, so a frame's log work stays
 * bounded however fast the clock runs.
 */
export const TAIL_EVENTS = 160;

/** Where to start reading the newest `n` events of `trace`: at the start of an instant, so no group is cut. */
function tailStart(trace: readonly TraceEvent[], n: number): number {
  let s = Math.max(0, trace.length - n);
  while (s > 0 && s < trace.length && trace[s]!.t === trace[s - 1]!.t) s++;
  return s < trace.length ? s : Math.max(0, trace.length - n);
}

export class LogCache {
  /** the lines kept (grown in place; `version` tells when they changed); `index` numbers events of the run */
  readonly lines: LogLine[] = [];
  /** how many older lines were let go: lines[i] is line number `dropped + i` of the run (a stable key) */
  dropped = 0;
  version = 0;
  /** run number of the event after the last one read */
  private readEnd = 0;
  private lastEvent: TraceEvent | undefined;
  /** where the last group began: run number of its event, index in `lines` */
  private resume = { eventAt: 0, linesAt: 0 };

  /** `maxLines` lines are kept at most; past it the oldest `dropBatch` go at once */
  constructor(
    private readonly maxLines = MAX_LINES,
    private readonly dropBatch = 400,
  ) {}

  /** lines[0 … final) are final; the rest (the last group) may be rebuilt with later events of its instant */
  get final(): number {
    return this.resume.linesAt;
  }

  /** Bring the lines up to `trace` (whose first event is number `base` of the run); returns `version`, which moves whenever the lines changed. */
  update(trace: readonly TraceEvent[], base = 0): number {
    const end = base + trace.length;
    // the same run, grown or slid on: the last event read is still where it was, and the group
    // that may still grow is still inside the window
    const same = this.readEnd > 0 && end >= this.readEnd && this.readEnd - 1 >= base && trace[this.readEnd - 1 - base] === this.lastEvent && this.resume.eventAt >= base;
    if (!same) {
      if (trace.length === 0 && this.readEnd === 0) return this.version;
      // slid on past all that was read: the run went on, only its newest events can be shown
      const slid = this.readEnd > 0 && base >= this.readEnd;
      this.lines.length = 0;
      this.dropped = 0;
      this.resume = { eventAt: base + (slid ? tailStart(trace, TAIL_EVENTS) : 0), linesAt: 0 };
    } else if (end === this.readEnd) {
      return this.version;
    }
    this.lines.length = this.resume.linesAt;
    const r = appendLog(trace, this.resume.eventAt - base, this.lines);
    for (let i = this.resume.linesAt; i < this.lines.length; i++) this.lines[i]!.index += base;
    this.resume = { eventAt: r.traceAt + base, linesAt: r.linesAt };
    if (this.lines.length > this.maxLines) {
      const n = Math.min(this.dropBatch, this.resume.linesAt);
      this.lines.splice(0, n);
      this.dropped += n;
      this.resume.linesAt -= n;
    }
    this.readEnd = end;
    this.lastEvent = trace[trace.length - 1];
    return ++this.version;
  }
}
