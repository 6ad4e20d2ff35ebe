import type { Reason, UnsupportedKind } from './reasons.ts';
import { reasonText } from './reasons.ts';

/**
 * The two ways a run stops early. They are exceptions rather than return
 * values because a check deep inside matching or a system call ends the whole
 * script at once; `runScript` turns them into its FAIL and SKIP results.
 */

/** The stack did something the script did not expect (reported at `line`). */
export class Failure extends Error {
  constructor(
    readonly line: number,
    readonly reason: Reason,
  ) {
    super(reasonText(reason));
  }
}

/** The script uses something the runner does not model: a SKIP, not a FAIL. */
export class Unsupported extends Error {
  readonly reason: Reason;
  constructor(kind: UnsupportedKind, what: string, line?: number) {
    const reason: Reason = { code: 'unsupported', kind, what, ...(line !== undefined ? { line } : {}) };
    super(reasonText(reason));
    this.reason = reason;
  }
}

export function fail(line: number, reason: Reason): never {
  throw new Failure(line, reason);
}
