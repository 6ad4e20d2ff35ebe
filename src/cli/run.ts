/**
 * How every command-line tool ends: its result as the exit status; a usage mistake
 * (status 2, with the usage line), an input the tool rejects (status 2, its message),
 * or a bug (status 70, one line without a stack). Output piped into `head` that stops
 * reading is not a failure.
 */
import { UsageError } from './args.ts';
import { internalErrorText, quietOnClosedPipe } from './pipe.ts';

export function runCli(tool: string, usage: string, main: (argv: string[]) => number, isInputError: (e: unknown) => boolean = () => false): void {
  quietOnClosedPipe();
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${tool}: ${e.message}\n${usage}`);
      process.exitCode = 2;
    } else if (isInputError(e)) {
      console.error(`${tool}: ${(e as Error).message}`);
      process.exitCode = 2;
    } else {
      console.error(`${tool}: ${internalErrorText(e)}`);
      process.exitCode = 70;
    }
  }
}
