/**
 * Fuzz surface `embed`: the frame's message handler (DESIGN.md "Embed protocol"). Each input is
 * a message as a host page could post it (any structured-clone value: Maps, Sets, Dates, typed
 * arrays, BigInts, sparse arrays, null-prototype objects, huge strings, deep nesting, own keys
 * named `__proto__` or `constructor`), the origin it comes from, and the frame's `origin=`.
 * The handler's rules are checked on every input, so a broken rule counts as a crash:
 * - a message from an origin not listed, or not addressed to the frame, is ignored;
 * - an error reply is short (echoed values are clipped) and names its command;
 * - a command has exactly the shape the frame acts on;
 * - nothing leaks into Object.prototype.
 * A `load` the handler accepts is then performed as the frame does: the scenario (`s`, or a
 * library id) is decoded and validated, and a simulation is built from it.
 */
import fc from 'fast-check';
import LZString from 'lz-string';
import { getScenario, SCENARIO_IDS } from '../../scenarios/index.ts';
import type { Scenario } from '../../scenarios/index.ts';
import { InputError } from '../../tcp/knobs.ts';
import { defaultDocsParams, parseDocsParam } from '../../ui/docs/docsParams.ts';
import { COMMANDS, EMBED_LANGS, judgeMessage, MAX_S_LENGTH, THEMES } from '../../ui/docs/protocol.ts';
import type { Command, Verdict } from '../../ui/docs/protocol.ts';
import { decodeScenario } from '../../ui/docs/scenarioParam.ts';
import { ReplayError, SimController } from '../../ui/sim/controller.ts';
import { FREE_PLAY } from '../../ui/url.ts';
import type { Surface } from './harness.ts';
import { clip } from './harness.ts';
import { applyMutation, mutationArb } from './mutate.ts';

const { compressToEncodedURIComponent } = LZString;

export interface EmbedInput {
  /** the message's data, as the frame's MessageEvent carries it */
  data: unknown;
  /** the MessageEvent's origin */
  origin: string;
  /** the frame's `origin=` parameter */
  originParam: string;
}

const HOST = 'https://docs.example.org';
/** The longest error message the frame may post back (values in it are clipped to 40 characters). */
const MAX_REPLY = 400;

const ORIGINS = [HOST, 'http://127.0.0.1:8080', 'https://docs.example.org.evil.example', 'http://docs.example.org', 'https://docs.example.org:8443', 'HTTPS://DOCS.EXAMPLE.ORG', 'null', '', '*', 'file://', 'https://evil.example', 'javascript:alert(1)'];
const originArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ORIGINS) },
  { weight: 2, arbitrary: fc.webUrl().map((u) => new URL(u).origin) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);
const originParamArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(HOST, `${HOST},http://127.0.0.1:8080`, 'https://docs.example.org/', '*', 'null', '', ' https://docs.example.org ', 'javascript:alert(1)') },
  { weight: 2, arbitrary: fc.array(originArb, { maxLength: 4 }).map((l) => l.join(',')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
);

/** Keys that break naive handlers: prototype pollution, shadowed methods, the protocol's own fields. */
const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'toJSON', 'then', 'target', 'cmd', 't', 's', 'scenario', 'lang', 'theme', 'source', 'type'];
const keyArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });

/** What postMessage can carry (structured clone), and a bit more: the judge must not care. */
const cloneable = fc.anything({
  key: keyArb,
  maxDepth: 3,
  maxKeys: 5,
  size: 'small',
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});

const hugeString = fc.tuple(fc.constantFrom('x', 'play', '"', '<img src=x onerror=alert(1)>', '\u0000', '字'), fc.integer({ min: 1000, max: 2_000_000 })).map(([s, n]) => s.repeat(Math.ceil(n / s.length)));

