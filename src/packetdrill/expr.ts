import type { Expr, StructField } from './ast.ts';
import type { Cursor, Pos } from './cursor.ts';
import { MAX_NESTING } from './limits.ts';
import { readUnsigned } from './numbers.ts';


/**
 * Parses `expr, expr, ...` up to (not including) `close`. Newlines are
 * allowed inside brackets, as packetdrill scripts wrap long calls.
 */
export function parseExprList(c: Cursor, close: string): Expr[] {
  const items: Expr[] = [];
  c.skipWhitespace();
  if (c.peek() === close) return items;
  for (;;) {
    items.push(parseExpr(c));
    c.skipWhitespace();
    if (!c.eat(',')) break;
    c.skipWhitespace();
  }
  return items;
}

/** `a | b | c`, or a single primary. */
export function parseExpr(c: Cursor): Expr {
  const first = parsePrimary(c);
  const items = [first];
  for (;;) {
    const save = c.pos;
    c.skipWhitespace();
    if (!c.eat('|')) {
      c.reset(save);
      break;
    }
    c.skipWhitespace();
    items.push(parsePrimary(c));
  }
  return items.length === 1 ? first : { kind: 'or', items };
}

function parsePrimary(c: Cursor): Expr {
  if (c.eat('...')) return { kind: 'ellipsis' };
  if (c.peek() === '[') return parseBracketed(c, '[', ']', (items) => ({ kind: 'array', items }));
  if (c.peek() === '{') return parseStruct(c);
  if (c.peek() === '"') return parseString(c);

  const at = c.pos;
  const negative = c.peek() === '-' && /[0-9]/.test(c.peek(1));
  if (negative) c.advance();
  const n = readUnsigned(c);
  if (n) return { kind: 'number', value: negative ? -n.value : n.value, raw: negative ? `-${n.raw}` : n.raw };
  if (negative) c.fail({ code: 'number-after-minus' }, at);

  const name = c.ident();
  if (name === undefined) return c.unexpected({ kind: 'argument' });
  // `htons(8080)`, `inet_addr("1.2.3.4")`: kept as calls for the runner to interpret.
  if (c.peek() === '(') return parseBracketed(c, '(', ')', (args) => ({ kind: 'call', name, args }));
  return { kind: 'ident', name };
}

/** Depth of `[`, `{` and `(` open around the cursor; bounds the recursion below. */
const depths = new WeakMap<Cursor, number>();

function nested<T>(c: Cursor, at: Pos, parse: () => T): T {
  const depth = (depths.get(c) ?? 0) + 1;
  if (depth > MAX_NESTING) c.fail({ code: 'too-deep', max: MAX_NESTING }, at);
  depths.set(c, depth);
  try {
    return parse();
  } finally {
    depths.set(c, depth - 1);
  }
}

function parseBracketed(c: Cursor, open: string, close: string, build: (items: Expr[]) => Expr): Expr {
  const at = c.pos;
  return nested(c, at, () => {
    c.expect(open);
    const items = parseExprList(c, close);
    c.skipWhitespace();
    if (c.eof()) c.fail({ code: 'never-closed', open }, at);
    c.expect(close, { kind: 'tokens', tokens: [',', close] });
    return build(items);
  });
}

/** `{onoff=1, linger=0}` or positional `{..., 100}`. */
function parseStruct(c: Cursor): Expr {
  const at = c.pos;
  return nested(c, at, () => structBody(c, at));
}

function structBody(c: Cursor, at: Pos): Expr {
  c.expect('{');
  const fields: StructField[] = [];
  c.skipWhitespace();
  while (c.peek() !== '}' && !c.eof()) {
    fields.push(parseField(c));
    c.skipWhitespace();
    if (!c.eat(',')) break;
    c.skipWhitespace();
  }
  if (c.eof()) c.fail({ code: 'never-closed', open: '{' }, at);
  c.expect('}', { kind: 'tokens', tokens: [',', '}'] });
  return { kind: 'struct', fields };
}

function parseField(c: Cursor): StructField {
  const save = c.pos;
  const name = c.ident();
  if (name !== undefined) {
    c.skipWhitespace();
    if (c.eat('=')) {
      c.skipWhitespace();
      return { name, value: parseExpr(c) };
    }
    c.reset(save);
  }
  return { value: parseExpr(c) };
}

function parseString(c: Cursor): Expr {
  const at = c.pos;
  c.advance();
  let value = '';
  while (c.peek() !== '"') {
    if (c.atLineEnd()) c.fail({ code: 'unterminated-string' }, at);
    if (c.peek() === '\\' && c.peek(1) !== '\n' && c.peek(1) !== '') {
      c.advance();
      value += unescape(c.peek());
    } else {
      value += c.peek();
    }
    c.advance();
  }
  c.advance();
  return { kind: 'string', value };
}

function unescape(ch: string): string {
  return ch === 'n' ? '\n' : ch === 't' ? '\t' : ch === 'r' ? '\r' : ch === '0' ? '\0' : ch;
}
