/**
 * Profiles and knobs (DESIGN.md "Profiles and knobs"). Time values are seconds.
 * Numbers come from ../shared/reference/linux-tcp-defaults.md. What each knob means is written
 * in ./knobHelp.ts (kept apart: every browser page loads this table, and none shows that text).
 */
export const PROFILES = ['linux', 'rfc9293'] as const;
export type Profile = (typeof PROFILES)[number];

export type KnobUnit = 's' | 'count' | 'bool' | 'bytes';

export interface KnobSpec {
  unit: KnobUnit;
  min: number;
  max: number;
  integer: boolean;
  defaults: Record<Profile, number>;
}

export const KNOB_SPECS = {
  time_wait_len: { unit: 's', min: 0, max: 3600, integer: false, defaults: { linux: 60, rfc9293: 240 } },
  msl: { unit: 's', min: 0, max: 1800, integer: false, defaults: { linux: 30, rfc9293: 120 } },
  tcp_fin_timeout: { unit: 's', min: 0, max: 3600, integer: false, defaults: { linux: 60, rfc9293: 0 } },
  tcp_keepalive_time: { unit: 's', min: 1, max: 32767, integer: false, defaults: { linux: 7200, rfc9293: 7200 } },
  tcp_keepalive_intvl: { unit: 's', min: 1, max: 32767, integer: false, defaults: { linux: 75, rfc9293: 75 } },
  tcp_keepalive_probes: { unit: 'count', min: 1, max: 127, integer: true, defaults: { linux: 9, rfc9293: 9 } },
  tcp_syn_retries: { unit: 'count', min: 1, max: 127, integer: true, defaults: { linux: 6, rfc9293: 6 } },
  tcp_syn_linear_timeouts: { unit: 'count', min: 0, max: 127, integer: true, defaults: { linux: 4, rfc9293: 0 } },
  tcp_synack_retries: { unit: 'count', min: 1, max: 127, integer: true, defaults: { linux: 5, rfc9293: 5 } },
  tcp_retries2: { unit: 'count', min: 1, max: 127, integer: true, defaults: { linux: 15, rfc9293: 15 } },
  tcp_orphan_retries: { unit: 'count', min: 0, max: 127, integer: true, defaults: { linux: 0, rfc9293: 15 } },
  rto_initial: { unit: 's', min: 0.001, max: 600, integer: false, defaults: { linux: 1, rfc9293: 1 } },
  rto_min: { unit: 's', min: 0.001, max: 600, integer: false, defaults: { linux: 0.2, rfc9293: 1 } },
  rto_max: { unit: 's', min: 0.001, max: 3600, integer: false, defaults: { linux: 120, rfc9293: 120 } },
  rfc5961: { unit: 'bool', min: 0, max: 1, integer: true, defaults: { linux: 1, rfc9293: 1 } },
  rfc5961_rst: { unit: 'bool', min: 0, max: 1, integer: true, defaults: { linux: 1, rfc9293: 1 } },
  rfc5961_syn: { unit: 'bool', min: 0, max: 1, integer: true, defaults: { linux: 1, rfc9293: 1 } },
  tcp_rfc1337: { unit: 'bool', min: 0, max: 1, integer: true, defaults: { linux: 0, rfc9293: 1 } },
  listen_synack_rst: { unit: 'bool', min: 0, max: 1, integer: true, defaults: { linux: 1, rfc9293: 0 } },
  simclose_ack_with_fin: { unit: 'bool', min: 0, max: 1, integer: true, defaults: { linux: 0, rfc9293: 1 } },
  simopen_hold_text: { unit: 'bool', min: 0, max: 1, integer: true, defaults: { linux: 0, rfc9293: 1 } },
  drop_synfin: { unit: 'bool', min: 0, max: 1, integer: true, defaults: { linux: 0, rfc9293: 0 } },
  blackhole: { unit: 'bool', min: 0, max: 1, integer: true, defaults: { linux: 0, rfc9293: 0 } },
  mss: { unit: 'bytes', min: 64, max: 65495, integer: true, defaults: { linux: 1460, rfc9293: 1460 } },
  rcv_wnd: { unit: 'bytes', min: 1, max: 1048576, integer: true, defaults: { linux: 65535, rfc9293: 65700 } },
  tw_syn_reopen: { unit: 'bool', min: 0, max: 1, integer: true, defaults: { linux: 1, rfc9293: 0 } },
  delayed_ack: { unit: 's', min: 0, max: 0.5, integer: false, defaults: { linux: 0.04, rfc9293: 0 } },
  tcp_tw_reuse: { unit: 'count', min: 0, max: 2, integer: true, defaults: { linux: 2, rfc9293: 0 } },
  somaxconn: { unit: 'count', min: 1, max: 65535, integer: true, defaults: { linux: 4096, rfc9293: 4096 } },
  tcp_wmem: { unit: 'bytes', min: 0, max: 2147483647, integer: true, defaults: { linux: 4194304, rfc9293: 0 } },
  initial_cwnd: { unit: 'count', min: 0, max: 1000, integer: true, defaults: { linux: 10, rfc9293: 0 } },
  tcp_sack: { unit: 'bool', min: 0, max: 1, integer: true, defaults: { linux: 1, rfc9293: 0 } },
  tlp: { unit: 'bool', min: 0, max: 1, integer: true, defaults: { linux: 1, rfc9293: 0 } },
  rst_after_fin_epipe: { unit: 'bool', min: 0, max: 1, integer: true, defaults: { linux: 1, rfc9293: 0 } },
  tw_restart_on_ack: { unit: 'bool', min: 0, max: 1, integer: true, defaults: { linux: 1, rfc9293: 0 } },
  tcp_invalid_ratelimit: { unit: 's', min: 0, max: 60, integer: false, defaults: { linux: 0.5, rfc9293: 0 } },
  tcp_challenge_ack_limit: { unit: 'count', min: 0, max: 2147483647, integer: true, defaults: { linux: 2147483647, rfc9293: 2147483647 } },
  tw_minisock: { unit: 'bool', min: 0, max: 1, integer: true, defaults: { linux: 1, rfc9293: 0 } },
  ofo_queue: { unit: 'bool', min: 0, max: 1, integer: true, defaults: { linux: 1, rfc9293: 1 } },
  tcp_max_tw_buckets: { unit: 'count', min: 0, max: 1048576, integer: true, defaults: { linux: 131072, rfc9293: 1048576 } },
} as const satisfies Record<string, KnobSpec>;

