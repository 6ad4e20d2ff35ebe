/** Every input surface the fuzzer knows, in report order. */
import type { Surface } from './harness.ts';
import { loadScripts, packetdrillSurface } from './packetdrill.ts';
import { loadScenarios, scenarioSurface } from './scenarios.ts';
import { urlSurface } from './url.ts';

/** `pktDirs`: folders of .pkt scripts that packetdrill inputs are made from. */
export function surfaces(pktDirs: readonly string[]): Surface<never>[] {
  return [packetdrillSurface(loadScripts(pktDirs)), scenarioSurface(loadScenarios()), urlSurface()] as Surface<never>[];
}
