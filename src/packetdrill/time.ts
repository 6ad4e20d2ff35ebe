import type { TimeSpec } from './ast.ts';
import type { Cursor } from './cursor.ts';
import { readSeconds } from './numbers.ts';
import type { Expected } from './syntax-problems.ts';

/** True if the cursor is at something that starts a time spec. */
export function atTime(c: Cursor): boolean {
  const ch = c.peek();
  return ch === '*' || ch === '+' || /[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(c.peek(1)));
}

/**
 * Parses `0.1`, `+.1`, `*`, `start...end` and `start~end`.
 *
 * A range end written without `+` after a relative start (`+0...0.300`)
 * is still relative to the previous event: that is how packetdrill reads
 * blocking calls (blocking-read.pkt has `+0...0.100` at t=0.2, which would be
 * backwards if the end were absolute).
 */
export function parseTime(c: Cursor): TimeSpec {
  if (c.eat('*')) return { kind: 'any', start: 0 };

  const startRelative = c.eat('+');
  if (startRelative) c.skipBlanks();
  const start = expectSeconds(c, startRelative ? { kind: 'after-plus' } : { kind: 'time' });
  const time: TimeSpec = { kind: startRelative ? 'relative' : 'absolute', start };

  const formAt = c.pos;
  const form = c.eat('...') ? '...' : c.eat('~') ? '~' : undefined;
  if (!form) return time;

  c.skipBlanks();
  const endRelative = c.eat('+');
  const value = expectSeconds(c, { kind: 'end-time', form });
  const relative = endRelative || (form === '...' && startRelative);
  time.end = { kind: relative ? 'relative' : 'absolute', value, form };
  if (time.kind === time.end.kind && value < start) {
    c.fail({ code: 'time-backwards', range: formatTime(time) }, formAt);
  }
  return time;
}

function expectSeconds(c: Cursor, expected: Expected): number {
  const s = readSeconds(c);
  if (s === undefined) return c.unexpected(expected);
  return s;
}

/** Renders a time spec the way a script would write it. */
export function formatTime(t: TimeSpec): string {
  if (t.kind === 'any') return '*';
  const start = `${t.kind === 'relative' ? '+' : ''}${t.start}`;
  if (!t.end) return start;
  // After a relative start, `...` implies a relative end; writing `+` would
  // be equally valid but is not how scripts spell it.
  const plus = t.end.kind === 'relative' && !(t.end.form === '...' && t.kind === 'relative') ? '+' : '';
  return `${start}${t.end.form}${plus}${t.end.value}`;
}