export type KnobName = keyof typeof KNOB_SPECS;
/** A resolved knob set; `profile` decides the few rules that are not a number (e.g. the RTO formula). */
export type Knobs = { readonly [K in KnobName]: number } & { readonly profile: Profile };
export const KNOB_NAMES = Object.keys(KNOB_SPECS) as KnobName[];

export function isKnobName(s: string): s is KnobName {
  return Object.hasOwn(KNOB_SPECS, s);
}

export function isProfile(s: string): s is Profile {
  return (PROFILES as readonly string[]).includes(s);
}

/**
 * What was wrong with a knob or profile, as data (a code and its values), so a page can word it
 * in its own language. The English message every command prints is written at the throw (this
 * table is in every page's first load, so the words are not repeated in a second table).
 */
export type KnobProblem =
  /** `name` as echoed (quoted, clipped) */
  | { code: 'unknown-knob'; name: string }
  /** `got` as echoed */
  | { code: 'not-a-number'; knob: KnobName; got: string }
  | { code: 'out-of-range'; knob: KnobName; value: number }
  | { code: 'unknown-profile'; profile: string }
  | { code: 'rto-order'; min: number; max: number };

/** A user-facing error that names what was wrong and where (DESIGN.md invariant 5). */
export class InputError extends Error {
  constructor(
    readonly where: string,
    message: string,
    /** set when the problem is a knob's or profile's (see KnobProblem) */
    readonly problem?: KnobProblem,
  ) {
    super(`${where}: ${message}`);
    this.name = 'InputError';
  }
}

export function describeKnob(name: KnobName): string {
  const s: KnobSpec = KNOB_SPECS[name];
  const range = s.unit === 'bool' ? '0 or 1' : `${s.min}..${s.max}${s.integer ? ' (integer)' : ''}`;
  return `${range}${s.unit === 's' ? ' seconds' : s.unit === 'bytes' ? ' bytes' : ''}`;
}

