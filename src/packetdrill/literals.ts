import type { Cursor } from './cursor.ts';

/**
 * Reads a `` `shell command` `` with the cursor on the opening backtick and
 * returns the text between the backticks verbatim. It may span lines; a
 * backslash escapes the next character (kept as written, for the shell).
 */
export function readCommand(c: Cursor): string {
  const open = c.pos;
  c.advance();
  const from = c.offset;
  while (c.peek() !== '`') {
    if (c.eof()) c.fail({ code: 'unterminated-command' }, open);
    if (c.peek() === '\\') c.advance();
    c.advance();
  }
  const text = c.text.slice(from, c.offset);
  c.advance();
  return text;
}

/**
 * Reads `%{ code }%` with the cursor on `%{`. Surrounding spaces and tabs are
 * dropped as packetdrill does, since Python is sensitive to indentation.
 */
export function readPython(c: Cursor): string {
  const open = c.pos;
  c.advance(2);
  const from = c.offset;
  while (!c.startsWith('}%')) {
    if (c.eof()) c.fail({ code: 'unterminated-python' }, open);
    c.advance();
  }
  const code = c.text.slice(from, c.offset);
  c.advance(2);
  return code.replace(/^[ \t]+|[ \t]+$/g, '');
}
