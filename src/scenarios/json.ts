/**
 * A strict JSON parser (RFC 8259) that remembers where every value starts, so a scenario
 * file's errors can name file:line:column as well as the field path (DESIGN.md invariant 5).
 * JSON.parse cannot do this: its messages carry no reliable position, and it silently keeps
 * the last of two duplicate keys.
 */

/** 1-based line and column (columns count UTF-16 code units, as editors do for BMP text). */
export interface TextPosition {
  line: number;
  column: number;
}

export class JsonSyntaxError extends Error {
  constructor(
    readonly detail: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${line}:${column}: ${detail}`);
    this.name = 'JsonSyntaxError';
  }
}

export interface ParsedJson {
  value: unknown;
  /** Where the value at a field path starts (paths as built by childPath/indexPath; '' is the root). */
  positionOf(path: string): TextPosition | undefined;
}

const IDENT = /^[A-Za-z_$][\w$-]*$/;

/** `title` + `zh-CN` → `title.zh-CN`; a key that is not identifier-like is quoted: `set["a b"]`. */
export function childPath(parent: string, key: string): string {
  if (IDENT.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

export function indexPath(parent: string, i: number): string {
  return `${parent}[${i}]`;
}

function describeChar(c: string | undefined): string {
  if (c === undefined) return 'end of input';
  if (c === '\n') return 'a line break';
  if (c === '\t') return 'a tab';
  return JSON.stringify(c);
}

export function parseJsonWithPositions(text: string): ParsedJson {
  const offsets = new Map<string, number>();
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const toPos = (offset: number): TextPosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
  };

  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is encoding, not content
  function fail(detail: string, at = i): never {
    const p = toPos(Math.min(at, text.length));
    throw new JsonSyntaxError(detail, p.line, p.column);
  }

  const skipWs = (): void => {
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) fail('comments are not allowed in JSON');
      else return;
    }
  };

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) fail('unterminated string', start);
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) fail('invalid \\u escape: expected four hex digits');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          fail(`invalid escape \\${e ?? ''} in string; allowed: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`);
        }
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail(`${describeChar(c)} inside a string must be escaped`);
      out += c;
      i++;
    }
  };

  const parseNumber = (): number => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-') return fail(`invalid number`);
    const next = text[i + m[0].length];
    if (next !== undefined && /[\w.+-]/.test(next)) fail(`invalid number`);
    i += m[0].length;
    return Number(m[0]);
  };

  const parseValue = (path: string, depth: number): unknown => {
    skipWs();
    offsets.set(path, i);
    if (depth > 200) fail('nesting too deep');
    const c = text[i];
    if (c === '{') return parseObject(path, depth);
    if (c === '[') return parseArray(path, depth);
    if (c === '"') return parseString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return parseNumber();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    if (c === "'") return fail("strings must use double quotes");
    return fail(`unexpected ${describeChar(c)}; expected a value`);
  };

  const parseObject = (path: string, depth: number): Record<string, unknown> => {
    const obj: Record<string, unknown> = {};
    i++; // {
    skipWs();
    if (text[i] === '}') {
      i++;
      return obj;
    }
    for (;;) {
      skipWs();
      const keyAt = i;
      if (text[i] !== '"') {
        fail(text[i] === '}' ? "trailing comma before '}'" : `unexpected ${describeChar(text[i])}; expected a property name in double quotes`);
      }
      const key = parseString();
      if (Object.hasOwn(obj, key)) fail(`duplicate key ${JSON.stringify(key)}`, keyAt);
      skipWs();
      if (text[i] !== ':') fail(`unexpected ${describeChar(text[i])}; expected ':' after property name`);
      i++;
      // defineProperty: a key named "__proto__" must stay a plain field (and is then rejected as unknown)
      Object.defineProperty(obj, key, { value: parseValue(childPath(path, key), depth + 1), enumerable: true, writable: true, configurable: true });
      skipWs();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return obj;
      }
      fail(`unexpected ${describeChar(text[i])}; expected ',' or '}' after property value`);
    }
  };

  const parseArray = (path: string, depth: number): unknown[] => {
    const arr: unknown[] = [];
    i++; // [
    skipWs();
    if (text[i] === ']') {
      i++;
      return arr;
    }
    for (;;) {
      skipWs();
      if (text[i] === ']') fail("trailing comma before ']'");
      arr.push(parseValue(indexPath(path, arr.length), depth + 1));
      skipWs();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return arr;
      }
      fail(`unexpected ${describeChar(text[i])}; expected ',' or ']' after array element`);
    }
  };

  skipWs();
  if (i >= text.length) fail('empty document; expected a JSON object');
  const value = parseValue('', 0);
  skipWs();
  if (i < text.length) fail(`unexpected ${describeChar(text[i])} after the end of the JSON value`);

  return {
    value,
    positionOf(path: string) {
      const off = offsets.get(path);
      return off === undefined ? undefined : toPos(off);
    },
  };
}
