import { describe, expect, it } from 'vitest';
import { PacketdrillSyntaxError, parseScript } from './parser.ts';
import { only, parse, syntaxError } from './test-util.ts';

describe('parseScript', () => {
  it('parses a small complete script', () => {
    const script = parseScript(
      [
        '// Passive open, then the peer resets.',
        '--ip_version=ipv4',
        '--tolerance_usecs=75000',
        '',
        ' 0.00 `sysctl -w net.inet.tcp.insecure_rst=1`',
        '+0.00 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
        '+0.00 listen(3, 1) = 0',
        '+0.00 < S  0:0(0)       win 32767 <mss 1460,sackOK,eol,eol>',
        '+0.00 > S. 0:0(0) ack 1 win 65535 <mss 1460,sackOK,eol,eol>',
        '+0.10 < R  1:1(0)       win 32767',
        '+0.00 %{ assert tcpi_state == TCPI_CLOSED }%',
        '+0.00 close(3) = 0',
      ].join('\n'),
      'reset.pkt',
      new Set(['STANDARD']),
    );
    expect(script.file).toBe('reset.pkt');
    expect(script.options).toEqual({ ip_version: 'ipv4', tolerance_usecs: '75000' });
    expect(script.events.map((e) => [e.kind, e.line, e.column])).toEqual([
      ['command', 5, 2],
      ['syscall', 6, 1],
      ['syscall', 7, 1],
      ['packet', 8, 1],
      ['packet', 9, 1],
      ['packet', 10, 1],
      ['python', 11, 1],
      ['syscall', 12, 1],
    ]);
  });

  it('parses an empty or comment-only script', () => {
    expect(parse('')).toEqual({ file: 't.pkt', options: {}, events: [] });
    expect(parse('// nothing\n/* at\nall */\n\n').events).toEqual([]);
  });
});

describe('options', () => {
  it('collects --name=value and bare --name; the last one wins', () => {
    expect(parse('--ip_version=ipv4\n--verbose\n--tolerance_usecs=1 --tolerance_usecs=2\n').options).toEqual({
      ip_version: 'ipv4',
      verbose: '',
      tolerance_usecs: '2',
    });
  });

  it('strips the quotes of a quoted value', () => {
    expect(parse('--define="CC reno"\n').options).toEqual({ define: 'CC reno' });
  });

  it('refuses options after the first event and malformed options', () => {
    expect(syntaxError('0 close(3) = 0\n--tolerance_usecs=1')).toBe('t.pkt:2:1: options must come before the first event');
    expect(syntaxError('--=1')).toBe("t.pkt:1:3: expected an option name after '--'");
    expect(syntaxError('--x=')).toBe("t.pkt:1:5: expected a value after '--x='");
    expect(syntaxError('--x="a b')).toBe('t.pkt:1:5: unterminated string');
  });
});

describe('shell commands', () => {
  it('keeps the command text verbatim', () => {
    expect(only('+0.10 `sockstat -4 -P tcp -s | grep -c TIME_WAIT | grep 1`')).toEqual({
      line: 1,
      column: 1,
      time: { kind: 'relative', start: 0.1 },
      kind: 'command',
      command: 'sockstat -4 -P tcp -s | grep -c TIME_WAIT | grep 1',
      implicitTime: false,
    });
  });

  it('gives a command without a time the time +0 and flags it', () => {
    expect(only('`../common/defaults.sh`')).toEqual({
      line: 1,
      column: 1,
      time: { kind: 'relative', start: 0 },
      kind: 'command',
      command: '../common/defaults.sh',
      implicitTime: true,
    });
  });

  it('lets a command span lines and keeps later line numbers right', () => {
    const { events } = parse('`setup.sh\n  tune.py a=1 // not a comment\n`\n\n0 close(3) = 0\n');
    expect(events[0]).toMatchObject({
      kind: 'command',
      line: 1,
      command: 'setup.sh\n  tune.py a=1 // not a comment\n',
      implicitTime: true,
    });
    expect(events[1]).toMatchObject({ kind: 'syscall', line: 5 });
  });

  it('keeps backslash escapes, including an escaped backtick', () => {
    expect(only('0 `echo \\` done`')).toMatchObject({ command: 'echo \\` done' });
  });

  it('reports an unterminated command at its start', () => {
    expect(syntaxError('0 close(3) = 0\n+0 `echo\n')).toBe('t.pkt:2:4: unterminated `command` (no closing backtick)');
  });
});

describe('python blocks', () => {
  it('keeps the code without the surrounding blanks', () => {
    expect(only('+0.00 %{ assert tcpi_state == TCPI_SYN_RECEIVED }%')).toEqual({
      line: 1,
      column: 1,
      time: { kind: 'relative', start: 0 },
      kind: 'python',
      code: 'assert tcpi_state == TCPI_SYN_RECEIVED',
    });
  });

  it('may span lines', () => {
    expect(only('+0 %{\nx = 1 // 2\nassert x\n}%')).toMatchObject({ kind: 'python', code: '\nx = 1 // 2\nassert x\n' });
  });

  it('reports an unterminated block at its start', () => {
    expect(syntaxError('+0 %{ assert 1 }')).toBe("t.pkt:1:4: unterminated %{ python block (no closing '}%')");
  });
});

describe('malformed lines', () => {
  it('reports garbage after a time', () => {
    expect(syntaxError('0 close(3) = 0\n+0 foo bar')).toBe(
      "t.pkt:2:4: unexpected token 'foo'; expected '<', '>', a system call, a `command` or %{ python }%",
    );
    expect(syntaxError('+0 ?')).toBe(
      "t.pkt:1:4: unexpected token '?'; expected '<', '>', a system call, a `command` or %{ python }%",
    );
  });

  it('reports a time with nothing after it', () => {
    expect(syntaxError('+0.1   // nothing')).toBe(
      "t.pkt:1:8: unexpected end of line; expected '<', '>', a system call, a `command` or %{ python }%",
    );
  });

  it('reports a line that does not start with a time', () => {
    expect(syntaxError('\n   foo bar')).toBe(
      "t.pkt:2:4: unexpected token 'foo'; expected a time (such as 0, +0.1 or *), an --option or a `command`",
    );
    expect(syntaxError('close(3) = 0')).toBe(
      "t.pkt:1:1: unexpected token 'close'; expected a time (such as 0, +0.1 or *), an --option or a `command`",
    );
  });

  it('reports trailing text after a complete event', () => {
    expect(syntaxError('+0 close(3) = 0 ;')).toBe("t.pkt:1:17: unexpected token ';'; expected end of line");
    expect(syntaxError('0 `a` `b`')).toBe("t.pkt:1:7: unexpected token '`'; expected end of line");
    expect(syntaxError('+0 %{ a }% b')).toBe("t.pkt:1:12: unexpected token 'b'; expected end of line");
  });

  it('throws PacketdrillSyntaxError with file, line, column and reason', () => {
    let caught: unknown;
    try {
      parseScript('\n\n  +0 < SX 0:0(0)', 'dir/x.pkt', new Set());
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(PacketdrillSyntaxError);
    expect(caught).toBeInstanceOf(Error);
    expect(caught).toMatchObject({
      name: 'PacketdrillSyntaxError',
      file: 'dir/x.pkt',
      line: 3,
      column: 9,
      reason: "unknown TCP flag 'X' (allowed: S F R P . -)",
      message: "dir/x.pkt:3:9: unknown TCP flag 'X' (allowed: S F R P . -)",
    });
  });
});
