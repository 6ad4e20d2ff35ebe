import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PacketdrillSyntaxError, parseScript } from './parser.ts';

/** Parses, and turns anything but success or a syntax error into a failure. */
function parsesOrReports(text: string): boolean {
  try {
    parseScript(text, 'fuzz.pkt', new Set(['A']));
    return true;
  } catch (e) {
    if (e instanceof PacketdrillSyntaxError) {
      expect(e.message).toMatch(/^fuzz\.pkt:\d+:\d+: \S/);
      return true;
    }
    throw e;
  }
}

// Fragments of real syntax, so random scripts get past the first token often.
const FRAGMENTS = [
  '0', '+0', '+.1', '*', '...', '~', '0.2', ' ', '  ', '\n', '\r\n', '\t', '<', '>', 'S', 'S.', 'F.', '.', '-',
  '0:0(0)', '1:1001(1000)', 'ack', 'win', '1', '4294967295', '<mss 1460,nop>', '<...>', '<', ',', 'TS val 1 ecr 2',
  'close(3)', 'f(', ')', '(', '[', ']', '{', '}', '=', '= 0', '-1 EPIPE (Broken pipe)', '|', '"', 'x', '0x1f',
  '`', '`cmd`', '%{', '}%', '//', '/*', '*/', '#ifdef A', '#ifndef A', '#else', '#endif', '#', '--opt=1', '--',
];

describe('malformed input', () => {
  it('always yields a script or a PacketdrillSyntaxError (fragments)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }), (parts) => parsesOrReports(parts.join(''))),
      { numRuns: 3000 },
    );
  });

  it('always yields a script or a PacketdrillSyntaxError (arbitrary text)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), parsesOrReports), { numRuns: 2000 });
  });

  it('survives every prefix of a realistic script', () => {
    const script = [
      '--tolerance_usecs=75000',
      '`setup.sh`',
      '#ifdef A',
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3 /* c */',
      '#else',
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 4',
      '#endif',
      '+0 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0',
      '+.1 < S 0:0(0) win 32792 <mss 1000,sackOK,TS val 1 ecr 0,nop,wscale 7>',
      '+0 > S. ...(0) ack 1 <...>',
      '+0...0.2 read(3, ..., 10) = -1 EAGAIN (Resource temporarily unavailable)',
      '+.01~+.015 > F. 1:1(0) ack 1',
      '+0 %{ assert tcpi_state == 1 }%',
    ].join('\n');
    for (let i = 0; i <= script.length; i++) expect(parsesOrReports(script.slice(0, i))).toBe(true);
  });
});
