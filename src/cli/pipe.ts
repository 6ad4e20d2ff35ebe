/**
 * Output of the command-line tools may be piped into `head` or a pager that
 * stops reading early. Node then reports EPIPE on the next write, as an
 * unhandled 'error' event with a stack trace; a reader that has seen enough is
 * not a failure, so exit quietly instead.
 */
export function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}

/** One line for an error that is not the input's fault (a bug): its name and message, no stack. */
export function internalErrorText(e: unknown): string {
  return e instanceof Error ? `internal error: ${e.name}: ${e.message}` : `internal error: ${String(e)}`;
}