/** Arrays (or objects) nested `depth` levels deep, built once (the handler never changes a message). */
function nested(depth: number, arrays: boolean): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { t: v };
  return v;
}
const deep = fc.constantFrom(...[100, 2000, 20_000].flatMap((d) => [nested(d, true), nested(d, false)]));

const PAYLOADS = ['<img src=x onerror="window.__pwned=1">', '"><svg onload=alert(1)>', 'javascript:alert(1)', '${alert(1)}', '{{constructor.constructor("alert(1)")()}}'];

/** The scenarios `load` is given: the library's own, renamed or with payloads planted in their texts, and mutated JSON. */
function scenarioTexts(): fc.Arbitrary<string> {
  // one field per line, so line mutations cut and repeat fields rather than the whole file
  const texts = SCENARIO_IDS.map((id) => JSON.stringify(getScenario(id), null, 1));
  const payloaded = fc.tuple(fc.constantFrom(...SCENARIO_IDS), fc.constantFrom(...PAYLOADS), fc.constantFrom('title', 'summary', 'notes', 'id', '__proto__')).map(([id, p, where]) => {
    const sc = structuredClone(getScenario(id)) as unknown as Record<string, unknown>;
    if (where === 'notes') sc.notes = [{ at: 0, text: { en: p, 'zh-CN': p } }];
    else if (where === 'id') sc.id = p;
    else if (where === '__proto__') return JSON.stringify(sc).replace(/^\{/, `{"__proto__":{"polluted":${JSON.stringify(p)}},`);
    else sc[where] = { en: p, 'zh-CN': p };
    return JSON.stringify(sc);
  });
  const mutated = fc.tuple(fc.constantFrom(...texts), fc.array(mutationArb(['{', '}', '"', ',', '"__proto__":', '"constructor":{"prototype":{}}', ...PAYLOADS]), { maxLength: 4 })).map(([t, ms]) => ms.reduce(applyMutation, t));
  return fc.oneof(payloaded, mutated);
}

/**
 * `s` values, packed once and shared by every surface built here (lz-string packing costs a
 * hundred times more than judging a message): scenarios up to 40 KB of JSON, and values over
 * the length limit.
 */
let pool: string[] | undefined;
function packedScenarios(): fc.Arbitrary<string> {
  pool ??= [
    ...fc
      .sample(scenarioTexts(), { numRuns: 300, seed: 7 })
      .filter((t) => t.length <= 40_000)
      .map((t) => compressToEncodedURIComponent(t)),
    'N4Ig'.repeat(25_001),
  ];
  return fc.constantFrom(...pool);
}

/** Own properties set as a host page's JSON.parse would: `__proto__` becomes an own key, not a prototype. */
function withOwnKeys(base: Record<string, unknown>, extra: [string, unknown][]): Record<string, unknown> {
  const o = { ...base };
  for (const [k, v] of extra) Object.defineProperty(o, k, { value: v, enumerable: true, configurable: true, writable: true });
  return o;
}

/** The inputs: messages as host pages could post them, from allowed origins and others. */
export function embedInputs(): fc.Arbitrary<EmbedInput> {
  const packed = packedScenarios();
  const fieldValue = fc.oneof(
    { weight: 4, arbitrary: cloneable },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(0, 2.5, -1, 1e6, 1e6 + 1, Number.NaN, Infinity, 'teardown', FREE_PLAY, 'en', 'zh-CN', 'dark', 'contrast', '', 'N4Ig', null, undefined, true) },
    { weight: 1, arbitrary: hugeString },
    { weight: 1, arbitrary: deep },
    { weight: 2, arbitrary: packed },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  );

  /** Messages shaped like commands, so most get past the first checks. */
  const commandLike = fc
    .tuple(
      fc.oneof({ weight: 8, arbitrary: fc.constant<unknown>('tcp-state-sim') }, { weight: 1, arbitrary: cloneable }),
      fc.oneof({ weight: 8, arbitrary: fc.constantFrom<unknown>(...COMMANDS) }, { weight: 1, arbitrary: fieldValue }),
      fc.array(fc.tuple(fc.oneof({ weight: 9, arbitrary: keyArb }, { weight: 1, arbitrary: hugeString }), fieldValue), { maxLength: 3 }),
    )
    .map(([target, cmd, extra]) => withOwnKeys({ target, cmd }, extra));

  /** Well-formed commands, for the part of the handler that acts on them. */
  const validCommand = fc.oneof(
    fc.constantFrom(...COMMANDS).map((cmd) => ({ cmd })),
    fc.double({ min: 0, max: 1e6, noNaN: true }).map((t) => ({ cmd: 'seek', t })),
    fc.constantFrom(FREE_PLAY, ...SCENARIO_IDS, 'nope').map((scenario) => ({ cmd: 'load', scenario })),
    packed.map((s) => ({ cmd: 'load', s })),
    fc.constantFrom(...EMBED_LANGS).map((lang) => ({ cmd: 'set-lang', lang })),
    fc.constantFrom(...THEMES).map((theme) => ({ cmd: 'set-theme', theme })),
  ).map((c) => ({ target: 'tcp-state-sim', ...c }));

  const dataArb: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 4, arbitrary: commandLike },
    { weight: 3, arbitrary: validCommand },
    { weight: 2, arbitrary: cloneable },
    { weight: 1, arbitrary: fc.oneof(hugeString, deep) },
  );

  return fc.oneof(
    // mostly from the allowed host, so commands are judged rather than dropped at the door
    { weight: 3, arbitrary: dataArb.map((data) => ({ data, origin: HOST, originParam: HOST })) },
    { weight: 1, arbitrary: fc.record({ data: dataArb, origin: originArb, originParam: originParamArb }) },
  );
}

