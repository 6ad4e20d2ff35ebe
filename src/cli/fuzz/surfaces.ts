/** Every input surface the fuzzer knows, in report order; each is built only when it is run. */
import type { Surface } from './harness.ts';
import { embedSurface } from './embed.ts';
import { loadScripts, packetdrillSurface } from './packetdrill.ts';
import { pcapSurface } from './pcap.ts';
import { loadScenarios, scenarioSurface } from './scenarios.ts';
import { urlSurface } from './url.ts';

export interface SurfaceEntry {
  name: string;
  make(): Surface<never>;
}

/** `pktDirs`: folders of .pkt scripts that packetdrill inputs are made from. */
export function surfaces(pktDirs: readonly string[]): SurfaceEntry[] {
  const entry = <T>(name: string, make: () => Surface<T>): SurfaceEntry => ({ name, make: make as () => Surface<never> });
  return [
    entry('packetdrill', () => packetdrillSurface(loadScripts(pktDirs))),
    entry('scenarios', () => scenarioSurface(loadScenarios())),
    entry('url', urlSurface),
    entry('embed', () => embedSurface()),
    entry('pcap', () => pcapSurface()),
  ];
}
