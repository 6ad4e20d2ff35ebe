import { describe, expect, it } from 'vitest';
import type { PacketEvent } from './ast.ts';
import { only, syntaxError } from './test-util.ts';

function packet(line: string): PacketEvent {
  const e = only(line);
  if (e.kind !== 'packet') throw new Error(`not a packet: ${e.kind}`);
  return e;
}

const NONE = { SYN: false, FIN: false, RST: false, PSH: false, ACK: false };

describe('packets', () => {
  it('parses an inbound SYN with window and options', () => {
    expect(packet('+0.00 < S  0:0(0)       win 32767 <mss 1460,sackOK,eol,eol>')).toEqual({
      line: 1,
      column: 1,
      time: { kind: 'relative', start: 0 },
      kind: 'packet',
      direction: 'in',
      flags: { ...NONE, SYN: true },
      flagText: 'S',
      seq: { any: false, start: 0, end: 0, len: 0 },
      win: 32767,
      options: {
        raw: 'mss 1460,sackOK,eol,eol',
        wildcard: false,
        items: [
          { name: 'mss', raw: 'mss 1460', value: 1460 },
          { name: 'sackOK', raw: 'sackOK' },
          { name: 'eol', raw: 'eol' },
          { name: 'eol', raw: 'eol' },
        ],
      },
    });
  });

  it('parses an outbound data segment with ack and no window', () => {
    const p = packet('0.250 > P. 1:1001(1000) ack 1001');
    expect(p.direction).toBe('out');
    expect(p.seq).toEqual({ any: false, start: 1, end: 1001, len: 1000 });
    expect(p.ack).toBe(1001);
    expect(p.win).toBeUndefined();
    expect(p.options).toBeUndefined();
  });

  it.each([
    ['S', { SYN: true }],
    ['S.', { SYN: true, ACK: true }],
    ['F.', { FIN: true, ACK: true }],
    ['R.', { RST: true, ACK: true }],
    ['R', { RST: true }],
    ['P.', { PSH: true, ACK: true }],
    ['FP.', { FIN: true, PSH: true, ACK: true }],
    ['.PF', { FIN: true, PSH: true, ACK: true }],
    ['SF', { SYN: true, FIN: true }],
    ['SR', { SYN: true, RST: true }],
    ['F', { FIN: true }],
    ['.', { ACK: true }],
    ['-', {}],
  ])('flags %s', (text, set) => {
    const p = packet(`0 < ${text} 0:0(0) win 100`);
    expect(p.flags).toEqual({ ...NONE, ...set });
    expect(p.flagText).toBe(text);
  });

  it('tolerates any number of blanks between fields', () => {
    const p = packet('+0.00 >  .     2:2(0)     ack          2 win     0');
    expect([p.flagText, p.seq, p.ack, p.win]).toEqual(['.', { any: false, start: 2, end: 2, len: 0 }, 2, 0]);
  });

  it('accepts the whole 32-bit sequence space exactly', () => {
    const p = packet('+0 < R. 4294967295:4294967295(0) ack 4294967295 win 32767');
    expect(p.seq).toEqual({ any: false, start: 4294967295, end: 4294967295, len: 0 });
    expect(p.ack).toBe(4294967295);
  });

  it('accepts a segment that wraps around 2^32', () => {
    expect(packet('+0 < . 4294967196:900(1000) win 1').seq).toEqual({ any: false, start: 4294967196, end: 900, len: 1000 });
  });

  it('accepts ...(len) as "any sequence number" on outbound packets', () => {
    expect(packet('+0.00 > S.     ...(0)     ack 65537 win 65535 <mss 1460>').seq).toEqual({ any: true, len: 0 });
  });

  it('parses TS as named fields and wscale as a value', () => {
    const p = packet('0.1 > S 0:0(0) <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7>');
    expect(p.options?.items).toEqual([
      { name: 'mss', raw: 'mss 1460', value: 1460 },
      { name: 'sackOK', raw: 'sackOK' },
      { name: 'TS', raw: 'TS val 100 ecr 0', fields: { val: 100, ecr: 0 } },
      { name: 'nop', raw: 'nop' },
      { name: 'wscale', raw: 'wscale 7', value: 7 },
    ]);
  });

  it('keeps unknown options raw', () => {
    const p = packet('0 > S 0:0(0) < mss 1460 , FO abcd1234 , sack 1:2 3:4 >');
    expect(p.options).toEqual({
      raw: 'mss 1460 , FO abcd1234 , sack 1:2 3:4',
      wildcard: false,
      items: [
        { name: 'mss', raw: 'mss 1460', value: 1460 },
        { name: 'FO', raw: 'FO abcd1234' },
        { name: 'sack', raw: 'sack 1:2 3:4' },
      ],
    });
  });

  it('accepts <...> (any options) on outbound packets', () => {
    expect(packet('+0 >  S 0:0(0) <...>').options).toEqual({ raw: '...', wildcard: true, items: [] });
  });

  it('allows a trailing comment', () => {
    expect(packet('+0 > F. 1:1(0) ack 1 // our FIN').ack).toBe(1);
  });
});