/** A rule of the handler that did not hold: counted as a crash. */
class RuleBroken extends Error {
  override readonly name = 'RuleBroken';
}

function checkCommand(c: Command): void {
  const fail = (why: string) => {
    throw new RuleBroken(`accepted a malformed command (${why}): ${clip(JSON.stringify(c), 200)}`);
  };
  const keys = Object.keys(c).sort().join(',');
  switch (c.cmd) {
    case 'play':
    case 'pause':
    case 'step':
    case 'next-note':
    case 'prev-note':
      if (keys !== 'cmd') fail('extra fields');
      return;
    case 'seek':
      if (keys !== 'cmd,t' || typeof c.t !== 'number' || !Number.isFinite(c.t) || c.t < 0 || c.t > 1e6) fail('t');
      return;
    case 'load':
      if ('s' in c ? keys !== 'cmd,s' || typeof c.s !== 'string' || c.s.length > MAX_S_LENGTH : keys !== 'cmd,scenario' || typeof c.scenario !== 'string' || c.scenario.length > 100) fail('load');
      return;
    case 'set-lang':
      if (keys !== 'cmd,lang' || !(EMBED_LANGS as readonly string[]).includes(c.lang)) fail('lang');
      return;
    case 'set-theme':
      if (keys !== 'cmd,theme' || !(THEMES as readonly string[]).includes(c.theme)) fail('theme');
      return;
    default:
      fail('unknown cmd');
  }
}

function checkVerdict(v: Verdict, input: EmbedInput, allowed: readonly string[]): void {
  const ours = typeof input.data === 'object' && input.data !== null && !Array.isArray(input.data) && (input.data as { target?: unknown }).target === 'tcp-state-sim';
  if (v.kind !== 'ignore' && !allowed.includes(input.origin)) throw new RuleBroken(`answered a message from ${JSON.stringify(clip(input.origin, 80))}, not in origin=${JSON.stringify(clip(input.originParam, 80))}`);
  if (v.kind !== 'ignore' && !ours) throw new RuleBroken('answered a message not addressed to the frame');
  if (v.kind === 'error') {
    if (v.cmd.length > 40) throw new RuleBroken(`error reply names a command of ${v.cmd.length} characters`);
    if (v.message.length > MAX_REPLY) throw new RuleBroken(`error reply of ${v.message.length} characters: ${clip(v.message, 200)}`);
  }
  if (v.kind === 'command') checkCommand(v.command);
}

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).length;
function checkPrototype(): void {
  if (Object.getOwnPropertyNames(Object.prototype).length !== PROTO_KEYS || ({} as Record<string, unknown>).polluted !== undefined) {
    throw new RuleBroken(`Object.prototype was changed: ${Object.getOwnPropertyNames(Object.prototype).join(', ')}`);
  }
}

