import type { Cursor } from './cursor.ts';
import type { NumberField } from './syntax-problems.ts';

export const U32_MAX = 0xffff_ffff;
export const U16_MAX = 0xffff;

const INTEGER = /(0[xX][0-9a-fA-F]+|[0-9]+)(?![A-Za-z0-9_.])/y;
const SECONDS = /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?![A-Za-z0-9_])/y;

/**
 * Reads a non-negative decimal or `0x` hex integer. Values beyond 2^53 would
 * lose digits silently, so they are refused here rather than compared wrongly
 * later.
 */
export function readUnsigned(c: Cursor): { value: number; raw: string } | undefined {
  const m = c.match(INTEGER);
  if (!m) return undefined;
  const raw = m[1] ?? '';
  const start = c.pos;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) c.fail({ code: 'number-too-large', raw }, start);
  c.advance(raw.length);
  return { value, raw };
}

/** Reads an unsigned integer or fails with "expected <field>". */
export function expectUnsigned(c: Cursor, field: NumberField): number {
  const n = readUnsigned(c);
  if (!n) return c.unexpected({ kind: 'number', field });
  return n.value;
}

/** Like expectUnsigned, and checks the value is at most `max`. */
export function expectInRange(c: Cursor, field: NumberField, max: number): number {
  const at = c.pos;
  const value = expectUnsigned(c, field);
  if (value > max) c.fail({ code: 'number-out-of-range', field, value, max }, at);
  return value;
}

/** Seconds as written in a time spec: `1`, `0.100`, `.1`, `1.`. */
export function readSeconds(c: Cursor): number | undefined {
  const m = c.match(SECONDS);
  if (!m) return undefined;
  // `1...2`: the first dot belongs to the ellipsis, not to the number.
  let raw = m[0];
  if (raw.endsWith('.') && c.text.startsWith('..', c.offset + raw.length)) raw = raw.slice(0, -1);
  c.advance(raw.length);
  return Number(raw);
}
