import type { CaptureProblem } from './capture-problems.ts';
import { captureProblemText } from './capture-problems.ts';

/** The one error the capture reader throws: what is wrong, in which file, at which byte. */
export class CaptureError extends Error {
  override readonly name = 'CaptureError';
  constructor(
    readonly file: string,
    /** byte offset in the file, or null when the problem is not at one place (an unknown stream id) */
    readonly offset: number | null,
    readonly detail: string,
    /** set only when a bug of the reader was caught and answered as this error (the fuzzer counts those as crashes) */
    cause?: unknown,
    /** the problem as data, for a page that words it in its own language */
    readonly problem?: CaptureProblem,
  ) {
    super(`${file}${offset === null ? '' : `: byte ${offset}`}: ${detail}`, cause === undefined ? undefined : { cause });
  }
}

/** A CaptureError for a structured problem: its detail is the problem's English. */
export const captureError = (file: string, offset: number | null, problem: CaptureProblem, cause?: unknown): CaptureError =>
  new CaptureError(file, offset, captureProblemText(problem), cause, problem);
