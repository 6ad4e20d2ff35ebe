import { describe, expect, it } from 'vitest';
import { preprocess } from './preprocess.ts';
import { parse, syntaxError } from './test-util.ts';

const pp = (text: string, defines: string[] = []) => preprocess(text, 't.pkt', new Set(defines));

describe('comments', () => {
  it('blanks // comments and keeps every line and column', () => {
    expect(pp('// header\n+0 close(3) = 0 // trailing\n')).toBe('\n+0 close(3) = 0 \n');
  });

  it('replaces /* */ with spaces, also across lines', () => {
    expect(pp('a /* x */ b')).toBe('a         b');
    expect(pp('a /* x\ny */ b')).toBe('a     \n     b');
  });

  it('leaves comment markers inside commands, python and strings alone', () => {
    const text = '0 `curl http://x/*y*/`\n+0 %{ a = 7 // 2 }%\n+0 f("//") = 0';
    expect(pp(text)).toBe(text);
  });

  it('does not treat # lines inside a multi-line command as directives', () => {
    const text = '`echo a\n#endif\n`';
    expect(pp(text)).toBe(text);
  });

  it('reports an unterminated /* at its start', () => {
    expect(syntaxError('+0 close(3) = 0\n  /* never\nclosed\n')).toBe('t.pkt:2:3: unterminated /* comment');
  });

  it('accepts CRLF line endings and tabs', () => {
    const s = parse('0\tclose(3)\t=\t0\r\n+0 close(4) = 0\r\n');
    expect(s.events.map((e) => [e.line, e.column])).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });
});

describe('#ifdef / #ifndef / #else / #endif', () => {
  const text = [
    '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
    '#ifdef STANDARD',
    '+0 close(1) = 0',
    '#else',
    '+0 close(2) = 0',
    '#endif',
    '  #ifndef STANDARD',
    '+0 close(3) = 0',
    '  #endif',
  ].join('\n');
  const closed = (defines: string[]) =>
    parse(text, defines).events.flatMap((e) => (e.kind === 'syscall' && e.name === 'close' ? [e.args] : []));

  it('keeps the #ifdef branch when the symbol is defined', () => {
    expect(closed(['STANDARD'])).toEqual([[{ kind: 'number', value: 1, raw: '1' }]]);
  });

  it('keeps the #else and #ifndef branches when it is not', () => {
    expect(closed([])).toEqual([[{ kind: 'number', value: 2, raw: '2' }], [{ kind: 'number', value: 3, raw: '3' }]]);
  });

  it('keeps original line numbers after skipped branches', () => {
    expect(parse(text, []).events.map((e) => e.line)).toEqual([1, 5, 8]);
  });

  it('does not parse inactive lines at all', () => {
    expect(parse('#ifdef Linux\nthis is not packetdrill {\n#endif\n').events).toEqual([]);
  });

  it('nests', () => {
    const nested = [
      '#ifdef A',
      '0 close(1) = 0',
      '#ifdef B',
      '+0 close(2) = 0',
      '#else',
      '+0 close(3) = 0',
      '#endif',
      '#else',
      '#ifdef B',
      '0 close(4) = 0',
      '#endif',
      '#endif',
    ].join('\n');
    const fds = (defines: string[]) =>
      parse(nested, defines).events.map((e) => (e.kind === 'syscall' && e.args[0]?.kind === 'number' ? e.args[0].value : -1));
    expect(fds(['A', 'B'])).toEqual([1, 2]);
    expect(fds(['A'])).toEqual([1, 3]);
    expect(fds(['B'])).toEqual([4]);
    expect(fds([])).toEqual([]);
  });

  it('allows a comment after a directive', () => {
    expect(parse('#ifdef A // why\n0 close(1) = 0\n#endif /* A */\n', ['A']).events).toHaveLength(1);
  });

  it('reports an unclosed #ifdef at its opening line', () => {
    expect(syntaxError('0 close(1) = 0\n  #ifdef FreeBSD\n+0 close(2) = 0\n')).toBe(
      't.pkt:2:3: unterminated #ifdef FreeBSD (opened here)',
    );
    expect(syntaxError('#ifndef X\n')).toBe('t.pkt:1:1: unterminated #ifndef X (opened here)');
  });

  it('reports #endif and #else without #ifdef', () => {
    expect(syntaxError('0 close(1) = 0\n#endif\n')).toBe('t.pkt:2:1: #endif without #ifdef');
    expect(syntaxError('#else\n')).toBe('t.pkt:1:1: #else without #ifdef');
  });

  it('reports malformed directives', () => {
    expect(syntaxError('#ifdef\n#endif')).toBe('t.pkt:1:7: #ifdef needs a symbol');
    expect(syntaxError('#ifdef A B\n#endif')).toBe('t.pkt:1:10: unexpected text after #ifdef A');
    expect(syntaxError('#ifdef 9x\n#endif')).toBe("t.pkt:1:8: invalid symbol '9x' after #ifdef");
    expect(syntaxError('#ifdef A\n#else\n#else\n#endif')).toBe('t.pkt:3:1: second #else for #ifdef A');
    expect(syntaxError('#endif junk')).toBe('t.pkt:1:1: #endif without #ifdef');
    expect(syntaxError('#ifdef A\n#endif junk')).toBe('t.pkt:2:8: unexpected text after #endif');
    expect(syntaxError('#include "x"')).toBe("t.pkt:1:1: unknown preprocessor directive '#include'");
    expect(syntaxError('#ifdef A /* open\n*/\n#endif')).toBe(
      't.pkt:1:10: a /* comment after a directive must end on the same line',
    );
  });

  it('ignores unknown directives inside skipped branches', () => {
    expect(parse('#ifdef A\n#pragma whatever\n#endif\n').events).toEqual([]);
  });
});
