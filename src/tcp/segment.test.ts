import { describe, expect, it } from 'vitest';
import { FLAG_ORDER, flagBits, flagList, flagSet, flagsFrom } from './segment.ts';

describe('flag sets', () => {
  it('are 32 shared frozen objects with every key in FLAG_ORDER, and flagBits reads back their bits', () => {
    for (let m = 0; m < 32; m++) {
      const f = flagSet(m);
      expect(Object.keys(f)).toEqual([...FLAG_ORDER]);
      expect(Object.isFrozen(f)).toBe(true);
      expect(flagSet(m)).toBe(f);
      expect(flagBits(f)).toBe(m);
      expect(flagsFrom(flagList(f))).toBe(f);
    }
  });

  it('reads the bits of flags written with only some keys (a hand-made segment)', () => {
    expect(flagBits({ SYN: true, ACK: true })).toBe(flagBits(flagSet(1 | 16)));
    expect(flagBits({})).toBe(0);
  });
});
