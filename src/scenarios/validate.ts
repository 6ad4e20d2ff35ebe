/**
 * Loader and validator for scenario files (DESIGN.md "Scenario file (JSON)", invariant 5):
 * every field is checked, unknown fields are errors, and each error names the field path
 * (and, for text, file:line:column) together with what is allowed.
 */
import { InputError, KNOB_SPECS, PROFILES, checkKnob, describeKnob, isKnobName, isProfile, resolveKnobs } from '../tcp/knobs.ts';
import type { KnobName } from '../tcp/knobs.ts';
import { FLAG_ORDER } from '../tcp/segment.ts';
import type { FlagName } from '../tcp/segment.ts';
import { STATE_ALIASES, TCP_STATES } from '../tcp/states.ts';
import type { TcpState } from '../tcp/states.ts';
import { PEERS } from '../sim/types.ts';
import type { Direction, NetAction, PeerName } from '../sim/types.ts';
import { JsonSyntaxError, childPath, indexPath, parseJsonWithPositions } from './json.ts';
import type { ParsedJson, TextPosition } from './json.ts';
import { LANGS } from './types.ts';
import type {
  LinkSettings,
  LocalizedText,
  NetActionName,
  NetStep,
  PeerAction,
  PeerActionName,
  PeerStep,
  Scenario,
  ScenarioNote,
  Step,
  StepCondition,
} from './types.ts';

/** Run length when a scenario gives no `until` (DESIGN.md: until the queue is empty, at most this). */
export const DEFAULT_UNTIL = 600;
/** Upper bound for any time in a scenario, seconds (over 11 days; keepalive defaults need 7875 s). */
export const MAX_TIME = 1_000_000;
export const MAX_BYTES = 1_048_576;
/** At most this many steps and notes per scenario (the library's longest has under 20). */
export const MAX_STEPS = 10_000;
export const MAX_NOTES = 1_000;
/** Scenario text larger than this is refused before parsing (the library's largest is under 8 KB). */
export const MAX_SCENARIO_CHARS = 1_048_576;
/** Characters of a bad value echoed in a message. */
const MAX_ECHO = 40;

type ArgsOf<A, K extends string> = Exclude<keyof Extract<A, { do: K } | { net: K }>, 'do' | 'net'>;

/** Argument fields of each peer action; typed so that a new action in src/sim/types.ts must be listed. */
const PEER_ACTION_ARGS: { readonly [K in PeerActionName]: readonly ArgsOf<PeerAction, K>[] } = {
  listen: ['backlog'],
  connect: [],
  send: ['bytes'],
  read: ['bytes'],
  shutdown: ['how'],
  close: [],
  abort: [],
  keepalive: ['on', 'idle', 'intvl', 'cnt'],
  crash: [],
  reboot: [],
  'never-close': ['on'],
  'auto-read': ['on'],
};
const NET_ACTION_ARGS: { readonly [K in NetActionName]: readonly ArgsOf<NetAction, K>[] } = {
  'drop-next': ['dir', 'flags'],
  loss: ['percent'],
  delay: ['seconds'],
  partition: [],
  heal: [],
};

export const PEER_ACTIONS = Object.keys(PEER_ACTION_ARGS) as PeerActionName[];
export const NET_ACTIONS = Object.keys(NET_ACTION_ARGS) as NetActionName[];
export const DIRECTIONS: readonly Direction[] = ['client->server', 'server->client'];
export const SHUTDOWN_HOWS = ['wr', 'rd', 'rdwr'] as const;

const TOP_FIELDS = ['id', 'title', 'summary', 'profile', 'set', 'link', 'seed', 'until', 'steps', 'notes'] as const;
const LINK_FIELDS = ['delay', 'loss', 'jitter', 'duplicate'] as const;
const TIMING_FIELDS = ['at', 'when', 'after'] as const;

