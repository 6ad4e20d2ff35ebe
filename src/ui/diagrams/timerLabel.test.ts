import { describe, expect, it } from 'vitest';
import { bandLabelBox, bandLabelLines, placeTimerLabel, timerBarX } from './timerLabel.ts';
import { PEER_X } from './sequenceLayout.ts';

const base = { name: 'FIN_WAIT_2', left: '59.8 s', widest: '60.0 s', font: 13, bands: [] as { y0: number; text: string }[] };

describe('placeTimerLabel', () => {
  it('sits just above the now point in the outer margin when nothing is there', () => {
    const l = placeTimerLabel({ ...base, peer: 'client', yNow: 300 });
    expect(l.lines).toEqual(['FIN_WAIT_2 59.8 s']);
    expect(l.anchor).toBe('start');
    expect(l.y).toBeLessThan(300);
    expect(l.y).toBeGreaterThan(290);
  });

  it('moves below a state name of its lane that it would cover', () => {
    const bands = [{ y0: 290, text: 'FIN_WAIT_2' }];
    const l = placeTimerLabel({ ...base, peer: 'client', yNow: 300, bands });
    const name = bandLabelBox('client', bands[0]!, 13);
    expect(l.box.cy - l.box.hh).toBeGreaterThanOrEqual(name.y1);
  });

  it('pushed down past a state name that ends just below the now line, it goes on below the line, not across it', () => {
    for (const font of [13, 19]) {
      // the state began a little before now: its name ends just above the now line, so the
      // label pushed below it would straddle the line
      const bands = [{ y0: 296 - 1.4 * font, text: 'FIN_WAIT_1' }];
      const l = placeTimerLabel({ ...base, name: 'RTO', left: '0.25 s', widest: '0.25 s', peer: 'client', yNow: 300, bands, font });
      const name = bandLabelBox('client', bands[0]!, font);
      const top = l.box.cy - l.box.hh;
      const bottom = l.box.cy + l.box.hh;
      expect(top).toBeGreaterThanOrEqual(name.y1);
      // the now line (y = 300) does not run through it
      expect(top > 300 || bottom < 300).toBe(true);
    }
  });

  it('goes on two lines rather than across the lifeline when the type is large', () => {
    for (const peer of ['client', 'server'] as const) {
      const l = placeTimerLabel({ ...base, peer, yNow: 300, font: 19 });
      expect(l.lines).toEqual(['FIN_WAIT_2', '59.8 s']);
      // the label's box stays in the outer margin, off the lifeline's band
      if (peer === 'client') expect(l.box.cx + l.box.hw).toBeLessThan(PEER_X.client - 7);
      else expect(l.box.cx - l.box.hw).toBeGreaterThan(PEER_X.server + 7);
    }
  });

  it('keeps the line count while the time left shrinks (no jumping between one and two lines)', () => {
    const a = placeTimerLabel({ ...base, peer: 'server', yNow: 100, font: 16, left: '60.0 s' });
    const b = placeTimerLabel({ ...base, peer: 'server', yNow: 100, font: 16, left: '1 s' });
    expect(a.lines.length).toBe(b.lines.length);
  });
});

describe('bandLabelLines', () => {
  it('keeps a state name on one line where the margin has room', () => {
    expect(bandLabelLines('client', 'FIN_WAIT_2', 13).lines).toEqual(['FIN_WAIT_2']);
    expect(bandLabelLines('server', 'LISTEN', 13).lines).toEqual(['LISTEN']);
  });
  it('wraps a state name drawn large (a narrow frame) after an underscore, never condensed, so it ends before the timer bar', () => {
    for (const peer of ['client', 'server'] as const) {
      expect(bandLabelLines(peer, 'FIN_WAIT_2', 30).lines).toEqual(['FIN_', 'WAIT_2']);
      expect(bandLabelLines(peer, 'ESTABLISHED', 30).lines).toEqual(['ESTAB-', 'LISHED']);
      const box = bandLabelBox(peer, { y0: 100, text: 'FIN_WAIT_2' }, 30);
      if (peer === 'client') expect(box.x0).toBeGreaterThanOrEqual(timerBarX('client') + 4);
      else expect(box.x1).toBeLessThanOrEqual(timerBarX('server'));
      // two lines tall
      expect(box.y1 - box.y0).toBeGreaterThan(2 * 30);
    }
  });
  it('with wider margins (side room), a long name stays on one line', () => {
    expect(bandLabelLines('server', 'ESTABLISHED', 20).lines).toHaveLength(2);
    expect(bandLabelLines('server', 'ESTABLISHED', 20, 40).lines).toEqual(['ESTABLISHED']);
    expect(timerBarX('server', 40)).toBe(timerBarX('server') + 40);
    expect(timerBarX('client', 40)).toBe(timerBarX('client') - 40);
  });
});
