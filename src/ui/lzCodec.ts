/**
 * The lz-string chunk behind ./lz.ts: the one module of the app that imports lz-string. Importing
 * it registers the codec, so `lz()` works at once in whatever imported it.
 */
// lz-string is CommonJS: its default export works in Vite and in Node (the CLIs) alike.
import LZString from 'lz-string';
import { registerLz } from './lz.ts';
import type { Lz } from './lz.ts';

export const codec: Lz = {
  pack: (text) => LZString.compressToEncodedURIComponent(text),
  unpack: (packed) => LZString.decompressFromEncodedURIComponent(packed),
};

registerLz(codec);