/** An InputError that also carries the field path and, for scenario text, the line and column. */
export class ScenarioError extends InputError {
  readonly source: string;
  readonly path: string;
  readonly detail: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  constructor(source: string, path: string, detail: string, pos?: TextPosition) {
    super(pos ? `${source}:${pos.line}:${pos.column}` : source, path ? `${path}: ${detail}` : detail);
    this.name = 'ScenarioError';
    this.source = source;
    this.path = path;
    this.detail = detail;
    this.line = pos?.line;
    this.column = pos?.column;
  }
}

interface Ctx {
  source: string;
  locate?: (path: string) => TextPosition | undefined;
}

const PARENT = /(?:\.[A-Za-z_$][\w$-]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])$/;

function fail(ctx: Ctx, path: string, detail: string): never {
  let pos: TextPosition | undefined;
  if (ctx.locate) {
    // a missing field has no position of its own: point at the nearest enclosing value
    for (let p = path; pos === undefined; ) {
      pos = ctx.locate(p);
      if (p === '') break;
      const parent = p.replace(PARENT, '');
      p = parent === p ? '' : parent;
    }
  }
  throw new ScenarioError(ctx.source, path, detail, pos);
}

/** Re-throws an InputError from src/tcp (whose `where` is our path) as a ScenarioError. */
function rethrow(ctx: Ctx, e: unknown): never {
  if (e instanceof InputError && !(e instanceof ScenarioError)) {
    const prefix = `${e.where}: `;
    fail(ctx, e.where, e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message);
  }
  throw e;
}

/** Any value, described briefly (a BigInt, symbol or function from the API included). */
function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'object':
      return 'an object';
    case 'bigint':
      return `a BigInt (${shorten(`${v}n`)})`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    case 'number':
      return String(v);
    case 'string':
      return quote(v);
    default:
      return String(v);
  }
}

/** A string as JSON, shortened: error messages echo what they were given, but not 12 KB of it. */
function quote(s: string): string {
  return JSON.stringify(shorten(s));
}

const shorten = (s: string): string => (s.length > MAX_ECHO ? `${s.slice(0, MAX_ECHO)}…` : s);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function has(o: Record<string, unknown>, k: string): boolean {
  return Object.hasOwn(o, k) && o[k] !== undefined;
}

function object(ctx: Ctx, v: unknown, path: string, what = 'an object'): Record<string, unknown> {
  if (v === undefined) fail(ctx, path, `missing; expected ${what}`);
  if (!isPlainObject(v)) fail(ctx, path, `expected ${what}, got ${describe(v)}`);
  return v;
}

function array(ctx: Ctx, v: unknown, path: string, what: string): unknown[] {
  if (v === undefined) fail(ctx, path, `missing; expected an array of ${what}`);
  if (!Array.isArray(v)) fail(ctx, path, `expected an array of ${what}, got ${describe(v)}`);
  return v;
}

function noUnknownFields(ctx: Ctx, o: Record<string, unknown>, path: string, allowed: readonly string[], forWhat = ''): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) {
      fail(ctx, childPath(path, shorten(k)), `unknown field${forWhat ? ` for ${forWhat}` : ''}; allowed: ${allowed.join(', ') || '(none)'}`);
    }
  }
}

interface Range {
  min: number;
  max: number;
  integer?: boolean;
  /** shown after the range: 'seconds', 'percent', 'bytes' */
  unit?: string;
  /** the lower bound itself is not allowed */
  minExclusive?: boolean;
}

function describeRange(r: Range): string {
  const lo = r.minExclusive ? `more than ${r.min} up to ${r.max}` : `${r.min}..${r.max}`;
  return `${lo}${r.integer ? ' (integer)' : ''}${r.unit ? ` ${r.unit}` : ''}`;
}

function number(ctx: Ctx, v: unknown, path: string, r: Range): number {
  if (v === undefined) fail(ctx, path, `missing; allowed: ${describeRange(r)}`);
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(ctx, path, `expected a number (${describeRange(r)}), got ${describe(v)}`);
  if (v < r.min || (r.minExclusive && v === r.min) || v > r.max || (r.integer && !Number.isInteger(v))) {
    fail(ctx, path, `${v} is out of range; allowed: ${describeRange(r)}`);
  }
  return v;
}

