import { describe, expect, it } from 'vitest';
import { TIMER_NAMES, timerIndex } from './fx.ts';

describe('timerIndex', () => {
  it('is each timer’s place in TIMER_NAMES', () => {
    TIMER_NAMES.forEach((t, i) => expect(timerIndex(t)).toBe(i));
  });
});
