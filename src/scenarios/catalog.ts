/**
 * The built-in library for the browser: every scenario's id and title up front (what a picker
 * needs), each scenario's body (steps and narration) loaded on demand as a chunk of its own.
 * The bodies are validated at build time (vite.config.ts `?scenario`: the same validator as
 * Node's loader in index.ts, so a broken library file fails the build with its file and field);
 * the browser never fetches the validator for the library.
 */
import { InputError } from '../tcp/knobs.ts';
import { LIBRARY_ORDER } from './order.ts';
import type { LocalizedText, Scenario } from './types.ts';

// `?title` makes the titles their own modules, so a title never drags its scenario's body along
const TITLES = import.meta.glob<LocalizedText>('./library/*.json', { eager: true, import: 'title', query: '?title' });
// `?scenario` makes each body its validated form, checked when the app is built
const BODIES = import.meta.glob<Scenario>('./library/*.json', { import: 'default', query: '?scenario' });

const fileOf = (id: string) => `./library/${id}.json`;

export interface CatalogEntry {
  id: string;
  title: LocalizedText;
}

/** Every built-in scenario's id and title, in presentation order. */
export const CATALOG: readonly CatalogEntry[] = LIBRARY_ORDER.map((id) => {
  const title = TITLES[fileOf(id)];
  if (!title) throw new InputError(`src/scenarios/library/${id}.json`, 'title: missing (or the file is not in the library folder)');
  return { id, title };
});

export const CATALOG_IDS: readonly string[] = CATALOG.map((e) => e.id);

export const isLibraryId = (id: string): boolean => CATALOG_IDS.includes(id);

const loaded = new Map<string, Scenario>();
const pending = new Map<string, Promise<Scenario>>();

/** The scenario if its body is already here (loaded before), else undefined. */
export function cachedScenario(id: string): Scenario | undefined {
  return loaded.get(id);
}

/**
 * The built-in scenario `id`, loading its body if needed. Rejects with an InputError for an unknown
 * id, and with the loader's error when the chunk cannot be fetched (offline without the service
 * worker's copy); a failed load is not remembered, so asking again retries.
 */
export function loadScenario(id: string): Promise<Scenario> {
  const done = loaded.get(id);
  if (done) return Promise.resolve(done);
  const inFlight = pending.get(id);
  if (inFlight) return inFlight;
  const body = isLibraryId(id) ? BODIES[fileOf(id)] : undefined;
  if (!body) return Promise.reject(new InputError('scenario', `unknown scenario ${JSON.stringify(id)}; allowed: ${CATALOG_IDS.join(', ')}`));
  const p = body()
    .then((s) => {
      loaded.set(id, s);
      return s;
    })
    .finally(() => pending.delete(id));
  pending.set(id, p);
  return p;
}