function boolean(ctx: Ctx, v: unknown, path: string): boolean {
  if (v === undefined) fail(ctx, path, 'missing; allowed: true, false');
  if (typeof v !== 'boolean') fail(ctx, path, `expected true or false, got ${describe(v)}`);
  return v;
}

function oneOf<T extends string>(ctx: Ctx, v: unknown, path: string, allowed: readonly T[], noun: string): T {
  if (v === undefined) fail(ctx, path, `missing; allowed: ${allowed.join(', ')}`);
  if (typeof v !== 'string') fail(ctx, path, `expected a string, got ${describe(v)}; allowed: ${allowed.join(', ')}`);
  if (!(allowed as readonly string[]).includes(v)) fail(ctx, path, `unknown ${noun} ${quote(v)}; allowed: ${allowed.join(', ')}`);
  return v as T;
}

function localized(ctx: Ctx, v: unknown, path: string): LocalizedText {
  const o = object(ctx, v, path, `an object with ${LANGS.join(' and ')} texts`);
  for (const k of Object.keys(o)) {
    if (!(LANGS as readonly string[]).includes(k)) fail(ctx, childPath(path, k), `unknown language; allowed: ${LANGS.join(', ')}`);
  }
  const out = {} as LocalizedText;
  for (const lang of LANGS) {
    const p = childPath(path, lang);
    const s = o[lang];
    if (s === undefined) fail(ctx, p, 'missing');
    if (typeof s !== 'string') fail(ctx, p, `expected a string, got ${describe(s)}`);
    if (s.trim() === '') fail(ctx, p, 'must not be empty');
    out[lang] = s;
  }
  return out;
}

const TIME: Range = { min: 0, max: MAX_TIME, unit: 'seconds' };
const PERCENT: Range = { min: 0, max: 100, unit: 'percent' };
const LINK_DELAY: Range = { min: 0, max: 60, unit: 'seconds' };

function parseSet(ctx: Ctx, v: unknown, path: string): Partial<Record<KnobName, number>> {
  const o = object(ctx, v, path, 'an object of knob values');
  const out: Partial<Record<KnobName, number>> = {};
  for (const [k, raw] of Object.entries(o)) {
    const p = childPath(path, k);
    try {
      // JSON holds numbers (true/false also for on/off knobs); checkKnob's string forms are for the CLI.
      if (isKnobName(k) && typeof raw !== 'number' && !(typeof raw === 'boolean' && KNOB_SPECS[k].unit === 'bool')) {
        fail(ctx, p, `expected a number (${describeKnob(k)}), got ${describe(raw)}`);
      }
      out[k as KnobName] = checkKnob(k, raw, p);
    } catch (e) {
      rethrow(ctx, e);
    }
  }
  return out;
}

function parseLink(ctx: Ctx, v: unknown, path: string): LinkSettings {
  const o = object(ctx, v, path, 'an object { delay, loss, jitter, duplicate }');
  noUnknownFields(ctx, o, path, LINK_FIELDS);
  const out: LinkSettings = {};
  if (has(o, 'delay')) out.delay = number(ctx, o.delay, childPath(path, 'delay'), LINK_DELAY);
  if (has(o, 'loss')) out.loss = number(ctx, o.loss, childPath(path, 'loss'), PERCENT);
  if (has(o, 'jitter')) out.jitter = number(ctx, o.jitter, childPath(path, 'jitter'), LINK_DELAY);
  if (has(o, 'duplicate')) out.duplicate = number(ctx, o.duplicate, childPath(path, 'duplicate'), PERCENT);
  return out;
}

