import { describe, expect, it } from 'vitest';
import { stateIndex, TCP_STATES } from './states.ts';

describe('stateIndex', () => {
  it('is each state’s place in TCP_STATES', () => {
    TCP_STATES.forEach((s, i) => expect(stateIndex(s)).toBe(i));
  });
});
