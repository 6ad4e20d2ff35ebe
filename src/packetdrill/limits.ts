import { PacketdrillSyntaxError } from './errors.ts';

/**
 * Limits on a script's size and shape. They turn inputs that would take
 * unbounded memory, time or stack into ordinary syntax errors (file:line:column)
 * long before any real script comes near them: the largest script of the shared
 * conformance suites is under 4 KB, its longest line under 100 characters.
 */
export const MAX_SCRIPT_CHARS = 1_048_576;
export const MAX_LINE_CHARS = 4096;
/** How deep `[`, `{` and `(` may nest in a system call's arguments. */
export const MAX_NESTING = 64;

/** Checks size and line length in one linear pass, before anything else reads the text. */
export function checkScriptLimits(text: string, file: string): void {
  let line = 1;
  let lineStart = 0;
  const limit = Math.min(text.length, MAX_SCRIPT_CHARS + 1);
  for (let i = 0; i <= limit; i++) {
    const end = i === text.length || text[i] === '\n' || text[i] === '\r';
    if (i - lineStart >= MAX_LINE_CHARS && !end) {
      throw new PacketdrillSyntaxError(file, line, MAX_LINE_CHARS + 1, { code: 'line-too-long', max: MAX_LINE_CHARS });
    }
    if (i >= MAX_SCRIPT_CHARS && i < text.length) {
      throw new PacketdrillSyntaxError(file, line, i - lineStart + 1, { code: 'script-too-long', max: MAX_SCRIPT_CHARS });
    }
    if (end) {
      if (text[i] === '\r' && text[i + 1] === '\n') i++;
      line++;
      lineStart = i + 1;
    }
  }
}
