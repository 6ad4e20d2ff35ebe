import { describe, expect, it } from 'vitest';
import type { TimeSpec } from './ast.ts';
import { only, syntaxError } from './test-util.ts';
import { formatTime } from './time.ts';

const timeOf = (line: string): TimeSpec => only(line).time;
const CALL = 'read(4, ..., 1000) = 1000';
const OUT = '> . 1:1(0) ack 1';

describe('time specs', () => {
  it.each([
    ['0', 'absolute', 0],
    ['0.100', 'absolute', 0.1],
    ['1.5', 'absolute', 1.5],
    ['2', 'absolute', 2],
    ['.25', 'absolute', 0.25],
    ['+0', 'relative', 0],
    ['+.1', 'relative', 0.1],
    ['+0.10', 'relative', 0.1],
    ['+1.00', 'relative', 1],
  ])('%s is %s %d s', (text, kind, start) => {
    expect(timeOf(`${text} ${CALL}`)).toEqual({ kind, start });
  });

  it('* is "any time" (outbound packets only)', () => {
    expect(timeOf(`* ${OUT}`)).toEqual({ kind: 'any', start: 0 });
  });

  it('start...end after an absolute start has an absolute end', () => {
    expect(timeOf(`0.200...0.300 ${CALL}`)).toEqual({
      kind: 'absolute',
      start: 0.2,
      end: { kind: 'absolute', value: 0.3, form: '...' },
    });
  });

  it('start...end after a relative start counts the end from the previous event too', () => {
    expect(timeOf(`+.1...0.200 ${CALL}`)).toEqual({
      kind: 'relative',
      start: 0.1,
      end: { kind: 'relative', value: 0.2, form: '...' },
    });
    expect(timeOf(`+0...0.200 ${CALL}`).end).toEqual({ kind: 'relative', value: 0.2, form: '...' });
    expect(timeOf(`+0...0.000 ${CALL}`).end).toEqual({ kind: 'relative', value: 0, form: '...' });
  });

  it('an explicit + makes a range end relative', () => {
    expect(timeOf(`0.1...+0.2 ${CALL}`).end).toEqual({ kind: 'relative', value: 0.2, form: '...' });
  });

  it('start~end gives an arrival window for outbound packets', () => {
    expect(timeOf(`+.01~+.015 ${OUT}`)).toEqual({
      kind: 'relative',
      start: 0.01,
      end: { kind: 'relative', value: 0.015, form: '~' },
    });
    expect(timeOf(`+.01~0.5 ${OUT}`).end).toEqual({ kind: 'absolute', value: 0.5, form: '~' });
    expect(timeOf(`1~2 ${OUT}`)).toEqual({ kind: 'absolute', start: 1, end: { kind: 'absolute', value: 2, form: '~' } });
  });

  it('records the position of the time', () => {
    const e = only(`   +.1 ${CALL}`);
    expect([e.line, e.column]).toEqual([1, 4]);
  });
});

describe('time spec errors', () => {
  it('a range needs an end', () => {
    expect(syntaxError(`+.1... ${CALL}`)).toBe(
      "t.pkt:1:8: unexpected token 'read'; expected an end time after '...'",
    );
    expect(syntaxError('+.1...')).toBe("t.pkt:1:7: unexpected end of line; expected an end time after '...'");
    expect(syntaxError(`+.1~ ${OUT}`)).toBe("t.pkt:1:6: unexpected token '>'; expected an end time after '~'");
  });

  it('a range must not run backwards', () => {
    expect(syntaxError(`0.3...0.2 ${CALL}`)).toBe('t.pkt:1:4: time range 0.3...0.2 is backwards');
  });

  it('+ needs a number', () => {
    expect(syntaxError(`+ ${CALL}`)).toBe("t.pkt:1:3: unexpected token 'read'; expected a number after '+'");
  });

  it('*, ~ and ... are only allowed where packetdrill allows them', () => {
    expect(syntaxError(`* ${CALL}`)).toBe("t.pkt:1:1: time '*' is only allowed for outbound packets ('>')");
    expect(syntaxError('* < S 0:0(0) win 1')).toBe("t.pkt:1:1: time '*' is only allowed for outbound packets ('>')");
    expect(syntaxError(`0~1 ${CALL}`)).toBe("t.pkt:1:1: a '~' time window is only allowed for outbound packets ('>')");
    expect(syntaxError(`0...1 ${OUT}`)).toBe("t.pkt:1:7: a '...' end time is only allowed for (blocking) system calls");
  });

  it('a negative time is not a time', () => {
    expect(syntaxError(`-1 ${CALL}`)).toBe(
      "t.pkt:1:1: unexpected token '-'; expected a time (such as 0, +0.1 or *), an --option or a `command`",
    );
  });
});

describe('formatTime', () => {
  it.each(['0.2', '+0.1', '*', '0.2...0.3', '+0...0.3', '+0.01~+0.015', '1...+2'])('round-trips %s', (text) => {
    expect(formatTime(timeOf(`${text} ${text.includes('~') || text === '*' ? OUT : CALL}`))).toBe(text);
  });
});
