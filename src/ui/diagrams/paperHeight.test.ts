import { describe, expect, it } from 'vitest';
import { paperHeight } from './paperHeight.ts';

describe('paperHeight', () => {
  it('holds the drawing, and is a screen at least', () => {
    expect(paperHeight(10, 500)).toBe(500);
    expect(paperHeight(500, 500)).toBe(500);
    expect(paperHeight(501, 500)).toBe(1000);
    expect(paperHeight(45_000, 650)).toBeGreaterThanOrEqual(45_000);
  });
  it('changes once per doubling while a drawing grows by screens per frame', () => {
    const screen = 650;
    const papers = new Set<number>();
    // 1000× fast-forward: about ten screens per frame for 600 frames
    for (let h = 0; h < 600 * 6_500; h += 6_500) papers.add(paperHeight(h, screen));
    expect(papers.size).toBeLessThanOrEqual(Math.ceil(Math.log2((600 * 6_500) / screen)) + 1);
    // never more than twice the drawing (beyond the first screen)
    for (const h of [651, 1_301, 99_999, 1e6]) expect(paperHeight(h, screen)).toBeLessThan(2 * h);
  });
});
