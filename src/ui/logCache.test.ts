import { describe, expect, it } from 'vitest';
import { World } from '../sim/world.ts';
import { buildLog } from './narrate.ts';
import { LogCache } from './logCache.ts';

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
});
