/**
 * The `s=` decoder as the URL parser sees it. Decoding an `s` value validates a whole scenario,
 * and the validator (src/scenarios/validate.ts with its JSON parser) is a chunk a first visit
 * without `s=` never fetches: lazy/boot.tsx loads it before the first render when the link has
 * an `s`, and ./scenarioParam.ts registers itself here when it is imported (so Node code that
 * imports it, the CLIs and tests, has it at once).
 */
import type { Decoded } from './scenarioParam.ts';

export type ScenarioDecoder = (raw: string, where?: string) => Decoded;

let decoder: ScenarioDecoder | null = null;

export function registerScenarioDecoder(d: ScenarioDecoder): void {
  decoder = d;
}

/** The decoder, if loaded; the URL parser reports an `s` it cannot check rather than guess. */
export const scenarioDecoder = (): ScenarioDecoder | null => decoder;

/** Fetches the validator's chunk (resolves once `scenarioDecoder()` is set). */
export function loadScenarioDecoder(): Promise<ScenarioDecoder> {
  return import('./scenarioParam.ts').then((m) => m.decodeScenario);
}
