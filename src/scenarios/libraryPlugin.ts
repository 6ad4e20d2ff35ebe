/**
 * Build-time side of the browser's scenario catalog (vite.config.ts installs it).
 *
 * `library/<id>.json?scenario`: a library scenario checked at build time by the same validator
 * as a user's file (a broken library file fails the build, naming the file and the field), and
 * emitted as its validated form. The browser's catalog (./catalog.ts) loads these, so the
 * validator is fetched only for a scenario of the user's own (`s=`, a file, the editor).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Plugin } from 'vite';
import { InputError } from '../tcp/knobs.ts';
import { parseScenarioText } from './validate.ts';

/** The module text for one library file: its validated scenario as the default export. */
export function libraryModule(file: string): string {
  const where = `src/scenarios/library/${basename(file)}`;
  const s = parseScenarioText(readFileSync(file, 'utf8'), where);
  const name = basename(file, '.json');
  if (s.id !== name) throw new InputError(where, `id: "${s.id}" does not match the file name "${name}"`);
  return `export default ${JSON.stringify(s)};`;
}

export const libraryScenario = (): Plugin => ({
  name: 'library-scenario',
  enforce: 'pre',
  load(id) {
    if (!id.endsWith('.json?scenario')) return null;
    return { code: libraryModule(id.slice(0, -'?scenario'.length)), moduleType: 'js' };
  },
});
