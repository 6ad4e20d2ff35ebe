/**
 * The event log's lines, kept between frames: new trace events are grouped as they arrive
 * (only the last group, which may still grow, is rebuilt), so a frame does not re-read the
 * whole history. A trace that was rewritten (step back, reset, new configuration) is read afresh.
 */
import type { TraceEvent } from '../sim/types.ts';
import type { LogLine } from './narrate.ts';
import { appendLog } from './narrate.ts';

export class LogCache {
  /** the lines so far (grown in place; `version` tells when they changed) */
  readonly lines: LogLine[] = [];
  version = 0;
  private read = 0;
  private first: TraceEvent | undefined;
  private lastEvent: TraceEvent | undefined;
  private resume = { traceAt: 0, linesAt: 0 };

  /** Bring the lines up to `trace`; returns `version`, which moves whenever the lines changed. */
  update(trace: readonly TraceEvent[]): number {
    const same = trace.length >= this.read && trace[0] === this.first && (this.read === 0 || trace[this.read - 1] === this.lastEvent);
    if (!same) {
      this.lines.length = 0;
      this.read = 0;
      this.resume = { traceAt: 0, linesAt: 0 };
    } else if (trace.length === this.read) {
      return this.version;
    }
    this.lines.length = this.resume.linesAt;
    this.resume = appendLog(trace, this.resume.traceAt, this.lines);
    this.read = trace.length;
    this.first = trace[0];
    this.lastEvent = trace[trace.length - 1];
    return ++this.version;
  }
}
