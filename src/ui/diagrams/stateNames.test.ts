import { describe, expect, it } from 'vitest';
import { TCP_STATES } from '../../tcp/states.ts';
import { SEQ_W } from './sequenceLayout.ts';
import { sideRoom, stateNameLines, stateNameWidth } from './stateNames.ts';
import { bandRoom } from './timerLabel.ts';

/** the ladder's rule for its text font: 13 units, more where one unit is under 11.2/13 px */
const fontAt = (k: number) => Math.max(13, Math.ceil((2 * 11.2) / k) / 2);

describe('state names beside the lifelines', () => {
  it('wrap after an underscore into the most even lines, ESTABLISHED at its syllable', () => {
    expect(stateNameLines('FIN_WAIT_1', 30, 130)).toEqual(['FIN_', 'WAIT_1']);
    expect(stateNameLines('CLOSE_WAIT', 30, 130)).toEqual(['CLOSE_', 'WAIT']);
    expect(stateNameLines('ESTABLISHED', 30, 130)).toEqual(['ESTAB-', 'LISHED']);
    expect(stateNameLines('CLOSING', 30, 130)).toEqual(['CLOSING']);
    expect(stateNameLines('FIN_WAIT_1', 13, 130)).toEqual(['FIN_WAIT_1']);
  });
  it('are measured a little wide of the bold face (ESTABLISHED is 7.62 em in DejaVu Sans Bold)', () => {
    expect(stateNameWidth('ESTABLISHED', 100)).toBeGreaterThan(762);
    expect(stateNameWidth('ESTABLISHED', 100)).toBeLessThan(800);
  });
  it('get room beside the drawing so that every name, on one line or wrapped, fits its margin at the font the box draws it', () => {
    for (const px of [250, 300, 330, 360, 430, 480, 600]) {
      const side = sideRoom(px, fontAt);
      const font = fontAt(px / (SEQ_W + 2 * side));
      for (const peer of ['client', 'server'] as const)
        for (const n of TCP_STATES) for (const l of stateNameLines(n, font, bandRoom(peer, side))) expect(stateNameWidth(l, font), `${px} px ${n}`).toBeLessThanOrEqual(bandRoom(peer, side));
      // the lanes keep most of their width
      expect(SEQ_W / (SEQ_W + 2 * side), `${px} px`).toBeGreaterThan(0.85);
    }
  });
  it('need no extra room at the desk, where the type is the layout\'s', () => {
    expect(sideRoom(480, fontAt)).toBe(0);
    expect(sideRoom(0, fontAt)).toBe(0);
  });
});