/** Checks one knob value; throws InputError naming the field and what is allowed. */
/** A value from outside, as echoed in a message: at most 40 characters of it. */
const echo = (v: unknown): string => {
  const s = typeof v === 'string' ? JSON.stringify(v.slice(0, 41)) : String(JSON.stringify(v) ?? v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

export function checkKnob(name: string, value: unknown, where = `knob ${name.length > 40 ? `${name.slice(0, 40)}…` : name}`): number {
  if (!isKnobName(name)) {
    const n = echo(name);
    throw new InputError(where, `unknown knob ${n}; known knobs: ${KNOB_NAMES.join(', ')}`, { code: 'unknown-knob', name: n });
  }
  const spec: KnobSpec = KNOB_SPECS[name];
  let v: number;
  if (typeof value === 'boolean' && spec.unit === 'bool') v = value ? 1 : 0;
  else if (typeof value === 'number') v = value;
  else if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) v = Number(value);
  else if (typeof value === 'string' && spec.unit === 'bool' && /^(on|off|true|false)$/i.test(value)) v = /^(on|true)$/i.test(value) ? 1 : 0;
  else {
    const got = echo(value);
    throw new InputError(where, `expected a number (${describeKnob(name)}), got ${got}`, { code: 'not-a-number', knob: name, got });
  }
  if (!Number.isFinite(v) || v < spec.min || v > spec.max || (spec.integer && !Number.isInteger(v))) {
    throw new InputError(where, `${v} is out of range; allowed: ${describeKnob(name)}`, { code: 'out-of-range', knob: name, value: v });
  }
  return v;
}

/**
 * The knob set for a profile with overrides applied. Validates everything before
 * returning, so a bad override leaves nothing half-applied.
 */
/** Each profile's defaults, resolved once (knob sets are frozen, so one can be shared). */
const DEFAULTS = new Map<Profile, Knobs>();

export function resolveKnobs(profile: Profile, overrides: Readonly<Record<string, unknown>> = {}, where = 'set'): Knobs {
  if (!isProfile(profile)) throw new InputError('profile', `unknown profile "${String(profile)}"; allowed: ${PROFILES.join(', ')}`, { code: 'unknown-profile', profile: String(profile) });
  let none = true;
  for (const _ in overrides) {
    none = false;
    break;
  }
  if (none) {
    const d = DEFAULTS.get(profile);
    if (d) return d;
  }
  const out = {} as Record<KnobName, number> & { profile: Profile };
  out.profile = profile;
  for (const n of KNOB_NAMES) out[n] = KNOB_SPECS[n].defaults[profile];
  for (const [k, v] of Object.entries(overrides)) out[k as KnobName] = checkKnob(k, v, `${where}.${k.length > 40 ? `${k.slice(0, 40)}…` : k}`);
  // The RFC profile's TIME_WAIT is defined as 2 x MSL; keep them tied unless both are given.
  if (profile === 'rfc9293' && 'msl' in overrides && !('time_wait_len' in overrides)) {
    out.time_wait_len = Math.min(2 * out.msl, KNOB_SPECS.time_wait_len.max);
  }
  if (out.rto_min > out.rto_max) {
    throw new InputError(`${where}.rto_min`, `rto_min (${out.rto_min}) exceeds rto_max (${out.rto_max})`, { code: 'rto-order', min: out.rto_min, max: out.rto_max });
  }
  // Filled by keyed stores, `out` is a dictionary-mode object, and every `k.<knob>` read in the
  // rules would be a hash lookup; a copy made by spreading it has fast properties (one hidden
  // class for every profile and override, so those reads are inline-cached).
  const k = Object.freeze({ ...out });
  if (none) DEFAULTS.set(profile, k);
  return k;
}

/** RFC 5961 mitigations in force for RST resp. SYN: the master `rfc5961` knob and the per-kind one. */
export const secureRst = (k: Knobs): boolean => k.rfc5961 === 1 && k.rfc5961_rst === 1;
export const secureSyn = (k: Knobs): boolean => k.rfc5961 === 1 && k.rfc5961_syn === 1;

/** Linux gives up on an orphan after 8 tries when tcp_orphan_retries is 0. */
export function orphanRetries(k: Knobs): number {
  return k.tcp_orphan_retries === 0 ? 8 : k.tcp_orphan_retries;
}
