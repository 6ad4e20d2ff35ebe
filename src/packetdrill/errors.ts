/**
 * Every problem with a script's text surfaces as this error, so callers can
 * tell "bad script" from "bug in the tool".
 */
export class PacketdrillSyntaxError extends Error {
  override readonly name = 'PacketdrillSyntaxError';
  /** The message without the `file:line:column: ` prefix. */
  readonly reason: string;

  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.reason = reason;
  }
}
