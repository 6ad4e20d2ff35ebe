/**
 * `npm run fleet -- [--preset ID|FILE] [--set KNOB=VALUE]... [--mix JSON] [--rate N] [--minutes N] [--seed N] [--json]`
 * Runs a fleet preset headless (DESIGN.md "Fleet"): per virtual second the server host's sockets
 * per state, open descriptors and error counters, then the field notes' awk one-liner at the end.
 */
import { existsSync, readFileSync } from 'node:fs';
import { applyOverrides, AWK_ONE_LINER, awkOutput, fleetJson, FleetSim, isPresetId, parsePreset, preset, PRESET_IDS, ssSummary, TW_RECYCLE_NOTE } from '../fleet/index.ts';
import type { FleetConfig } from '../fleet/index.ts';
import { parseSetArg } from '../fleet/knobs.ts';
import { InputError } from '../tcp/knobs.ts';
import { STATE_ALIASES, TCP_STATES } from '../tcp/states.ts';
import { parseArgs, UsageError } from './args.ts';
import { runCli } from './run.ts';

const USAGE = `usage: npm run fleet -- [--preset ID|FILE] [--set KNOB=VALUE]... [--mix JSON] [--rate N] [--minutes N] [--seed N] [--json]
presets: ${PRESET_IDS.join(', ')}
mix: {"clients": {"well-behaved": w, "closes-first": w, "vanish-after-fin": w, "vanish-mid": w, "lossy": w, "syn-flood": w},
      "app": {"close-first": w, "wait-close": w, "leak": w}}   (either group may be left out)
host knobs beyond the engine's: ulimit_n, somaxconn, tcp_max_syn_backlog, tcp_syncookies, tcp_abort_on_overflow (0|1), ip_local_port_range (lo-hi), tcp_tw_reuse`;

function loadPreset(id: string): FleetConfig {
  if (isPresetId(id)) return preset(id);
  if (id.endsWith('.json') || existsSync(id)) {
    if (!existsSync(id)) throw new InputError(id, 'no such file');
    return parsePreset(readFileSync(id, 'utf8'), id);
  }
  throw new InputError('--preset', `unknown preset "${id}"; allowed: ${PRESET_IDS.join(', ')} or a .json file`);
}

function main(argv: string[]): number {
  const a = parseArgs(argv, { values: ['preset', 'mix', 'rate', 'minutes', 'seed'], repeat: ['set'], flags: ['json', 'help'] });
  if (a.flags.has('help')) {
    console.log(USAGE);
    return 0;
  }
  if (a.positional.length) throw new UsageError(`unexpected argument ${JSON.stringify(a.positional[0])}`);
  const base = loadPreset(a.values.preset ?? 'close-wait-leak');
  const set: Record<string, string> = {};
  for (const kv of a.lists.set ?? []) {
    const [k, v] = parseSetArg(kv);
    set[k] = v;
  }
  const cfg = applyOverrides(base, { set, mix: a.values.mix, rate: a.values.rate, minutes: a.values.minutes, seed: a.values.seed });
  const sim = new FleetSim(cfg, { lean: true });
  if ('tcp_tw_recycle' in set) console.error(`fleet: note: ${TW_RECYCLE_NOTE}`);
  if (a.flags.has('json')) {
    sim.run();
    console.log(JSON.stringify(fleetJson(sim)));
    return 0;
  }
  const cols = TCP_STATES.map((s) => STATE_ALIASES[s].netstat);
  const head = ['t', ...cols, 'fds', 'EMFILE', 'EADDRNOTAVAIL', 'ListenOverflows'];
  const widths = head.map((h) => Math.max(6, h.length));
  const row = (cells: (string | number)[]) => cells.map((c, i) => String(c).padStart(widths[i]!)).join(' ');
  console.log(`# ${cfg.id}: ${cfg.title.en} (seed ${cfg.seed}, ${cfg.rate} connections/s, ${cfg.minutes} min)`);
  console.log(row(head));
  // Print as the run goes: a long run shows progress.
  for (let t = 1; t <= Math.floor(sim.duration + 1e-9); t++) {
    sim.runUntil(t);
    const s = sim.samples[sim.samples.length - 1]!;
    console.log(row([s.t, ...TCP_STATES.map((st) => s.states[st]), s.fds, s.errors.EMFILE, s.errors.EADDRNOTAVAIL, s.errors.ListenOverflows]));
  }
  const last = sim.samples[sim.samples.length - 1];
  if (last) {
    console.log(`\n$ ${AWK_ONE_LINER}`);
    for (const l of awkOutput(last)) console.log(l);
    console.log(`\n$ ss -s | grep TCP:\n${ssSummary(last)}`);
  }
  return 0;
}

runCli('fleet', USAGE, main, (e) => e instanceof InputError);
