/**
 * `s=` written: a scenario as the lz-string (compressToEncodedURIComponent) of its JSON. Apart
 * from ./scenarioParam.ts (the reading side) because writing needs no validator: the app's
 * "Copy link" stays out of the validator's chunk.
 */
// lz-string is CommonJS: its default export works in Vite and in Node (the CLIs) alike.
import LZString from 'lz-string';
import type { Scenario } from '../../scenarios/index.ts';

export function encodeScenario(s: Scenario): string {
  return LZString.compressToEncodedURIComponent(JSON.stringify(s));
}
