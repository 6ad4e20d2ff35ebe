/**
 * `npm run sim -- [--scenario ID|FILE] [--profile linux|rfc9293] [--set KNOB=VALUE]... [--seed N] [--until SECONDS] [--json] [--engine derived|xstate]`
 * Runs a scenario headless and prints its trace: a ladder, or DESIGN.md's JSON.
 */
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { parseScenarioText, requireScenario, SCENARIO_IDS, DEFAULT_UNTIL } from '../scenarios/index.ts';
import { MAX_TIME } from '../scenarios/validate.ts';
import type { Scenario } from '../scenarios/index.ts';
import { createWorld, runScenario } from '../scenarios/world.ts';
import { formatLadder } from '../sim/ladder.ts';
import { InputError, isProfile, PROFILES } from '../tcp/knobs.ts';
import { CAPTURE_POINTS, formatForFile, traceToCapture } from '../pcap/export.ts';
import type { CapturePoint } from '../pcap/export.ts';
import { ENGINES, isEngine } from '../tcp/stack/conn.ts';
import { parseArgs, UsageError } from './args.ts';
import { runCli } from './run.ts';

const USAGE = `usage: npm run sim -- [--scenario ID|FILE] [--profile ${PROFILES.join('|')}] [--set KNOB=VALUE]... [--seed N] [--until SECONDS] [--json]
                   [--pcap FILE.pcapng|FILE.pcap] [--pcap-at client|server|both] [--engine derived|xstate]
scenarios: ${SCENARIO_IDS.join(', ')}`;

function main(argv: string[]): number {
  const a = parseArgs(argv, { values: ['scenario', 'profile', 'seed', 'until', 'pcap', 'pcap-at', 'engine'], repeat: ['set'], flags: ['json', 'help'] });
  if (a.flags.has('help')) {
    console.log(USAGE);
    return 0;
  }
  if (a.positional.length) throw new UsageError(`unexpected argument ${JSON.stringify(a.positional[0])}`);
  const id = a.values.scenario ?? 'handshake';
  let sc: Scenario;
  if (id.endsWith('.json') || existsSync(id)) {
    if (!existsSync(id)) throw new InputError(id, 'no such file');
    sc = parseScenarioText(readFileSync(id, 'utf8'), id);
  } else sc = requireScenario(id, '--scenario');
  const profile = a.values.profile;
  if (profile !== undefined && !isProfile(profile)) throw new InputError('--profile', `unknown profile "${profile}"; allowed: ${PROFILES.join(', ')}`);
  const set: Record<string, string> = {};
  for (const kv of a.lists.set ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new InputError('--set', `expected KNOB=VALUE, got ${JSON.stringify(kv)}`);
    set[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  const seed = a.values.seed === undefined ? undefined : Number(a.values.seed);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0)) throw new InputError('--seed', `expected a non-negative integer, got ${a.values.seed}`);
  const until = a.values.until === undefined ? (sc.until ?? DEFAULT_UNTIL) : Number(a.values.until);
  if (!(Number.isFinite(until) && until >= 0 && until <= MAX_TIME)) throw new InputError('--until', `expected seconds 0 … ${MAX_TIME}, got ${a.values.until}`);

  const pcap = a.values.pcap;
  const format = pcap === undefined ? null : formatForFile(pcap);
  if (pcap !== undefined && !format) throw new InputError('--pcap', `expected a file name ending in .pcapng or .pcap, got ${JSON.stringify(pcap)}`);
  const at = (a.values['pcap-at'] ?? 'client') as CapturePoint;
  if (!CAPTURE_POINTS.includes(at)) throw new InputError('--pcap-at', `expected ${CAPTURE_POINTS.join(', ')}, got ${JSON.stringify(at)}`);
  if (at === 'both' && format === 'pcap') throw new InputError('--pcap-at', 'both capture points need two interfaces: write a .pcapng file');

  const engine = a.values.engine ?? 'derived';
  if (!isEngine(engine)) throw new InputError('--engine', `unknown engine "${engine}"; allowed: ${ENGINES.join(', ')}`);
  const w = createWorld(sc, { profile: profile as never, set, seed, engine });
  const cut = runScenario(w, until);
  if (cut) console.error(`sim: ${cut}`);
  if (pcap !== undefined && format) {
    writeFileSync(pcap, traceToCapture(w.toJSON(), format, { point: at, mss: w.knobs.mss }));
  }
  if (a.flags.has('json')) {
    console.log(JSON.stringify(w.toJSON(), null, 1));
  } else if (pcap !== undefined) {
    console.log(`${pcap}: ${format} capture of ${sc.id} at the ${at === 'both' ? 'client and the server' : at}`);
  } else {
    console.log(`# ${sc.id}: ${sc.title.en} (profile ${w.profile}, seed ${w.seed}, until ${until} s)`);
    console.log(formatLadder(w.trace));
    console.log(`# at ${w.now} s: client ${w.state('client')}, server ${w.state('server')}`);
  }
  return 0;
}

runCli('sim', USAGE, main, (e) => e instanceof InputError || (e instanceof Error && e.name === 'ScenarioError'));
