import { describe, expect, it } from 'vitest';
import type { Expr, SyscallEvent } from './ast.ts';
import { only, parse, syntaxError } from './test-util.ts';

function call(line: string): SyscallEvent {
  const e = only(line);
  if (e.kind !== 'syscall') throw new Error(`not a syscall: ${e.kind}`);
  return e;
}

const num = (value: number, raw = String(value)): Expr => ({ kind: 'number', value, raw });
const id = (name: string): Expr => ({ kind: 'ident', name });
const ELLIPSIS: Expr = { kind: 'ellipsis' };

describe('system calls', () => {
  it('socket(..., SOCK_STREAM, IPPROTO_TCP) = 3', () => {
    const c = call('+0.00 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3');
    expect([c.name, c.args, c.result]).toEqual(['socket', [ELLIPSIS, id('SOCK_STREAM'), id('IPPROTO_TCP')], { value: 3 }]);
  });

  it('fcntl with an OR of flags, with and without blanks', () => {
    const or: Expr = { kind: 'or', items: [id('O_RDWR'), id('O_NONBLOCK')] };
    expect(call('+0 fcntl(3, F_SETFL, O_RDWR | O_NONBLOCK) = 0').args).toEqual([num(3), id('F_SETFL'), or]);
    expect(call('+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0').args).toEqual([num(3), id('F_SETFL'), or]);
  });

  it('fcntl(3, F_GETFL) = 0x02 (flags O_RDWR): hex result and note', () => {
    expect(call('+0 fcntl(3, F_GETFL) = 0x02 (flags O_RDWR)').result).toEqual({ value: 2, note: 'flags O_RDWR' });
  });

  it('getsockopt with arrays', () => {
    expect(call('+0 getsockopt(3, SOL_SOCKET, SO_ERROR, [ECONNRESET], [4]) = 0').args).toEqual([
      num(3),
      id('SOL_SOCKET'),
      id('SO_ERROR'),
      { kind: 'array', items: [id('ECONNRESET')] },
      { kind: 'array', items: [num(4)] },
    ]);
    expect(call('+0 getsockopt(3, SOL_SOCKET, SO_RCVBUF, [65536], [4]) = 0').args[3]).toEqual({
      kind: 'array',
      items: [num(65536)],
    });
  });

  it('setsockopt with a struct', () => {
    expect(call('+0 setsockopt(4, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0').args[3]).toEqual({
      kind: 'struct',
      fields: [
        { name: 'onoff', value: num(1) },
        { name: 'linger', value: num(0) },
      ],
    });
  });

  it('setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0', () => {
    expect(call('+0 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0').args).toEqual([
      num(3),
      id('SOL_SOCKET'),
      id('SO_REUSEADDR'),
      { kind: 'array', items: [num(1)] },
      num(4),
    ]);
  });

  it('connect = -1 with errno and strerror', () => {
    const c = call('0.100 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)');
    expect(c.args).toEqual([num(3), ELLIPSIS, ELLIPSIS]);
    expect(c.result).toEqual({ value: -1, errno: 'EINPROGRESS', note: 'Operation now in progress' });
  });

  it('read, write, shutdown, close, listen, bind, accept', () => {
    expect(call('+0 read(4, ..., 1000) = 0').args).toEqual([num(4), ELLIPSIS, num(1000)]);
    expect(call('+0 write(4, ..., 1000) = -1 EPIPE (Broken pipe)').result).toEqual({
      value: -1,
      errno: 'EPIPE',
      note: 'Broken pipe',
    });
    expect(call('+0 shutdown(4, SHUT_RDWR) = 0').args).toEqual([num(4), id('SHUT_RDWR')]);
    expect(call('+0 close(3) = 0')).toMatchObject({ name: 'close', args: [num(3)], result: { value: 0 } });
    expect(call('+0 listen(3, 1) = 0').args).toEqual([num(3), num(1)]);
    expect(call('+0 bind(3, ..., ...) = 0').args).toEqual([num(3), ELLIPSIS, ELLIPSIS]);
    expect(call('+0 accept(3, ..., ...) = 4').result).toEqual({ value: 4 });
  });

  it('an errno without a note', () => {
    expect(call('+0 read(4, ..., 1) = -1 EAGAIN').result).toEqual({ value: -1, errno: 'EAGAIN' });
  });

  it('keeps a trailing comment out of the call', () => {
    const c = call('   +0...0.300 write(4, ..., 61000) = 61000    // this write() blocks');
    expect(c.result).toEqual({ value: 61000 });
    expect(c.time.end).toEqual({ kind: 'relative', value: 0.3, form: '...' });
  });

  it('takes no arguments, strings, calls, negative and hex numbers, nested structs', () => {
    expect(call('+0 getpid() = 7').args).toEqual([]);
    expect(call('+0 f("a,b\\"c", -5, 0xFF) = 0').args).toEqual([
      { kind: 'string', value: 'a,b"c' },
      num(-5, '-5'),
      num(255, '0xFF'),
    ]);
    expect(call('+0 bind(3, {sa_family=AF_INET, sin_port=htons(8080)}, 16) = 0').args[1]).toEqual({
      kind: 'struct',
      fields: [
        { name: 'sa_family', value: id('AF_INET') },
        { name: 'sin_port', value: { kind: 'call', name: 'htons', args: [num(8080)] } },
      ],
    });
    expect(call('+0 writev(4, [{..., 10}, {..., 20}], 2) = 30').args[1]).toEqual({
      kind: 'array',
      items: [
        { kind: 'struct', fields: [{ value: ELLIPSIS }, { value: num(10) }] },
        { kind: 'struct', fields: [{ value: ELLIPSIS }, { value: num(20) }] },
      ],
    });
  });

  it('lets arguments continue on the next line', () => {
    const { events } = parse('+0 setsockopt(4, SOL_SOCKET,\n               SO_LINGER, {onoff=1,\n linger=0}, 8) = 0\n+0 close(4) = 0');
    expect(events.map((e) => [e.kind, e.line])).toEqual([
      ['syscall', 1],
      ['syscall', 4],
    ]);
  });

  it('reads long names whole', () => {
    const name = `SO_${'X'.repeat(300)}`;
    expect(call(`+0 f(${name}) = 0`).args).toEqual([id(name)]);
  });

  it('accepts the largest exact integer and refuses larger ones', () => {
    expect(call('+0 f(9007199254740991) = 0').args).toEqual([num(9007199254740991)]);
    expect(syntaxError('+0 f(9007199254740993) = 0')).toBe('t.pkt:1:6: number 9007199254740993 is too large');
  });
});

