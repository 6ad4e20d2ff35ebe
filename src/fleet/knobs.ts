/**
 * Fleet knobs (DESIGN.md "Fleet"): the engine's knobs plus the host-level ones a busy
 * server is tuned with. Engine knobs are checked by src/tcp; the rest are checked here.
 * `ip_local_port_range` is the one knob that is not a number: "lo-hi", as sysctl prints it.
 */
import { checkKnob, InputError, isKnobName, KNOB_NAMES, resolveKnobs } from '../tcp/knobs.ts';
import type { Knobs } from '../tcp/knobs.ts';
import { FleetInputError, HOST_KNOB_HELP } from './problems.ts';

export interface PortRange {
  lo: number;
  hi: number;
}

/** Host knobs the fleet adds to the engine's (somaxconn and tcp_tw_reuse are engine knobs already). */
export interface HostKnobs {
  ulimit_n: number;
  tcp_max_syn_backlog: number;
  tcp_syncookies: number;
  /** 0: a handshake's last ACK that finds the accept queue full is dropped; 1: answered with a RST */
  tcp_abort_on_overflow: number;
  ip_local_port_range: PortRange;
  /** accepted only to say that Linux removed it (4.12); it changes nothing */
  tcp_tw_recycle: number;
}

export const HOST_KNOB_DEFAULTS: HostKnobs = {
  ulimit_n: 1024,
  tcp_max_syn_backlog: 2048,
  tcp_syncookies: 1,
  tcp_abort_on_overflow: 0,
  ip_local_port_range: { lo: 32768, hi: 60999 },
  tcp_tw_recycle: 0,
};

const HOST_INT_SPECS = {
  ulimit_n: { min: 8, max: 1_048_576, help: HOST_KNOB_HELP.ulimit_n },
  tcp_max_syn_backlog: { min: 1, max: 262_144, help: HOST_KNOB_HELP.tcp_max_syn_backlog },
  tcp_syncookies: { min: 0, max: 2, help: HOST_KNOB_HELP.tcp_syncookies },
  tcp_abort_on_overflow: { min: 0, max: 1, help: HOST_KNOB_HELP.tcp_abort_on_overflow },
  tcp_tw_recycle: { min: 0, max: 1, help: HOST_KNOB_HELP.tcp_tw_recycle },
} as const;

export const HOST_KNOB_NAMES = [...Object.keys(HOST_INT_SPECS), 'ip_local_port_range'] as (keyof HostKnobs)[];
export const FLEET_KNOB_NAMES: readonly string[] = [...KNOB_NAMES, ...HOST_KNOB_NAMES];

export const TW_RECYCLE_NOTE = 'tcp_tw_recycle was removed in Linux 4.12 (it broke clients behind NAT); it is accepted and changes nothing';

export function isHostKnob(name: string): name is keyof HostKnobs {
  return (HOST_KNOB_NAMES as string[]).includes(name);
}

export function parsePortRange(v: unknown, where: string): PortRange {
  const text = typeof v === 'string' ? v.trim() : null;
  const m = text ? /^(\d+)\s*[-\s]\s*(\d+)$/.exec(text) : null;
  if (!m) throw new FleetInputError(where, { code: 'port-range-form', got: String(JSON.stringify(v)) });
  const lo = Number(m[1]);
  const hi = Number(m[2]);
  if (lo < 1024 || hi > 65535 || lo > hi) throw new FleetInputError(where, { code: 'port-range-bounds', lo, hi });
  return { lo, hi };
}

export const formatPortRange = (r: PortRange): string => `${r.lo}-${r.hi}`;

/** Checks one host knob value; InputError names the field and what is allowed. */
export function checkHostKnob<K extends keyof HostKnobs>(name: K, value: unknown, where: string): HostKnobs[K] {
  if (name === 'ip_local_port_range') return parsePortRange(value, where) as HostKnobs[K];
  const spec = HOST_INT_SPECS[name as keyof typeof HOST_INT_SPECS];
  const v = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isInteger(v) || v < spec.min || v > spec.max) {
    throw new FleetInputError(where, { code: 'host-int', knob: name as keyof typeof HOST_INT_SPECS, min: spec.min, max: spec.max, got: String(JSON.stringify(value)) });
  }
  return v as HostKnobs[K];
}

/** Both halves of a fleet's knob set. */
export interface FleetKnobs {
  engine: Knobs;
  host: HostKnobs;
}

/**
 * Resolves overrides (engine and host knobs mixed, as `--set` and preset files give them).
 * Everything is checked before anything is returned: a bad value leaves nothing half-applied.
 */
export function resolveFleetKnobs(overrides: Readonly<Record<string, unknown>>, where = 'set', base?: FleetKnobs): FleetKnobs {
  const engineOverrides: Record<string, number> = {};
  const host: HostKnobs = { ...(base?.host ?? HOST_KNOB_DEFAULTS) };
  for (const [name, v] of Object.entries(overrides)) {
    if (isHostKnob(name)) (host as unknown as Record<string, unknown>)[name] = checkHostKnob(name, v, `${where}.${name}`);
    else if (isKnobName(name)) engineOverrides[name] = checkKnob(name, v, `${where}.${name}`);
    else throw new FleetInputError(`${where}.${name}`, { code: 'unknown-knob', name, known: FLEET_KNOB_NAMES });
  }
  const engineBase: Record<string, number> = {};
  if (base) for (const n of KNOB_NAMES) engineBase[n] = base.engine[n];
  const engine = resolveKnobs(base?.engine.profile ?? 'linux', { ...engineBase, ...engineOverrides }, where);
  return { engine, host };
}

/** The knob set as the JSON output prints it: every engine and host knob, by name. */
export function knobsJson(k: FleetKnobs): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const n of KNOB_NAMES) out[n] = k.engine[n];
  for (const n of HOST_KNOB_NAMES) {
    const v = k.host[n];
    out[n] = typeof v === 'number' ? v : formatPortRange(v);
  }
  return out;
}

/** Splits a `KNOB=VALUE` argument. */
export function parseSetArg(arg: string): [string, string] {
  const i = arg.indexOf('=');
  if (i <= 0) throw new InputError('--set', `expected KNOB=VALUE, got ${JSON.stringify(arg)}`);
  return [arg.slice(0, i).trim(), arg.slice(i + 1).trim()];
}

/**
 * The knob set after each change, in the order a run applies them (by time, then as listed),
 * starting from `set`: a run whose changes would at some point leave the knobs inconsistent
 * (rto_min above rto_max) is refused before it starts, naming that change, instead of stopping
 * half-way. `where(i)` names change i (`changes[i].set` by default).
 */
export function checkKnobChain(set: Readonly<Record<string, unknown>>, changes: readonly { at: number; set?: Readonly<Record<string, unknown>> }[], where = (i: number) => `changes[${i}].set`): FleetKnobs {
  let knobs = resolveFleetKnobs(set);
  const order = changes.map((_, i) => i).sort((a, b) => changes[a]!.at - changes[b]!.at || a - b);
  for (const i of order) {
    const s = changes[i]!.set;
    if (s) knobs = resolveFleetKnobs(s, where(i), knobs);
  }
  return knobs;
}
