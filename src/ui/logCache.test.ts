import { describe, expect, it } from 'vitest';
import { World } from '../sim/world.ts';
import { buildLog } from './narrate.ts';
import { LogCache, TAIL_EVENTS } from './logCache.ts';

const steps = [
  { at: 0, peer: 'server', do: 'listen' },
  { at: 0.1, peer: 'client', do: 'connect' },
  { at: 1, peer: 'client', do: 'send', bytes: 5000 },
  { at: 2, peer: 'client', do: 'close' },
  { when: { peer: 'server', state: 'CLOSE_WAIT' }, after: 0.2, peer: 'server', do: 'close' },
] as const;

describe('LogCache', () => {
  it('grows to the same lines as a full rebuild, whatever the slices the trace arrives in', () => {
    const w = new World({ link: { delay: 0.05 }, steps: steps as never });
    const cache = new LogCache();
    let version = cache.update(w.trace.slice());
    for (let t = 0; t < 70; t += 0.037) {
      w.runUntil(t);
      const v = cache.update(w.trace.slice());
      if (v !== version) expect(cache.lines).toEqual(buildLog(w.trace));
      version = v;
    }
    expect(cache.lines).toEqual(buildLog(w.trace));
    expect(cache.lines.length).toBeGreaterThan(10);
  });

  it('starts afresh when the trace was rewritten', () => {
    const w = new World({ link: { delay: 0.05 }, steps: steps as never });
    w.runUntil(3);
    const snap = w.snapshot();
    const cache = new LogCache();
    w.runUntil(70);
    cache.update(w.trace.slice());
    const long = cache.lines.length;
    w.restore(snap);
    const v = cache.update(w.trace.slice());
    expect(cache.lines).toEqual(buildLog(w.trace));
    expect(cache.lines.length).toBeLessThan(long);
    // an unchanged trace keeps the version
    expect(cache.update(w.trace.slice())).toBe(v);
    // another world with a trace of the same length is not mistaken for this one
    const other = new World({ link: { delay: 0.2 }, steps: steps as never });
    other.runUntil(3);
    cache.update(other.trace.slice());
    expect(cache.lines).toEqual(buildLog(other.trace));
  });

  it('reads a sliding window of the trace incrementally: the lines are those of the whole run, the oldest let go in batches', () => {
    const w = new World({ link: { delay: 0.05 }, steps: steps as never });
    const cache = new LogCache(40, 15);
    const full = () => buildLog(w.trace);
    let batches = 0;
    let kept = 0;
    let moved = 0;
    let dropped = 0;
    for (let t = 0; t < 70; t += 0.011) {
      w.runUntil(t);
      // the view's window: the newest 30 events, the first numbered eventCount - 30
      const win = w.trace.slice(-30);
      const before = cache.final > 0 ? cache.lines[0] : undefined;
      const v = cache.update(win, w.eventCount - win.length);
      expect(cache.lines.length).toBeLessThanOrEqual(40);
      expect(cache.lines).toEqual(full().slice(cache.dropped));
      if (cache.dropped !== dropped) {
        expect(cache.dropped - dropped).toBe(15);
        batches++;
      } else if (before && v > 0) {
        // lines already built are kept as they were (the same objects)
        if (cache.lines[0] === before) kept++;
        else moved++;
      }
      dropped = cache.dropped;
    }
    expect(batches).toBeGreaterThan(0);
    expect(moved).toBe(0);
    expect(kept).toBeGreaterThan(100);
    expect(full().length).toBeGreaterThan(40);
  });

  it('a window that slid past everything read (a frame of more new events than the window) is read afresh', () => {
    const w = new World({ link: { delay: 0.05 }, steps: steps as never });
    const cache = new LogCache();
    w.runUntil(1);
    cache.update(w.trace.slice(-5), w.eventCount - 5);
    w.runUntil(70);
    const win = w.trace.slice(-5);
    cache.update(win, w.eventCount - 5);
    expect(cache.lines.map((l) => l.index)).toEqual(buildLog(win).map((l) => l.index + w.eventCount - 5));
    expect(cache.dropped).toBe(0);
  });

  it('after a slide, reads only the newest events of a long window, from the start of an instant', () => {
    const w = new World({ link: { delay: 0.05 }, steps: [...steps.slice(0, 2), { at: 1, peer: 'client', do: 'send', bytes: 400_000 }] as never });
    const cache = new LogCache();
    w.runUntil(1);
    const first = w.trace.slice(-400);
    cache.update(first, w.eventCount - first.length);
    w.runUntil(30);
    const win = w.trace.slice(-400);
    expect(win.length).toBe(400);
    const base = w.eventCount - 400;
    cache.update(win, base);
    let s = 400 - TAIL_EVENTS;
    while (win[s]!.t === win[s - 1]!.t) s++;
    const tail = buildLog(win.slice(s));
    expect(cache.lines.map((l) => [l.index, l.t])).toEqual(tail.map((l) => [l.index + base + s, l.t]));
    expect(cache.lines.length).toBeLessThan(buildLog(win).length);
    // and it goes on incrementally from there
    w.runUntil(30.05);
    const next = w.trace.slice(-400);
    cache.update(next, w.eventCount - 400);
    expect(cache.lines[cache.lines.length - 1]!.index).toBe(buildLog(next).at(-1)!.index + w.eventCount - 400);
  });
});
