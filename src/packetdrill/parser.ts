import type { Event, Script, TimeSpec } from './ast.ts';
import { Cursor, type Pos } from './cursor.ts';
import { readCommand, readPython } from './literals.ts';
import { parseOptionLine } from './options.ts';
import { parsePacket } from './packet.ts';
import { checkScriptLimits } from './limits.ts';
import { preprocess } from './preprocess.ts';
import { parseSyscall } from './syscall.ts';
import { atTime, parseTime } from './time.ts';

export { PacketdrillSyntaxError } from './errors.ts';


/**
 * Parses a packetdrill script. `defines` are the symbols `#ifdef` tests.
 * Any problem in the text throws PacketdrillSyntaxError with the file,
 * line and column.
 */
export function parseScript(text: string, file: string, defines: ReadonlySet<string>): Script {
  checkScriptLimits(text, file);
  const c = new Cursor(preprocess(text, file, defines), file);
  const script: Script = { file, options: {}, events: [] };

  for (;;) {
    c.skipWhitespace();
    if (c.eof()) break;
    if (c.startsWith('--')) {
      if (script.events.length > 0) c.fail({ code: 'options-after-events' });
      parseOptionLine(c, script.options);
    } else if (c.peek() === '`') {
      // packetdrill's init and cleanup commands carry no time.
      const at = c.pos;
      const command = readCommand(c);
      script.events.push({ ...lineCol(at), time: { kind: 'relative', start: 0 }, kind: 'command', command, implicitTime: true });
    } else if (atTime(c)) {
      script.events.push(parseEvent(c));
    } else {
      c.unexpected({ kind: 'line-start' });
    }
    c.skipBlanks();
    if (!c.atLineEnd()) c.unexpected({ kind: 'eol' });
  }
  return script;
}

function parseEvent(c: Cursor): Event {
  const at = c.pos;
  const time = parseTime(c);
  c.skipBlanks();
  const base = { ...lineCol(at), time };
  const bodyAt = c.pos;

  let event: Event;
  if (c.peek() === '<' || c.peek() === '>') {
    event = { ...base, kind: 'packet', ...parsePacket(c) };
  } else if (c.peek() === '`') {
    event = { ...base, kind: 'command', command: readCommand(c), implicitTime: false };
  } else if (c.startsWith('%{')) {
    event = { ...base, kind: 'python', code: readPython(c) };
  } else if (c.isIdentStart()) {
    const nameAt = c.pos;
    const name = c.ident() ?? '';
    c.skipBlanks();
    if (c.peek() !== '(') {
      c.reset(nameAt);
      c.unexpected({ kind: 'action' });
    }
    event = { ...base, kind: 'syscall', ...parseSyscall(c, name) };
  } else {
    return c.unexpected({ kind: 'action' });
  }
  checkTimeUse(c, time, event, bodyAt);
  return event;
}

/**
 * packetdrill's own restrictions: only an expected (outbound) packet can be
 * waited for at an unknown time or within a window, and only a system call
 * can block until a given time.
 */
function checkTimeUse(c: Cursor, time: TimeSpec, event: Event, bodyAt: Pos): void {
  const outbound = event.kind === 'packet' && event.direction === 'out';
  if (time.kind === 'any' && !outbound) c.fail({ code: 'any-time-inbound' }, eventPos(event));
  if (time.end?.form === '~' && !outbound) c.fail({ code: 'window-inbound' }, eventPos(event));
  if (time.end?.form === '...' && event.kind !== 'syscall') {
    c.fail({ code: 'dots-end-not-call' }, bodyAt);
  }
}

function eventPos(e: Event): Pos {
  return { offset: 0, line: e.line, column: e.column };
}

function lineCol(p: Pos): { line: number; column: number } {
  return { line: p.line, column: p.column };
}
