import type { SyscallEvent, SyscallResult } from './ast.ts';
import type { Cursor } from './cursor.ts';
import { parseExprList } from './expr.ts';
import { readUnsigned } from './numbers.ts';

type SyscallBody = Pick<SyscallEvent, 'name' | 'args' | 'result'>;

/**
 * Parses `name(args) = result [ERRNO] [(note)]` with the cursor just after
 * the name, on `(`.
 */
export function parseSyscall(c: Cursor, name: string): SyscallBody {
  const open = c.pos;
  c.expect('(');
  const args = parseExprList(c, ')');
  c.skipWhitespace();
  if (c.eof()) c.fail({ code: 'call-never-closed', call: name }, open);
  c.expect(')', { kind: 'tokens', tokens: [',', ')'] });

  c.skipBlanks();
  if (!c.eat('=')) c.fail({ code: 'call-needs-result' });
  c.skipBlanks();
  const result = parseResult(c);
  return { name, args, result };
}

function parseResult(c: Cursor): SyscallResult {
  const negative = c.peek() === '-';
  if (negative) c.advance();
  const n = readUnsigned(c);
  if (!n) return c.unexpected({ kind: 'call-result' });
  const result: SyscallResult = { value: negative ? -n.value : n.value };

  c.skipBlanks();
  const errno = c.ident();
  if (errno !== undefined) {
    result.errno = errno;
    c.skipBlanks();
  }
  if (c.peek() === '(') {
    const at = c.pos;
    c.advance();
    let note = '';
    while (c.peek() !== ')') {
      if (c.atLineEnd()) c.fail({ code: 'unterminated-note' }, at);
      note += c.peek();
      c.advance();
    }
    c.advance();
    result.note = note.trim();
  }
  return result;
}
