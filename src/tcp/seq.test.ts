import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seqAdd, seqDiff, seqGe, seqGt, seqInHalfOpen, seqLe, seqLt } from './seq.ts';

describe('sequence arithmetic mod 2^32', () => {
  it('wraps additions at 2^32', () => {
    expect(seqAdd(0xffff_ffff, 1)).toBe(0);
    expect(seqAdd(0xffff_fff0, 0x20)).toBe(0x10);
    expect(seqAdd(0, -1)).toBe(0xffff_ffff);
  });
  it('orders numbers across the wrap', () => {
    expect(seqLt(0xffff_ffff, 0)).toBe(true);
    expect(seqGt(0, 0xffff_ffff)).toBe(true);
    expect(seqLe(5, 5)).toBe(true);
    expect(seqGe(0x10, 0xffff_fff0)).toBe(true);
    expect(seqDiff(0x10, 0xffff_fff0)).toBe(0x20);
  });
  it('half-open windows straddling the wrap', () => {
    expect(seqInHalfOpen(0xffff_ffff, 0xffff_fff0, 0x10)).toBe(true);
    expect(seqInHalfOpen(0x0f, 0xffff_fff0, 0x10)).toBe(true);
    expect(seqInHalfOpen(0x10, 0xffff_fff0, 0x10)).toBe(false);
  });
  it('a + n is after a for 0 < n < 2^31 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), fc.integer({ min: 1, max: 0x7fff_ffff }), (a, n) => {
        const b = seqAdd(a, n);
        return seqLt(a, b) && seqGt(b, a) && seqDiff(b, a) === n && seqAdd(b, -n) === a;
      }),
    );
  });
});
