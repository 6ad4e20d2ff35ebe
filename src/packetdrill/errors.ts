import { syntaxText } from './syntax-problems.ts';
import type { SyntaxProblem } from './syntax-problems.ts';

/**
 * Every problem with a script's text surfaces as this error, so callers can
 * tell "bad script" from "bug in the tool".
 */
export class PacketdrillSyntaxError extends Error {
  override readonly name = 'PacketdrillSyntaxError';
  /** The message without the `file:line:column: ` prefix (the CLI's English). */
  readonly reason: string;

  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    /** what is wrong, as data (a page words it in its own language) */
    readonly problem: SyntaxProblem,
  ) {
    const reason = syntaxText(problem);
    super(`${file}:${line}:${column}: ${reason}`);
    this.reason = reason;
  }
}
