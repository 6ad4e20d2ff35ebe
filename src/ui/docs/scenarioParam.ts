/**
 * `s=`: a whole scenario in the URL, as the lz-string (compressToEncodedURIComponent) of its JSON
 * (DESIGN.md "Scenario file (JSON)"). Decoding validates it exactly like a library file; all or
 * nothing, and an error names the field path.
 */
// the checker's chunk brings the codec along (and registers it: ../lz.ts)
import { codec } from '../lzCodec.ts';
import { parseScenarioText, ScenarioError } from '../../scenarios/validate.ts';
import type { Scenario } from '../../scenarios/index.ts';
import { registerScenarioDecoder } from './sDecoder.ts';

/** Longest `s` value read (about 1 MB of JSON once unpacked is far beyond any lesson). */
export const MAX_S_CHARS = 100_000;
const MAX_JSON_CHARS = 1_000_000;

export { encodeScenario } from './scenarioLink.ts';

export type Decoded = { scenario: Scenario } | { error: string };

/** The scenario carried by `raw`, or an error that says what is wrong and where (`s: steps[2].do: …`). */
export function decodeScenario(raw: string, where = 's'): Decoded {
  if (raw.length > MAX_S_CHARS) return { error: `${where}: longer than ${MAX_S_CHARS} characters` };
  let text: string | null;
  try {
    text = codec.unpack(raw);
  } catch {
    text = null;
  }
  if (!text) return { error: `${where}: not a scenario written by “Copy link” (lz-string of the scenario JSON)` };
  if (text.length > MAX_JSON_CHARS) return { error: `${where}: the unpacked scenario is longer than ${MAX_JSON_CHARS} characters` };
  return scenarioFromText(text, where);
}

/** A scenario from JSON text (a file or an unpacked `s`); errors name where:line:column and the field path. */
export function scenarioFromText(text: string, where: string): Decoded {
  try {
    return { scenario: parseScenarioText(text, where) };
  } catch (e) {
    if (e instanceof ScenarioError) return { error: e.message };
    return { error: `${where}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

// the URL parser reads `s=` through ./sDecoder.ts, which this module feeds once it is loaded
registerScenarioDecoder(decodeScenario);
