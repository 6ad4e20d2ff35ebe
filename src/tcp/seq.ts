/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4). Comparisons are
 * only meaningful for numbers less than 2^31 apart, as in every TCP.
 */
export const SEQ_MOD = 0x1_0000_0000;

export function seqAdd(a: number, n: number): number {
  // ToUint32 is exactly mod 2^32 for integers (sequence numbers and lengths are), without a division
  return (a + n) >>> 0;
}

/**
 * A sequence number, or a negative "none" (UNSET), as it is stored in a TCB: the same value,
 * made a small integer where it fits. A value read from another object's number field may be
 * a heap number even when it is a small integer, and the TCB would keep it: 16 bytes per field
 * and connection for nothing.
 */
export const seqField = (x: number): number => (x < 0 ? x | 0 : x >>> 0);

/** Signed distance b - a in (-2^31, 2^31]. */
export function seqDiff(b: number, a: number): number {
  const d = (b - a) | 0; // wraps to a signed 32-bit integer
  return d;
}

export const seqLt = (a: number, b: number): boolean => seqDiff(a, b) < 0;
export const seqLe = (a: number, b: number): boolean => seqDiff(a, b) <= 0;
export const seqGt = (a: number, b: number): boolean => seqDiff(a, b) > 0;
export const seqGe = (a: number, b: number): boolean => seqDiff(a, b) >= 0;

/** lo <= x < hi, modulo 2^32. */
export function seqInHalfOpen(x: number, lo: number, hi: number): boolean {
  return seqLe(lo, x) && seqLt(x, hi);
}
