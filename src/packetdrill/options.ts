import type { Cursor } from './cursor.ts';

/**
 * Reads `--name=value` options (several may share a line) into `options`.
 * A bare `--name` maps to ''.
 */
export function parseOptionLine(c: Cursor, options: Record<string, string>): void {
  while (c.startsWith('--')) {
    c.advance(2);
    const nameAt = c.pos;
    let name = '';
    while (/[A-Za-z0-9_]/.test(c.peek())) {
      name += c.peek();
      c.advance();
    }
    if (name === '') c.fail({ code: 'option-name' }, nameAt);
    let value = '';
    if (c.eat('=')) {
      const valueAt = c.pos;
      if (c.peek() === '"') {
        // packetdrill strips the quotes of --name="value".
        c.advance();
        while (c.peek() !== '"') {
          if (c.atLineEnd()) c.fail({ code: 'unterminated-string' }, valueAt);
          value += c.peek();
          c.advance();
        }
        c.advance();
      } else {
        while (!c.atLineEnd() && c.peek() !== ' ') {
          value += c.peek();
          c.advance();
        }
        if (value === '') c.fail({ code: 'option-value', name });
      }
    }
    options[name] = value;
    c.skipBlanks();
  }
}
