/**
 * Fuzz surface `scenarios`: the validator (text and API) and, for every scenario it accepts,
 * the World running it headless, twice: the two traces must be the same (determinism).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_UNTIL, parseScenario, parseScenarioText } from '../../scenarios/index.ts';
import type { Scenario } from '../../scenarios/index.ts';
import { createWorld, runScenario } from '../../scenarios/world.ts';
import { InputError } from '../../tcp/knobs.ts';
import type { Surface } from './harness.ts';
import { clip } from './harness.ts';
import { mutatedText } from './mutate.ts';

export type ScenarioInput = { text: string } | { value: unknown };

const LIBRARY = new URL('../../scenarios/library/', import.meta.url);

export function loadScenarios(): string[] {
  const dir = LIBRARY.pathname;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

const FRAGMENTS = [
  '"at": 0,', '"at": 1e300,', '"at": -1,', '"peer": "client",', '"do": "close"', '"do": "connect"', '"net": "loss", "percent": 100',
  '{', '}', '[', ']', ',', ':', '"', '\\u0000', 'null', 'true', '1e999', '-0', '"until": 999999', '"when": {"peer": "server", "state": "LISTEN"}',
  '"set": {"tcp_keepalive_time": 1, "tcp_keepalive_intvl": 1}', '"link": {"delay": 0, "loss": 50, "duplicate": 100}',
];

/** Sets the value at a random place in a parsed scenario (a field, a step, a note) to `v`. */
function plant(json: unknown, at: number, key: string, v: unknown): unknown {
  const copy = structuredClone(json) as Record<string, unknown>;
  const holders: Record<string, unknown>[] = [copy];
  for (const k of ['steps', 'notes']) {
    const list = copy[k];
    if (Array.isArray(list)) for (const x of list) if (x && typeof x === 'object') holders.push(x as Record<string, unknown>);
  }
  const h = holders[at % holders.length]!;
  const keys = [...Object.keys(h), key];
  h[keys[at % keys.length]!] = v;
  return copy;
}

function values(corpus: readonly string[]): fc.Arbitrary<unknown> {
  const parsed = corpus.map((t) => JSON.parse(t) as unknown);
  const odd = fc.oneof(fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }), fc.bigInt(), fc.constant(Symbol('s')), fc.constant(() => 1));
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...parsed), fc.nat(), fc.string({ maxLength: 8 }), odd).map(([j, at, k, v]) => plant(j, at, k, v)) },
    {
      weight: 1,
      // many steps: the World must stay linear in their number
      arbitrary: fc.tuple(fc.constantFrom(...parsed), fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 200 }) }, { weight: 1, arbitrary: fc.integer({ min: 1000, max: 12_000 }) })).map(([j, n]) => {
        const o = structuredClone(j) as { steps: unknown[] };
        const steps = o.steps;
        o.steps = Array.from({ length: n }, (_, i) => steps[i % steps.length]);
        return o;
      }),
    },
    { weight: 1, arbitrary: odd },
  );
}

/** Runs an accepted scenario twice; a difference between the traces is a crash (determinism is broken). */
function play(sc: Scenario): void {
  const until = sc.until ?? DEFAULT_UNTIL;
  const once = () => {
    const w = createWorld(sc);
    const cut = runScenario(w, until, 200_000);
    return `${cut ?? ''}${JSON.stringify(w.toJSON())}`;
  };
  const a = once();
  if (a !== once()) throw new Error(`the same scenario gave two different traces (${sc.id})`);
}

export function scenarioSurface(corpus: readonly string[]): Surface<ScenarioInput> {
  const inputs: fc.Arbitrary<ScenarioInput> = fc.oneof(
    { weight: 3, arbitrary: mutatedText(corpus, FRAGMENTS).map((text) => ({ text })) },
    { weight: 3, arbitrary: values(corpus).map((value) => ({ value })) },
  );
  return {
    name: 'scenarios',
    inputs,
    run(input) {
      let sc: Scenario;
      try {
        sc = 'text' in input ? parseScenarioText(input.text, 'fuzz.json') : parseScenario(input.value, 'fuzz');
        play(sc);
      } catch (e) {
        if (e instanceof InputError) return 'clean';
        throw e;
      }
      return 'accepted';
    },
    size: (input) => ('text' in input ? input.text.length : 0),
    show: (input) => ('text' in input ? JSON.stringify(clip(input.text)) : clip(describeValue(input.value))),
  };
}

function describeValue(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : typeof x === 'symbol' || typeof x === 'function' ? String(x) : x)) ?? String(v);
  } catch {
    return String(v);
  }
}
