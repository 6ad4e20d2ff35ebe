import type { PacketEvent, SeqSpec, TcpFlags } from './ast.ts';
import type { Cursor } from './cursor.ts';
import { expectInRange, U16_MAX, U32_MAX } from './numbers.ts';
import { parseTcpOptions } from './tcp-options.ts';

type PacketBody = Omit<PacketEvent, 'kind' | 'line' | 'column' | 'time'>;

const FLAG_NAMES: Record<string, keyof TcpFlags> = { S: 'SYN', F: 'FIN', R: 'RST', P: 'PSH', '.': 'ACK' };

/**
 * Parses `< S. 0:0(0) ack 1 win 65535 <mss 1460>` with the cursor on the
 * direction. Ends at the end of the packet; the caller checks the line end.
 */
export function parsePacket(c: Cursor): PacketBody {
  const direction = c.peek() === '<' ? 'in' : 'out';
  c.advance();
  c.skipBlanks();
  const { flags, flagText } = parseFlags(c);
  c.skipBlanks();
  const seqAt = c.pos;
  const seq = parseSeq(c);
  if (seq.any && direction === 'in') {
    c.fail({ code: 'any-seq-inbound' }, seqAt);
  }
  const packet: PacketBody = { direction, flags, flagText, seq };

  c.skipBlanks();
  if (eatKeyword(c, 'ack')) {
    packet.ack = expectInRange(c, 'ack number', U32_MAX);
    c.skipBlanks();
  }
  if (eatKeyword(c, 'win')) {
    packet.win = expectInRange(c, 'window', U16_MAX);
    c.skipBlanks();
  }
  if (c.peek() === '<') {
    const at = c.pos;
    packet.options = parseTcpOptions(c);
    if (packet.options.wildcard && direction === 'in') {
      c.fail({ code: 'any-options-inbound' }, at);
    }
    c.skipBlanks();
  }
  if (!c.atLineEnd()) {
    // Name only what could still follow, so the message hints at the order.
    const items: ('ack' | 'win' | 'options')[] = [];
    if (!packet.options) {
      if (packet.ack === undefined && packet.win === undefined) items.push('ack');
      if (packet.win === undefined) items.push('win');
      items.push('options');
    }
    c.unexpected({ kind: 'packet-rest', items });
  }
  return packet;
}

function parseFlags(c: Cursor): { flags: TcpFlags; flagText: string } {
  const flags: TcpFlags = { SYN: false, FIN: false, RST: false, PSH: false, ACK: false };
  if (c.atLineEnd() || /[0-9]/.test(c.peek()) || c.startsWith('...')) {
    c.unexpected({ kind: 'flags' });
  }
  let end = c.offset;
  while (end < c.text.length && !/[ \n]/.test(c.text[end] ?? '')) end++;
  const flagText = c.text.slice(c.offset, end);

  for (const ch of flagText) {
    if (ch === '-') {
      if (flagText !== '-') c.fail({ code: 'no-flags-combined' });
    } else {
      const name = FLAG_NAMES[ch];
      if (!name) c.fail({ code: 'unknown-flag', flag: ch });
      if (flags[name]) c.fail({ code: 'duplicate-flag', flag: ch });
      flags[name] = true;
    }
    c.advance();
  }
  return { flags, flagText };
}

function parseSeq(c: Cursor): SeqSpec {
  if (c.eat('...')) {
    c.skipBlanks();
    c.expect('(', { kind: 'any-seq-length' });
    const len = expectInRange(c, 'payload length', U16_MAX);
    c.expect(')');
    return { any: true, len };
  }
  const at = c.pos;
  if (!/[0-9]/.test(c.peek())) c.unexpected({ kind: 'seq-range' });
  const start = expectInRange(c, 'sequence number', U32_MAX);
  c.expect(':', { kind: 'in-seq-range', token: ':' });
  const end = expectInRange(c, 'sequence number', U32_MAX);
  c.expect('(', { kind: 'in-seq-range', token: '(' });
  const len = expectInRange(c, 'payload length', U16_MAX);
  c.expect(')', { kind: 'in-seq-range', token: ')' });
  // Modulo 2^32 so that a segment straddling the wrap point is accepted.
  if ((end - start + 2 ** 32) % 2 ** 32 !== len) {
    c.fail({ code: 'seq-length', start, end, len }, at);
  }
  return { any: false, start, end, len };
}

/** Consumes `keyword` and the blanks after it, if it is there as a whole word. */
function eatKeyword(c: Cursor, keyword: string): boolean {
  if (!c.startsWith(keyword) || /\w/.test(c.peek(keyword.length))) return false;
  c.advance(keyword.length);
  c.skipBlanks();
  return true;
}
