import { describe, expect, it } from 'vitest';
import { World } from '../../sim/world.ts';
import type { WorldConfig } from '../../sim/config.ts';
import { viewOf } from '../../sim/view.ts';
import type { DrawnSegment } from './ladderModel.ts';
import { KEEP_SEGMENTS, LadderModel, ladderPace } from './ladderModel.ts';
import type { LabelSpot, OBox } from './labelLayout.ts';
import { lineBox, overlaps } from './labelLayout.ts';
import { eventTimes } from './sequenceLayout.ts';
import { SEQ_TOP } from './sequenceLayout.ts';
import { buildTimeScale } from './timeScale.ts';

const TRANSFER: WorldConfig['steps'] = [
  { at: 0, peer: 'server', do: 'listen' },
  { at: 0.1, peer: 'client', do: 'connect' },
  { at: 0.1, net: 'loss', percent: 3 },
  { at: 0.5, peer: 'client', do: 'send', bytes: 120_000 },
  { at: 9, peer: 'client', do: 'close' },
];
const settings = { zoom: 1, relative: true, epoch: 0 };

function world() {
  return new World({ link: { delay: 0.05 }, steps: TRANSFER, set: { rto_max: 1 }, seed: 3 });
}

const KEEPALIVE: WorldConfig['steps'] = [
  { at: 0, peer: 'server', do: 'listen' },
  { at: 0, peer: 'client', do: 'connect' },
  { at: 1, peer: 'client', do: 'keepalive', on: true, idle: 1, intvl: 1, cnt: 9 },
  { at: 1, peer: 'server', do: 'keepalive', on: true, idle: 1, intvl: 1, cnt: 9 },
];

