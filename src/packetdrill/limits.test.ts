import { describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS, MAX_NESTING, MAX_SCRIPT_CHARS } from './limits.ts';
import { PacketdrillSyntaxError, parseScript } from './parser.ts';

function syntaxError(text: string): PacketdrillSyntaxError {
  try {
    parseScript(text, 'x.pkt', new Set());
  } catch (e) {
    if (e instanceof PacketdrillSyntaxError) return e;
    throw e;
  }
  throw new Error('expected a syntax error');
}

const nested = (open: string, close: string, n: number) => `0 close(${open.repeat(n)}3${close.repeat(n)}) = 0`;

describe('script limits', () => {
  it('accepts nesting up to the limit', () => {
    expect(() => parseScript(nested('[', ']', MAX_NESTING), 'x.pkt', new Set())).not.toThrow();
  });

  it('refuses deeper nesting of [ ( { with the position of the bracket past the limit', () => {
    for (const [o, c] of [['[', ']'], ['htons(', ')']] as const) {
      const e = syntaxError(nested(o, c, 200));
      expect(e.line).toBe(1);
      // `0 close(` is 8 characters; the bracket past the limit is number MAX_NESTING + 1
      expect(e.column).toBe(9 + MAX_NESTING * o.length + o.length - 1);
      expect(e.reason).toContain(`limit of ${MAX_NESTING} levels`);
    }
    const struct = `0 setsockopt(3, SOL_SOCKET, SO_LINGER,\n${'{a=\n'.repeat(2003)}1${'}'.repeat(2003)}, 8) = 0`;
    const e = syntaxError(struct);
    expect(e.line).toBe(MAX_NESTING + 2); // line 1 is the call, line k + 1 the k-th {
    expect(e.reason).toContain('nesting deeper');
  });

  it('refuses a line longer than the limit, at the first character past it', () => {
    const e = syntaxError(`0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n// ${'x'.repeat(MAX_LINE_CHARS)}\n`);
    expect([e.line, e.column]).toEqual([2, MAX_LINE_CHARS + 1]);
    expect(e.reason).toBe(`line longer than the limit of ${MAX_LINE_CHARS} characters`);
  });

  it('refuses a script larger than the limit, naming where it crosses it', () => {
    const line = '+0 < . 1:1(0) ack 1 win 32792 // a comment to make the line longer\n';
    const text = line.repeat(Math.ceil((MAX_SCRIPT_CHARS + 10) / line.length));
    const e = syntaxError(text);
    expect(e.line).toBe(Math.floor(MAX_SCRIPT_CHARS / line.length) + 1);
    expect(e.column).toBe((MAX_SCRIPT_CHARS % line.length) + 1);
    expect(e.reason).toContain('script longer than the limit');
  });

  it('reports the innermost of many unclosed #ifndef blocks', () => {
    const e = syntaxError('#ifndef X\n'.repeat(20_000));
    expect([e.line, e.column]).toEqual([20_000, 1]);
    expect(e.reason).toBe('unterminated #ifndef X (opened here)');
  });

  it('keeps lines inside a skipped branch out, however deep the nesting', () => {
    const deep = `${'#ifdef A\n'.repeat(500)}0 bogus\n${'#endif\n'.repeat(500)}0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n`;
    const s = parseScript(deep, 'x.pkt', new Set());
    expect(s.events.map((ev) => ev.line)).toEqual([1002]);
  });
});
