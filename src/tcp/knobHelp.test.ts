import { describe, expect, it } from 'vitest';
import { KNOB_HELP } from './knobHelp.ts';
import { KNOB_NAMES } from './knobs.ts';

describe('knob help', () => {
  it('says in one line what every knob of the table means, and names no knob the table lacks', () => {
    expect(Object.keys(KNOB_HELP).sort()).toEqual([...KNOB_NAMES].sort());
    for (const n of KNOB_NAMES) {
      expect(KNOB_HELP[n].length, n).toBeGreaterThan(10);
      expect(KNOB_HELP[n], n).not.toContain('\n');
    }
  });
});