describe('LadderModel', () => {
  it('keeps drawing new segments when the view holds only the newest ones (a sliding window)', () => {
    const w = new World({ link: { delay: 0.05 }, steps: KEEPALIVE, seed: 1 });
    const m = new LadderModel();
    let t = 0;
    for (; t <= 200; t += 0.5) {
      w.runUntil(t);
      m.update(viewOf(w, { segments: 50, events: 100 }), t, settings);
    }
    const v = viewOf(w, { segments: 50, events: 100 });
    expect(v.segments[0]!.id).toBeGreaterThan(500); // the window slid far past the start
    const fr = m.frame(t - 0.5, -Infinity, Infinity);
    const ids = fr.drawn.map((d) => d.g.seg.id);
    // the newest segment sent is drawn, and so is everything since the model started
    const sent = v.segments.filter((s) => s.sentAt <= t - 0.5);
    expect(ids).toContain(sent[sent.length - 1]!.id);
    expect(ids.length).toBeGreaterThan(v.segments.length);
  });

  it('holds a bounded number of segments however long the run', () => {
    const w = new World({ link: { delay: 0.05 }, steps: KEEPALIVE, seed: 1 });
    const m = new LadderModel();
    for (let t = 0; t <= 1500; t += 0.5) {
      w.runUntil(t);
      m.update(viewOf(w, { segments: 50, events: 100 }), t, settings);
      expect(m.size).toBeLessThanOrEqual(KEEP_SEGMENTS * 1.5);
    }
    expect(w.segmentViews().at(-1)!.id).toBeGreaterThan(KEEP_SEGMENTS * 2);
    expect(m.size).toBeGreaterThan(KEEP_SEGMENTS / 2);
  });

  it('builds, frame by frame, the same time axis as a rebuild from all the events so far', () => {
    const w = world();
    const m = new LadderModel();
    for (let t = 0; t <= 40; t += 0.4) {
      w.runUntil(t);
      m.update(viewOf(w), t, settings);
    }
    const v = viewOf(w);
    const full = buildTimeScale(eventTimes(v), 40, { top: SEQ_TOP, ...ladderPace(1) });
    const fr = m.frame(40, -Infinity, Infinity);
    for (const x of eventTimes(v)) expect(fr.scale.y(x)).toBeCloseTo(full.y(x), 3);
    expect(fr.nowY).toBeCloseTo(full.y(40), 3);
    expect(fr.drawn.length).toBe(v.segments.length);
    expect(v.segments.length).toBeGreaterThan(80);
  });

  it('places a label once: a settled segment keeps its spot while later segments appear, unless a later arrow crosses it and a better spot is free', () => {
    const w = world();
    const m = new LadderModel();
    const seen = new Map<number, LabelSpot>();
    let moved = 0;
    const crossings = (box: OBox, drawn: readonly DrawnSegment[], own: number) => drawn.filter((d) => d.g.seg.id !== own && overlaps(box, lineBox(d.g.x1, d.g.y1, d.g.x2, d.g.y2))).length;
    for (let t = 0; t <= 30; t += 0.25) {
      w.runUntil(t);
      m.update(viewOf(w), t, settings);
      const drawn = m.frame(t, -Infinity, Infinity).drawn;
      for (const d of drawn) {
        if (d.status === 'in-flight') continue;
        const before = seen.get(d.g.seg.id);
        if (before && before !== d.spot) {
          moved++;
          // only an arrow across it moves it
          expect(crossings(before.box, drawn, d.g.seg.id)).toBeGreaterThan(0);
        }
        seen.set(d.g.seg.id, d.spot!);
      }
    }
    expect(seen.size).toBeGreaterThan(100);
    // (a bulk transfer's arrows are a label apart; moving is the exception)
    expect(moved).toBeLessThan(seen.size / 20);
  });

  it('draws only the segments that meet the window', () => {
    const w = world();
    w.runUntil(30);
    const m = new LadderModel();
    m.update(viewOf(w), 30, settings);
    const all = m.frame(30, -Infinity, Infinity).drawn;
    const top = 2000;
    const bottom = 2600;
    const some = m.frame(30, top, bottom).drawn;
    const meets = (d: (typeof all)[number]) => Math.max(d.g.y1, d.g.y2) >= top && Math.min(d.g.y1, d.g.y2) <= bottom;
    expect(some.length).toBeGreaterThan(0);
    expect(some.length).toBeLessThan(all.length / 3);
    expect(some.map((d) => d.g.seg.id)).toEqual(expect.arrayContaining(all.filter(meets).map((d) => d.g.seg.id)));
  });

  it('starts afresh when history is rewritten or the clock goes back', () => {
    const w = world();
    const m = new LadderModel();
    w.runUntil(5);
    const snap = w.snapshot();
    m.update(viewOf(w), 5, settings);
    w.runUntil(20);
    m.update(viewOf(w), 20, settings);
    w.restore(snap);
    m.update(viewOf(w), 5, { ...settings, epoch: 1 });
    const v = viewOf(w);
    expect(m.frame(5, -Infinity, Infinity).drawn.length).toBe(v.segments.filter((s) => s.sentAt <= 5).length);
  });

  it('labels only what is drawn: segments that pass by unseen (a fast run) cost no label placement', () => {
    const w = new World({ link: { delay: 0.05 }, steps: KEEPALIVE, seed: 1 });
    const m = new LadderModel();
    const ever = new Set<number>();
    // 1000×-like frames: 17 virtual seconds each, drawing a screen around the now line
    for (let t = 0; t <= 600; t += 17) {
      w.runUntil(t);
      m.update(viewOf(w, { segments: 200, events: 400 }), t, settings);
      const nowY = m.nowY(t);
      for (const d of m.frame(t, nowY - 700, nowY + 100).drawn) {
        ever.add(d.g.seg.id);
        expect(d.spot?.box).toBeDefined();
      }
    }
    expect(m.size).toBeGreaterThan(400);
    expect(m.labelled).toBe(ever.size);
    expect(m.labelled).toBeLessThan(m.size / 2);
    // scrolled back to the start, the segments there get their labels then
    const early = m.frame(600, -Infinity, SEQ_TOP + 400).drawn;
    expect(early.length).toBeGreaterThan(0);
    expect(m.labelled).toBe(new Set([...ever, ...early.map((d) => d.g.seg.id)]).size);
  });

  it('places no label in a bare frame: the first frame that shows them places them as if the bare frames were never drawn', () => {
    const w = new World({ link: { delay: 0.05 }, steps: KEEPALIVE, seed: 1 });
    const m = new LadderModel();
    const unseen = new LadderModel();
    // 1000×-like bare frames: each draws a screen around the now line, labels left out
    for (let t = 0; t <= 306; t += 17) {
      w.runUntil(t);
      const v = viewOf(w, { segments: 200, events: 400 });
      m.update(v, t, settings);
      unseen.update(v, t, settings);
      const nowY = m.nowY(t);
      if (t < 306) expect(m.frame(t, nowY - 700, nowY + 100, true).drawn.length).toBeGreaterThan(0);
    }
    expect(m.labelled).toBe(0);
    // the frame the run stops on shows its labels, placed then
    const nowY = m.nowY(306);
    const shown = m.frame(306, nowY - 700, nowY + 100).drawn;
    expect(shown.length).toBeGreaterThan(0);
    expect(m.labelled).toBe(shown.length);
    expect(shown.map((d) => [d.g.seg.id, d.spot])).toEqual(unseen.frame(306, nowY - 700, nowY + 100).drawn.map((d) => [d.g.seg.id, d.spot]));
  });
});