function parseState(ctx: Ctx, v: unknown, path: string): TcpState {
  if (typeof v === 'string' && !(TCP_STATES as readonly string[]).includes(v)) {
    const canon = TCP_STATES.find((s) => {
      const a = STATE_ALIASES[s];
      return [a.rfc, a.netstat, a.ss].some((x) => x.toUpperCase() === v.toUpperCase()) || s === v.toUpperCase();
    });
    if (canon) fail(ctx, path, `unknown state ${quote(v)}; write ${canon} (states are spelled ${TCP_STATES.join(', ')})`);
  }
  return oneOf(ctx, v, path, TCP_STATES, 'state');
}

function parseCondition(ctx: Ctx, v: unknown, path: string): StepCondition {
  const o = object(ctx, v, path, 'an object { peer, state }');
  noUnknownFields(ctx, o, path, ['peer', 'state']);
  return {
    peer: oneOf(ctx, o.peer, childPath(path, 'peer'), PEERS, 'peer'),
    state: parseState(ctx, o.state, childPath(path, 'state')),
  };
}

/** "SYN,ACK" → checked: known names, no duplicates, written in the contract's order. */
function parseFlags(ctx: Ctx, v: unknown, path: string): string {
  const allowed = `${FLAG_ORDER.join(', ')} (comma-separated, in that order, e.g. "SYN,ACK")`;
  if (typeof v !== 'string') fail(ctx, path, `expected a string of flags, got ${describe(v)}; allowed: ${allowed}`);
  if (v === '') fail(ctx, path, 'must not be empty; leave out "flags" to drop the next segment of any kind');
  if (/\s/.test(v)) fail(ctx, path, `${quote(v)} contains spaces; write flags like "SYN,ACK"`);
  const names = v.split(',');
  const seen = new Set<string>();
  for (const n of names) {
    if (!(FLAG_ORDER as readonly string[]).includes(n)) fail(ctx, path, `unknown flag ${quote(n)}; allowed: ${allowed}`);
    if (seen.has(n)) fail(ctx, path, `flag ${n} appears twice`);
    seen.add(n);
  }
  const canonical = FLAG_ORDER.filter((f: FlagName) => seen.has(f)).join(',');
  if (canonical !== v) fail(ctx, path, `write ${JSON.stringify(canonical)}, not ${quote(v)}: flags go in the order ${FLAG_ORDER.join(',')}`);
  return v;
}

