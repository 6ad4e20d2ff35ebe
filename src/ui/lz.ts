/**
 * lz-string, which packs the link values `k=`, `a=`, `s=` and `pkt=` (DESIGN.md "URL parameters"),
 * kept out of every page's initial JavaScript: a first visit from a plain link packs and unpacks
 * nothing, and the embed's budget had no room for it. This module owns the lazy import; the URL code
 * reads and writes through `lz()`, synchronously, and the pages make sure the codec is here first:
 * lazy/boot.tsx fetches it before the first render of a link that carries a packed value, and the
 * app fetches it on the first link of its own that packs one (`whenLz`: a knob, an action, an own
 * scenario). ./lzCodec.ts registers itself here when it is imported, so Node code (the CLIs, tests)
 * and chunks that pack as they render (the fleet page's drill links) import it and have it at once.
 */

export interface Lz {
  /** lz-string's compressToEncodedURIComponent */
  pack(text: string): string;
  /** lz-string's decompressFromEncodedURIComponent: null or '' for what it cannot unpack, and it throws on some malformed input */
  unpack(packed: string): string | null;
}

/** The query parameters whose values are lz-string packed. */
export const PACKED_PARAMS = ['k', 'a', 's', 'pkt'] as const;

/** Whether a link carries a packed value (its page must have the codec before it reads the link). */
export function carriesPacked(search: string): boolean {
  const q = new URLSearchParams(search);
  return PACKED_PARAMS.some((p) => q.has(p));
}

/** `lz()` before the codec is here: the caller neither waited for it (`loadLz`, `whenLz`) nor imported ./lzCodec.ts. */
export class LzMissing extends Error {
  constructor() {
    super('lz-string is not loaded yet (await loadLz(), or import ./lzCodec.ts in code that packs as it renders)');
    this.name = 'LzMissing';
  }
}

let codec: Lz | null = null;
let pending: Promise<Lz> | null = null;

/** Called by ./lzCodec.ts as it is evaluated. */
export function registerLz(c: Lz): void {
  codec = c;
}

/** The codec; throws LzMissing until it is here (a programming error: see the module comment). */
export function lz(): Lz {
  if (!codec) throw new LzMissing();
  return codec;
}

/** Fetches the codec's chunk; a failed fetch is not remembered, so asking again retries. */
export function loadLz(): Promise<Lz> {
  if (codec) return Promise.resolve(codec);
  pending ??= import('./lzCodec.ts').then(
    (m) => m.codec,
    (e: unknown) => {
      pending = null;
      throw e;
    },
  );
  return pending;
}

/**
 * `f()` at once when it packs nothing or the codec is here, else once the codec has been fetched.
 * For code that writes links: most of the app's links pack nothing, and those never fetch the codec.
 * `f` must be free of side effects before its first `lz()` (it may run twice).
 */
export function whenLz<T>(f: () => T): Promise<T> {
  try {
    return Promise.resolve(f());
  } catch (e) {
    if (e instanceof LzMissing) return loadLz().then(f);
    return Promise.reject(e);
  }
}