describe('packet errors', () => {
  it('reports an unknown flag at its column', () => {
    expect(syntaxError('+0 < SX 0:0(0) win 1')).toBe("t.pkt:1:7: unknown TCP flag 'X' (allowed: S F R P . -)");
    expect(syntaxError('+0 > U. 0:0(0)')).toBe("t.pkt:1:6: unknown TCP flag 'U' (allowed: S F R P . -)");
  });

  it('reports duplicate flags and - mixed with flags', () => {
    expect(syntaxError('+0 < SS 0:0(0)')).toBe("t.pkt:1:7: duplicate TCP flag 'S'");
    expect(syntaxError('+0 < S- 0:0(0)')).toBe("t.pkt:1:7: '-' (no flags) cannot be combined with other flags");
  });

  it('reports missing flags', () => {
    expect(syntaxError('+0 < 0:0(0)')).toBe("t.pkt:1:6: unexpected token '0'; expected TCP flags (S F R P . or -)");
    expect(syntaxError('+0 >')).toBe('t.pkt:1:5: unexpected end of line; expected TCP flags (S F R P . or -)');
  });

  it('reports a sequence range that does not match its length', () => {
    expect(syntaxError('+0 < . 1:5(3) win 1')).toBe('t.pkt:1:8: sequence range 1:5 does not match length (3)');
    expect(syntaxError('+0 < P. 1:1001(999) ack 1 win 1')).toBe(
      't.pkt:1:9: sequence range 1:1001 does not match length (999)',
    );
  });

  it('reports malformed sequence ranges', () => {
    expect(syntaxError('+0 < S win 1')).toBe(
      "t.pkt:1:8: unexpected token 'win'; expected a sequence range 'start:end(length)'",
    );
    expect(syntaxError('+0 < S 0-0(0)')).toBe(
      "t.pkt:1:9: unexpected token '-'; expected ':' in a sequence range 'start:end(length)'",
    );
    expect(syntaxError('+0 < S 0:0')).toBe(
      "t.pkt:1:11: unexpected end of line; expected '(' in a sequence range 'start:end(length)'",
    );
    expect(syntaxError('+0 < S 0:0(0')).toBe(
      "t.pkt:1:13: unexpected end of line; expected ')' in a sequence range 'start:end(length)'",
    );
  });

  it('reports numbers out of range', () => {
    expect(syntaxError('+0 < S 4294967296:4294967296(0)')).toBe(
      't.pkt:1:8: sequence number 4294967296 out of range (0..4294967295)',
    );
    expect(syntaxError('+0 < . 1:1(0) ack 4294967296')).toBe(
      't.pkt:1:19: ack number 4294967296 out of range (0..4294967295)',
    );
    expect(syntaxError('+0 < . 1:1(0) win 65536')).toBe('t.pkt:1:19: window 65536 out of range (0..65535)');
    expect(syntaxError('+0 < . 1:1(0) win 99999999999999999999')).toBe(
      't.pkt:1:19: number 99999999999999999999 is too large',
    );
  });

  it('reports ... and <...> on inbound packets', () => {
    expect(syntaxError('+0 < S. ...(0) ack 1 win 1')).toBe(
      "t.pkt:1:9: '...' (any sequence number) is only allowed in outbound packets",
    );
    expect(syntaxError('+0 < S 0:0(0) win 1 <...>')).toBe(
      "t.pkt:1:21: '<...>' (any TCP options) is only allowed in outbound packets",
    );
  });

  it('reports fields out of order or unknown', () => {
    expect(syntaxError('+0 < . 1:1(0) win 1 ack 1')).toBe(
      "t.pkt:1:21: unexpected token 'ack'; expected TCP options '<...>' or end of line",
    );
    expect(syntaxError('+0 < . 1:1(0) urg 1')).toBe(
      "t.pkt:1:15: unexpected token 'urg'; expected 'ack', 'win', TCP options '<...>' or end of line",
    );
    expect(syntaxError('+0 < . 1:1(0) ack')).toBe('t.pkt:1:18: unexpected end of line; expected ack number');
    expect(syntaxError('+0 > . 1:1(0) <nop> junk')).toBe("t.pkt:1:21: unexpected token 'junk'; expected end of line");
  });

  it('reports malformed option lists', () => {
    expect(syntaxError('+0 > S 0:0(0) <mss 1460')).toBe("t.pkt:1:15: unterminated TCP option list (no closing '>')");
    expect(syntaxError('+0 > S 0:0(0) <>')).toBe("t.pkt:1:15: empty TCP option list '<>'");
    expect(syntaxError('+0 > S 0:0(0) <nop,,eol>')).toBe('t.pkt:1:20: empty TCP option');
    expect(syntaxError('+0 > S 0:0(0) <mss>')).toBe("t.pkt:1:16: TCP option 'mss' needs a number, as in 'mss N'");
    expect(syntaxError('+0 > S 0:0(0) <nop, mss 70000>')).toBe(
      "t.pkt:1:21: TCP option 'mss' value 70000 out of range (0..65535)",
    );
    expect(syntaxError('+0 > S 0:0(0) <sackOK 1>')).toBe("t.pkt:1:16: TCP option 'sackOK' takes no value");
    expect(syntaxError('+0 > S 0:0(0) <TS 1 2>')).toBe("t.pkt:1:16: TCP option 'TS' must be written 'TS val N ecr N'");
    expect(syntaxError('+0 > S 0:0(0) <9 x>')).toBe("t.pkt:1:16: invalid TCP option '9 x'");
  });
});
