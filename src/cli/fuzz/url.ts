/**
 * Fuzz surface `url`: the browser app's URL parser, and for every link it accepts the
 * simulation it describes (scenario, knobs `k`, hand actions `a` replayed up to `t`), as the
 * page builds it on load.
 */
import fc from 'fast-check';
// lz-string is CommonJS: its default export works in Vite and in Node (the CLIs) alike.
import LZString from 'lz-string';

const { compressToEncodedURIComponent } = LZString;
import { SCENARIO_IDS, getScenario } from '../../scenarios/index.ts';
import { InputError, KNOB_NAMES } from '../../tcp/knobs.ts';
import { ReplayError, SimController } from '../../ui/sim/controller.ts';
import { FREE_PLAY, KNOWN_PARAMS, parseUrl } from '../../ui/url.ts';
// `s=` is read through the lazily loaded scenario checker, and `k=`, `a=`, `pkt=` through the
// lazily loaded lz-string: load both, as the page does for such links
import '../../ui/docs/scenarioParam.ts';
import '../../ui/lzCodec.ts';
import type { Surface } from './harness.ts';
import { clip } from './harness.ts';

const lz = (v: unknown) => compressToEncodedURIComponent(JSON.stringify(v));

const ACTION = fc.oneof(
  fc.record({ peer: fc.constantFrom('client', 'server'), do: fc.constantFrom('listen', 'connect', 'close', 'abort', 'crash', 'reboot') }),
  fc.record({ peer: fc.constantFrom('client', 'server'), do: fc.constantFrom('send', 'read'), bytes: fc.oneof(fc.nat(5000), fc.double()) }),
  fc.record({ peer: fc.constantFrom('client', 'server'), do: fc.constant('shutdown'), how: fc.constantFrom('wr', 'rd', 'rdwr', 'up') }),
  fc.record({ peer: fc.constantFrom('client', 'server'), do: fc.constant('keepalive'), on: fc.boolean(), idle: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ net: fc.constantFrom('partition', 'heal') }),
  fc.record({ net: fc.constant('loss'), percent: fc.integer({ min: -10, max: 110 }) }),
  fc.record({ net: fc.constant('drop-next'), dir: fc.constantFrom('client->server', 'server->client'), flags: fc.constantFrom('SYN', 'FIN', 'ACK', 'SYN,ACK', 'XYZ') }),
);

/** `a` values: mostly well-formed lists (up to 5,000 actions, as long links are), times in order. */
const ACTIONS = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.tuple(fc.double({ min: 0, max: 2, noNaN: true }), ACTION), { maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 500, max: 5000 }), ACTION).map(([n, a]) => Array.from({ length: n }, (_, i) => [i * 0.01, i % 2 ? { peer: 'client', do: 'send', bytes: 10 } : a] as const)) },
).map((list) => {
  let t = 0;
  return list.map(([dt, a]) => ({ t: (t += dt), ...a }));
});

const KNOBS = fc.dictionary(fc.oneof(fc.constantFrom(...KNOB_NAMES), fc.string({ maxLength: 6 })), fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.double(), fc.string({ maxLength: 4 })), { maxKeys: 4 });

const VALUE: Record<string, fc.Arbitrary<string>> = {
  scenario: fc.constantFrom(FREE_PLAY, ...SCENARIO_IDS, 'nope', ''),
  profile: fc.constantFrom('linux', 'rfc9293', 'bsd'),
  lang: fc.constantFrom('en', 'zh-CN', 'fr'),
  speed: fc.oneof(fc.double().map(String), fc.constantFrom('1', '1000', '0.1', '1e3', 'Infinity')),
  t: fc.oneof(fc.double({ min: 0, max: 200, noNaN: true }).map(String), fc.constantFrom('0', '60', '3600', '1e6', '-1', 'NaN')),
  autoplay: fc.constantFrom('0', '1', 'yes'),
  embed: fc.constantFrom('0', '1', ''),
  k: fc.oneof(KNOBS.map(lz), fc.jsonValue().map(lz), fc.string({ maxLength: 40 })),
  a: fc.oneof({ weight: 3, arbitrary: ACTIONS.map(lz) }, { weight: 1, arbitrary: fc.jsonValue().map(lz) }, { weight: 1, arbitrary: fc.string({ maxLength: 60 }) }),
  lesson: fc.constantFrom('0', '1', '2', ''),
  pace: fc.constantFrom('auto', 'exact', 'fast'),
};
/** a parameter added since this list was written still gets values */
const ANY_VALUE = fc.string({ maxLength: 40 });

const PAIR = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...KNOWN_PARAMS).chain((k) => (VALUE[k] ?? ANY_VALUE).map((v) => [k, v] as const)) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 200 })) },
);

export const urlInputs: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(PAIR, { maxLength: 8 }).map((pairs) => `?${new URLSearchParams(pairs.map(([k, v]) => [k, v])).toString()}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
);

export function urlSurface(): Surface<string> {
  return {
    name: 'url',
    inputs: urlInputs,
    run(search) {
      const { state, problems } = parseUrl(search, SCENARIO_IDS);
      if (problems.length) return 'clean';
      const scenario = state.scenario === FREE_PLAY ? null : (getScenario(state.scenario) ?? null);
      try {
        new SimController({ scenario, profile: state.profile ?? scenario?.profile ?? 'linux', knobs: state.knobs }, state.t, state.actions ?? []);
      } catch (e) {
        // the page reports both on load: a bad knob combination, an action the world refuses
        if (e instanceof ReplayError || e instanceof InputError) return 'clean';
        throw e;
      }
      return 'accepted';
    },
    size: (s) => s.length,
    show: (s) => JSON.stringify(clip(s)),
  };
}