describe('system call errors', () => {
  it("reports a missing '= result'", () => {
    expect(syntaxError('+0 close(3)')).toBe("t.pkt:1:12: expected '= result' after system call");
    expect(syntaxError('+0 close(3) 0')).toBe("t.pkt:1:13: expected '= result' after system call");
  });

  it('reports a missing or malformed result', () => {
    expect(syntaxError('+0 close(3) =')).toBe('t.pkt:1:14: unexpected end of line; expected a number as the system call result');
    expect(syntaxError('+0 close(3) = x')).toBe(
      "t.pkt:1:15: unexpected token 'x'; expected a number as the system call result",
    );
    expect(syntaxError('+0 close(3) = 0 EBADF (Bad')).toBe("t.pkt:1:23: unterminated note: '(' is never closed");
    expect(syntaxError('+0 close(3) = 0 EBADF (Bad) more')).toBe(
      "t.pkt:1:29: unexpected token 'more'; expected end of line",
    );
  });

  it('reports malformed arguments', () => {
    expect(syntaxError('+0 close(3')).toBe("t.pkt:1:9: '(' of close() is never closed");
    expect(syntaxError('+0 close(3 4) = 0')).toBe("t.pkt:1:12: unexpected token '4'; expected ',' or ')'");
    expect(syntaxError('+0 f(3,) = 0')).toBe(
      `t.pkt:1:8: unexpected token ')'; expected an argument (number, NAME, '...', "string", [array] or {struct})`,
    );
    expect(syntaxError('+0 f([1) = 0')).toBe("t.pkt:1:8: unexpected token ')'; expected ',' or ']'");
    expect(syntaxError('+0 f({a=1) = 0')).toBe("t.pkt:1:10: unexpected token ')'; expected ',' or '}'");
    expect(syntaxError('+0 f([1, 2')).toBe("t.pkt:1:6: '[' is never closed");
    expect(syntaxError('+0 f({a=1')).toBe("t.pkt:1:6: '{' is never closed");
    expect(syntaxError('+0 f("abc) = 0')).toBe('t.pkt:1:6: unterminated string');
    expect(syntaxError('+0 f(- 1) = 0')).toBe(
      `t.pkt:1:6: unexpected token '-'; expected an argument (number, NAME, '...', "string", [array] or {struct})`,
    );
  });
});