/** What the frame does with an accepted `load`: decode, validate, build the simulation (EmbedApp's `run`). */
function load(c: Command & { cmd: 'load' }): 'clean' | 'accepted' {
  let scenario: Scenario | null;
  if ('s' in c) {
    const r = decodeScenario(c.s);
    if ('error' in r) {
      if (r.error.length > 2000) throw new RuleBroken(`the scenario's error echoes ${r.error.length} characters: ${clip(r.error, 200)}`);
      return 'clean';
    }
    scenario = r.scenario;
  } else if (c.scenario === FREE_PLAY) scenario = null;
  else {
    const s = getScenario(c.scenario);
    if (!s) return 'clean';
    scenario = s;
  }
  try {
    new SimController({ scenario, profile: scenario?.profile ?? 'linux', knobs: {} }, 0, []);
  } catch (e) {
    if (e instanceof ReplayError || e instanceof InputError) return 'clean';
    throw e;
  }
  return 'accepted';
}

/** `judge`: the handler under test (the frame's own unless a test hands in a broken one). */
export function embedSurface(judge: typeof judgeMessage = judgeMessage): Surface<EmbedInput> {
  return {
    name: 'embed',
    inputs: embedInputs(),
    run(input) {
      const docs = defaultDocsParams();
      let originBad = false;
      parseDocsParam('origin', input.originParam, docs, (_p, value) => {
        originBad = true;
        if (value.length > 41) throw new RuleBroken(`origin= echoed with ${value.length} characters`);
      });
      if (originBad && docs.origins.length) throw new RuleBroken('a bad origin= still allowed origins');
      const v = judge(input.data, input.origin, docs.origins);
      checkVerdict(v, input, docs.origins);
      checkPrototype();
      if (v.kind !== 'command') return 'clean';
      const out = v.command.cmd === 'load' ? load(v.command) : 'accepted';
      checkPrototype();
      return out;
    },
    size: (input) => approxSize(input.data) + input.origin.length + input.originParam.length,
    show: (input) => `origin ${JSON.stringify(clip(input.origin, 80))}, origin= ${JSON.stringify(clip(input.originParam, 80))}, data ${describe(input.data)}`,
  };
}

/** Bytes a message roughly takes (strings by length, 8 per other value), walked without recursion and capped. */
function approxSize(v: unknown): number {
  let n = 0;
  const stack: unknown[] = [v];
  const seen = new Set<unknown>();
  while (stack.length && n < 50_000_000) {
    const x = stack.pop();
    if (typeof x === 'string') n += x.length;
    else if (typeof x === 'object' && x !== null && !seen.has(x)) {
      seen.add(x);
      n += 8;
      if (ArrayBuffer.isView(x)) n += x.byteLength;
      else if (x instanceof Map) for (const [k, y] of x) stack.push(k, y);
      else if (x instanceof Set) for (const y of x) stack.push(y);
      else for (const k of Object.keys(x)) stack.push(k, (x as Record<string, unknown>)[k]);
    } else n += 8;
  }
  return n;
}

function describe(v: unknown): string {
  try {
    const s = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x instanceof Map ? { Map: [...x] } : x instanceof Set ? { Set: [...x] } : x));
    return clip(s ?? String(v));
  } catch {
    return `a ${typeof v} that cannot be printed (nested too deep)`;
  }
}
