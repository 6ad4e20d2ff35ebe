import { describe, expect, it, vi } from 'vitest';
// the test's own reference packing, straight from the library
import LZString from 'lz-string';
import { carriesPacked, LzMissing, lz, loadLz, PACKED_PARAMS, whenLz } from './lz.ts';
import { DEFAULT_URL_STATE, parseUrl, serializeUrl } from './url.ts';

// This file never imports ./lzCodec.ts statically: the codec starts missing, as on a page's first load.
describe('lz-string as a chunk of its own', () => {
  it('knows which links carry a packed value', () => {
    for (const p of PACKED_PARAMS) expect(carriesPacked(`?lang=en&${p}=x`), p).toBe(true);
    expect(carriesPacked('?scenario=teardown&lang=zh-CN&embed=1&t=3')).toBe(false);
    expect(carriesPacked('')).toBe(false);
  });

  it('refuses to pack or unpack before the codec is here, rather than calling a value bad', () => {
    expect(() => lz()).toThrow(LzMissing);
    expect(() => parseUrl('?k=N4IgdghgtgpiBcIDOBXATgYwQGhAYwPYB2AJgKYA', [])).toThrow(LzMissing);
    expect(() => parseUrl('?a=garbage', [])).toThrow(LzMissing);
    expect(() => serializeUrl({ ...DEFAULT_URL_STATE, knobs: { time_wait_len: 5 } })).toThrow(LzMissing);
  });

  it('writes a link that packs nothing without fetching the codec', async () => {
    await expect(whenLz(() => serializeUrl({ ...DEFAULT_URL_STATE, scenario: 'teardown', t: 2 }))).resolves.toBe('?scenario=teardown&t=2');
    expect(() => lz()).toThrow(LzMissing);
  });

  it('fetches the codec for a link that packs, and packs exactly as lz-string does', async () => {
    const knobs = { time_wait_len: 5 };
    const actions = [{ at: 0, action: { peer: 'server' as const, do: 'listen' as const } }];
    const link = await whenLz(() => serializeUrl({ ...DEFAULT_URL_STATE, knobs, actions, t: 1 }));
    const q = new URLSearchParams(link);
    expect(q.get('k')).toBe(LZString.compressToEncodedURIComponent(JSON.stringify(knobs)));
    expect(q.get('a')).toBe(LZString.compressToEncodedURIComponent(JSON.stringify([{ t: 0, peer: 'server', do: 'listen' }])));
    // loaded once, the codec is there synchronously, and the link reads back as it was written
    expect(lz().unpack(q.get('k')!)).toBe(JSON.stringify(knobs));
    expect(parseUrl(link, [])).toEqual({ state: { ...DEFAULT_URL_STATE, knobs, actions, t: 1 }, problems: [] });
    await expect(loadLz()).resolves.toBe(lz());
  });

  it('passes on errors other than a missing codec', async () => {
    await expect(
      whenLz(() => {
        throw new RangeError('not the codec');
      }),
    ).rejects.toThrow(RangeError);
  });
});

describe('a failed fetch of the codec', () => {
  it('is not remembered: asking again fetches it again', async () => {
    vi.resetModules();
    let fetches = 0;
    vi.doMock('./lzCodec.ts', async () => {
      fetches++;
      if (fetches === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return vi.importActual('./lzCodec.ts');
    });
    try {
      const fresh = await import('./lz.ts');
      // (vitest wraps the factory's error in its own)
      await expect(fresh.loadLz()).rejects.toThrow();
      expect(() => fresh.lz()).toThrow(fresh.LzMissing);
      await expect(fresh.whenLz(() => fresh.lz().pack('x'))).resolves.toBe(LZString.compressToEncodedURIComponent('x'));
      expect(fetches).toBe(2);
    } finally {
      vi.doUnmock('./lzCodec.ts');
      vi.resetModules();
    }
  });
});