function parseStep(ctx: Ctx, v: unknown, path: string): Step {
  const o = object(ctx, v, path, 'a step object');
  const p = (k: string): string => childPath(path, k);
  const kinds = 'a step is either a peer action ("peer" + "do") or a network action ("net")';
  if (has(o, 'do') && has(o, 'net')) fail(ctx, p('net'), `not allowed together with "do"; ${kinds}`);
  if (!has(o, 'do') && !has(o, 'net')) fail(ctx, path, `missing "do" or "net"; ${kinds}`);

  const out: Record<string, unknown> = {};
  const isPeer = has(o, 'do');
  let peerAction: PeerActionName | undefined;
  let netAction: NetActionName | undefined;
  if (isPeer) {
    peerAction = oneOf(ctx, o.do, p('do'), PEER_ACTIONS, 'action');
    noUnknownFields(ctx, o, path, [...TIMING_FIELDS, 'peer', 'do', ...PEER_ACTION_ARGS[peerAction]], `"do": "${peerAction}"`);
  } else {
    netAction = oneOf(ctx, o.net, p('net'), NET_ACTIONS, 'network action');
    if (has(o, 'peer')) fail(ctx, p('peer'), `not allowed in a network step ("net": "${netAction}"); the network belongs to neither peer`);
    noUnknownFields(ctx, o, path, [...TIMING_FIELDS, 'net', ...NET_ACTION_ARGS[netAction]], `"net": "${netAction}"`);
  }

  // When it runs: exactly one of at / when (+ after).
  if (has(o, 'at') && has(o, 'when')) fail(ctx, p('when'), 'not allowed together with "at"; give exactly one of at, when');
  if (has(o, 'at')) {
    if (has(o, 'after')) fail(ctx, p('after'), 'only allowed with "when"; with "at", add the delay to "at"');
    out.at = number(ctx, o.at, p('at'), TIME);
  } else if (has(o, 'when')) {
    out.when = parseCondition(ctx, o.when, p('when'));
    if (has(o, 'after')) out.after = number(ctx, o.after, p('after'), TIME);
  } else {
    fail(ctx, p('at'), 'missing; give "at" (seconds) or "when" ({ "peer", "state" }, optionally with "after")');
  }

  if (peerAction !== undefined) {
    out.peer = oneOf(ctx, o.peer, p('peer'), PEERS, 'peer') satisfies PeerName;
    out.do = peerAction;
    const bytes: Range = { min: 1, max: MAX_BYTES, integer: true, unit: 'bytes' };
    switch (peerAction) {
      case 'listen':
        if (has(o, 'backlog')) out.backlog = number(ctx, o.backlog, p('backlog'), { min: 0, max: KNOB_SPECS.somaxconn.max, integer: true });
        break;
      case 'send':
        out.bytes = number(ctx, o.bytes, p('bytes'), bytes);
        break;
      case 'read':
        if (has(o, 'bytes')) out.bytes = number(ctx, o.bytes, p('bytes'), bytes);
        break;
      case 'shutdown':
        out.how = oneOf(ctx, o.how, p('how'), SHUTDOWN_HOWS, 'shutdown direction');
        break;
      case 'keepalive': {
        const on = boolean(ctx, o.on, p('on'));
        out.on = on;
        const params = [
          ['idle', 'tcp_keepalive_time'],
          ['intvl', 'tcp_keepalive_intvl'],
          ['cnt', 'tcp_keepalive_probes'],
        ] as const;
        for (const [field, knob] of params) {
          if (!has(o, field)) continue;
          if (!on) fail(ctx, p(field), 'only allowed with "on": true');
          const spec = KNOB_SPECS[knob];
          out[field] = number(ctx, o[field], p(field), { min: spec.min, max: spec.max, integer: spec.integer, unit: spec.unit === 's' ? 'seconds' : undefined });
        }
        break;
      }
      case 'never-close':
      case 'auto-read':
        out.on = boolean(ctx, o.on, p('on'));
        break;
      default:
        break; // connect, close, abort, crash, reboot: no arguments
    }
    return out as unknown as PeerStep;
  }

  out.net = netAction;
  switch (netAction) {
    case 'drop-next':
      out.dir = oneOf(ctx, o.dir, p('dir'), DIRECTIONS, 'direction');
      if (has(o, 'flags')) out.flags = parseFlags(ctx, o.flags, p('flags'));
      break;
    case 'loss':
      out.percent = number(ctx, o.percent, p('percent'), PERCENT);
      break;
    case 'delay':
      out.seconds = number(ctx, o.seconds, p('seconds'), LINK_DELAY);
      break;
    default:
      break; // partition, heal
  }
  return out as unknown as NetStep;
}

function parseNote(ctx: Ctx, v: unknown, path: string): ScenarioNote {
  const o = object(ctx, v, path, 'a note object { at, text }');
  noUnknownFields(ctx, o, path, ['at', 'text']);
  return { at: number(ctx, o.at, childPath(path, 'at'), TIME), text: localized(ctx, o.text, childPath(path, 'text')) };
}

