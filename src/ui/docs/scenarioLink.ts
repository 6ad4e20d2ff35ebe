/**
 * `s=` written: a scenario as the lz-string (compressToEncodedURIComponent) of its JSON. Apart
 * from ./scenarioParam.ts (the reading side) because writing needs no validator: the app's
 * "Copy link" stays out of the validator's chunk.
 */
import type { Scenario } from '../../scenarios/index.ts';
import { lz } from '../lz.ts';

/** Needs the codec (../lz.ts): the app calls it through `whenLz`. */
export function encodeScenario(s: Scenario): string {
  return lz().pack(JSON.stringify(s));
}
