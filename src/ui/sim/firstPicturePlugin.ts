/**
 * Build-time data for pages that draw before the engine is loaded (vite.config.ts installs it).
 * Both modules are computed here by the real engine, so what the page draws stays a function of
 * the world (DESIGN.md invariants 1 and 4); unit tests check them against the live computation.
 *
 * - `virtual:tcp-edges`: the state diagram's edges, derived from the endpoint machine
 *   (src/tcp/machine/edges.ts) when the app is built, so drawing the diagram needs neither XState
 *   nor the machine (only the fields pages draw: drawnEdgeSources).
 * - `virtual:first-pictures`: for free play and each library scenario, what a fresh run shows at
 *   t = 0 (the world's view, the player's status and note), so an embed can show its first
 *   picture while the engine's chunk is still to come (see docs/EmbedApp.tsx).
 */
import type { Plugin } from 'vite';
import { SCENARIOS } from '../../scenarios/index.ts';
import { EDGES, drawnEdgeSources } from '../../tcp/machine/edges.ts';
import { computeFirstPicture } from './firstPictureOf.ts';
import type { FirstPicture } from './firstPicture.ts';

const EDGES_ID = 'virtual:tcp-edges';
const PICTURES_ID = 'virtual:first-pictures';

export function firstPictures(): Record<string, FirstPicture> {
  const out: Record<string, FirstPicture> = { free: computeFirstPicture(null) };
  for (const s of SCENARIOS) out[s.id] = computeFirstPicture(s);
  return out;
}

export const buildTimeData = (): Plugin => ({
  name: 'build-time-data',
  resolveId(id) {
    return id === EDGES_ID || id === PICTURES_ID ? `\0${id}` : null;
  },
  load(id) {
    if (id === `\0${EDGES_ID}`) return { code: `export const EDGES = ${JSON.stringify(drawnEdgeSources(EDGES))};`, moduleType: 'js' };
    if (id === `\0${PICTURES_ID}`) return { code: `export default ${JSON.stringify(firstPictures())};`, moduleType: 'js' };
    return null;
  },
});