function validate(json: unknown, ctx: Ctx): Scenario {
  const o = object(ctx, json, '', 'a JSON object (a scenario)');
  noUnknownFields(ctx, o, '', TOP_FIELDS);

  if (o.id === undefined) fail(ctx, 'id', 'missing; expected a kebab-case name like "lost-fin"');
  if (typeof o.id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(o.id) || o.id.length > 64) {
    fail(ctx, 'id', `expected a kebab-case name like "lost-fin" (a-z, 0-9 and single hyphens, at most 64 characters), got ${describe(o.id)}`);
  }
  const scenario: Scenario = {
    id: o.id,
    title: localized(ctx, o.title, 'title'),
    summary: localized(ctx, o.summary, 'summary'),
    steps: [],
    notes: [],
  };

  if (has(o, 'profile')) {
    const prof = o.profile;
    if (typeof prof !== 'string' || !isProfile(prof)) fail(ctx, 'profile', `unknown profile ${describe(prof)}; allowed: ${PROFILES.join(', ')}`);
    scenario.profile = prof;
  }
  if (has(o, 'set')) {
    scenario.set = parseSet(ctx, o.set, 'set');
    try {
      resolveKnobs(scenario.profile ?? 'linux', scenario.set, 'set'); // cross-knob checks (rto_min <= rto_max)
    } catch (e) {
      rethrow(ctx, e);
    }
  }
  if (has(o, 'link')) scenario.link = parseLink(ctx, o.link, 'link');
  if (has(o, 'seed')) scenario.seed = number(ctx, o.seed, 'seed', { min: 0, max: 2 ** 32 - 1, integer: true });
  if (has(o, 'until')) scenario.until = number(ctx, o.until, 'until', { ...TIME, minExclusive: true });

  const limit = scenario.until ?? DEFAULT_UNTIL;
  const late = (t: number): string =>
    scenario.until === undefined
      ? `${t} is after the default run length (${DEFAULT_UNTIL} s) and would never be reached; set "until"`
      : `${t} is after until (${scenario.until}) and would never be reached`;

  const steps = array(ctx, o.steps, 'steps', 'steps');
  if (steps.length > MAX_STEPS) fail(ctx, 'steps', `${steps.length} steps; the limit is ${MAX_STEPS} per scenario`);
  steps.forEach((s, i) => {
    const step = parseStep(ctx, s, indexPath('steps', i));
    if (step.at !== undefined && step.at > limit) fail(ctx, `${indexPath('steps', i)}.at`, late(step.at));
    scenario.steps.push(step);
  });

  const notes = array(ctx, o.notes, 'notes', 'notes { at, text }');
  if (notes.length > MAX_NOTES) fail(ctx, 'notes', `${notes.length} notes; the limit is ${MAX_NOTES} per scenario`);
  notes.forEach((n, i) => {
    const note = parseNote(ctx, n, indexPath('notes', i));
    const prev = scenario.notes[i - 1];
    if (prev && note.at < prev.at) {
      fail(ctx, `${indexPath('notes', i)}.at`, `${note.at} is earlier than notes[${i - 1}].at (${prev.at}); notes must be in time order`);
    }
    if (note.at > limit) fail(ctx, `${indexPath('notes', i)}.at`, late(note.at));
    scenario.notes.push(note);
  });

  return scenario;
}

/**
 * Validates a scenario given as a parsed JSON value and returns a clean copy holding only the
 * known fields. Throws ScenarioError (an InputError) naming `where`, the field path and what is
 * allowed, e.g. `scenario: steps[3].do: unknown action "conect"; allowed: listen, connect, ...`.
 */
export function parseScenario(json: unknown, where = 'scenario'): Scenario {
  return validate(json, { source: where });
}

/**
 * Parses and validates scenario text (a file's contents). JSON syntax errors and field errors
 * both name `file:line:column`, e.g. `my.json:7:14: steps[2].dir: unknown direction "up"; ...`.
 */
export function parseScenarioText(text: string, file = 'scenario'): Scenario {
  if (text.length > MAX_SCENARIO_CHARS) {
    const before = text.slice(0, MAX_SCENARIO_CHARS);
    const line = before.split('\n').length;
    const column = MAX_SCENARIO_CHARS - before.lastIndexOf('\n');
    throw new ScenarioError(file, '', `scenario text longer than the limit of ${MAX_SCENARIO_CHARS} characters (1 MiB)`, { line, column });
  }
  let parsed: ParsedJson;
  try {
    parsed = parseJsonWithPositions(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      throw new ScenarioError(file, '', `invalid JSON: ${e.detail}`, { line: e.line, column: e.column });
    }
    throw e;
  }
  return validate(parsed.value, { source: file, locate: parsed.positionOf });
}
