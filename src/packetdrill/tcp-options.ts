import type { TcpOptionItem, TcpOptions } from './ast.ts';
import type { Cursor, Pos } from './cursor.ts';
import { U16_MAX, U32_MAX } from './numbers.ts';

/**
 * Parses `<mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7>` with the cursor
 * on `<`. Options are not modelled by the simulator, so unknown names are
 * kept raw; the well-known ones are checked so a typo such as `mss` without
 * a value does not pass silently.
 */
export function parseTcpOptions(c: Cursor): TcpOptions {
  const open = c.pos;
  c.expect('<');
  const bodyStart = c.pos;
  let body = '';
  while (!c.atLineEnd() && c.peek() !== '>') {
    body += c.peek();
    c.advance();
  }
  if (!c.eat('>')) c.fail({ code: 'option-list-unterminated' }, open);

  const raw = body.trim();
  if (raw === '...') return { raw, wildcard: true, items: [] };
  if (raw === '') c.fail({ code: 'option-list-empty' }, open);

  const items: TcpOptionItem[] = [];
  let offset = 0;
  for (const part of body.split(',')) {
    const lead = part.length - part.trimStart().length;
    const at: Pos = {
      offset: bodyStart.offset + offset + lead,
      line: bodyStart.line,
      column: bodyStart.column + offset + lead,
    };
    items.push(parseItem(c, part.trim(), at));
    offset += part.length + 1;
  }
  return { raw, wildcard: false, items };
}

const NUMBER = /^(?:0[xX][0-9a-fA-F]+|[0-9]+)$/;

/** Known options: the shape of their arguments and the largest value allowed. */
const KNOWN: Record<string, { args: 'none' } | { args: 'value'; max: number } | { args: 'fields'; keys: string[] }> = {
  nop: { args: 'none' },
  eol: { args: 'none' },
  sackOK: { args: 'none' },
  mss: { args: 'value', max: U16_MAX },
  wscale: { args: 'value', max: 255 },
  TS: { args: 'fields', keys: ['val', 'ecr'] },
};

function parseItem(c: Cursor, text: string, at: Pos): TcpOptionItem {
  if (text === '') c.fail({ code: 'option-empty' }, at);
  const words = text.split(/\s+/);
  const name = words[0] ?? '';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) c.fail({ code: 'option-invalid', text }, at);
  const args = words.slice(1);
  const item: TcpOptionItem = { name, raw: text };

  if (args.length === 1 && NUMBER.test(args[0] ?? '')) {
    item.value = Number(args[0]);
  } else if (args.length > 0 && args.length % 2 === 0 && args.every((a, i) => (i % 2 === 0 ? /^[A-Za-z_]\w*$/.test(a) : NUMBER.test(a)))) {
    item.fields = {};
    for (let i = 0; i < args.length; i += 2) item.fields[args[i] ?? ''] = Number(args[i + 1]);
  }

  const known = Object.hasOwn(KNOWN, name) ? KNOWN[name] : undefined;
  if (!known) return item;
  if (known.args === 'none' && args.length > 0) c.fail({ code: 'option-takes-no-value', option: name }, at);
  if (known.args === 'value') {
    if (item.value === undefined) c.fail({ code: 'option-needs-number', option: name }, at);
    if (item.value > known.max) c.fail({ code: 'option-out-of-range', option: name, value: item.value, max: known.max }, at);
  }
  if (known.args === 'fields') {
    const shape = known.keys.map((k) => `${k} N`).join(' ');
    const keys = item.fields ? Object.keys(item.fields) : [];
    if (keys.join(' ') !== known.keys.join(' ')) c.fail({ code: 'option-shape', option: name, shape }, at);
    for (const k of keys) {
      const v = item.fields?.[k] ?? 0;
      if (v > U32_MAX) c.fail({ code: 'option-field-out-of-range', option: name, key: k, value: v, max: U32_MAX }, at);
    }
  }
  return item;
}
