/**
 * Whether a link to the app needs the engine for its very first picture: a moment (`t=`), hand
 * actions (`a=`), knobs (`k=`), a scenario of its own (`s=`), another profile or lesson mode, play
 * starting by itself (`autoplay=1`) or presenter mode (`present=1`). Such a page fetches the engine
 * before its first render (main.tsx); any other starts from the build-time first picture and
 * fetches the engine on the first sign of use (useDeferredSimulation.ts).
 */
const NEEDS_ENGINE = ['t', 'a', 'k', 's', 'profile', 'lesson'] as const;

export function needsEngineAtOnce(search: string): boolean {
  const q = new URLSearchParams(search);
  if (NEEDS_ENGINE.some((k) => q.has(k))) return true;
  return q.get('autoplay') === '1' || q.get('present') === '1';
}
