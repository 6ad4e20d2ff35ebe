/**
 * The two ways a run stops early. They are exceptions rather than return
 * values because a check deep inside matching or a system call ends the whole
 * script at once; `runScript` turns them into its FAIL and SKIP results.
 */

/** The stack did something the script did not expect (reported at `line`). */
export class Failure extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** The script uses something the runner does not model: a SKIP, not a FAIL. */
export class Unsupported extends Error {}

export function fail(line: number, message: string): never {
  throw new Failure(line, message);
}
