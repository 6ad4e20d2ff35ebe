/**
 * URL state (DESIGN.md "URL parameters"): parse with errors that name the parameter and the
 * allowed values; serialize the current view. Pure; no DOM.
 */
// `k`, `a` and `pkt` are lz-string packed: the codec is a chunk of its own (lz.ts), here before a
// page reads a link that carries one, and before the app writes one
import { lz } from './lz.ts';
import { checkKnob, isProfile, PROFILES, resolveKnobs } from '../tcp/knobs.ts';
import type { Profile } from '../tcp/knobs.ts';
import type { Lang } from './i18n/index.ts';
import type { NetActionName, PeerActionName } from '../scenarios/index.ts';
import type { StepAction } from '../sim/config.ts';
import type { JournalEntry } from './sim/controller.ts';
import { defaultDocsParams, DOCS_PARAMS, isDocsParam, parseDocsParam } from './docs/docsParams.ts';
import type { DocsParams } from './docs/docsParams.ts';
import type { Pace } from './player/pace.ts';
import { PACES } from './player/pace.ts';

export const FREE_PLAY = 'free';
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 1000;

export interface UrlState {
  scenario: string;
  profile?: Profile;
  lang?: Lang;
  speed: number;
  t: number;
  autoplay: boolean;
  embed: boolean;
  /** knob overrides set by the user on top of the scenario's */
  knobs: Record<string, number>;
  /** the user's hand actions with their virtual times, replayed on load (`a`) */
  actions?: readonly JournalEntry[];
  /** documentation-site parameters: view, s, pkt, controls, height, origin, theme (docs/docsParams.ts) */
  docs: DocsParams;
  /** pause at each note (`lesson`); undefined = on when the scenario has notes */
  lesson?: boolean;
  /** `pace`: auto (flights and new states are slowed down to be seen) or exact (literal speed) */
  pace?: Pace;
  /** `present=1`: open in presenter mode */
  present?: boolean;
}

export const DEFAULT_URL_STATE: UrlState = { scenario: FREE_PLAY, speed: 1, t: 0, autoplay: false, embed: false, knobs: {}, docs: defaultDocsParams() };

export interface UrlProblem {
  kind: 'bad' | 'unknown';
  param: string;
  value: string;
  allowed: string;
}

export const KNOWN_PARAMS = ['scenario', 'profile', 'lang', 'speed', 't', 'autoplay', 'embed', 'k', 'a', 'lesson', 'pace', 'present', ...DOCS_PARAMS] as const;
export const MAX_T = 1e6;

/** A long value, shortened for the problem report. */
const shown = (value: string): string => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

export function parseUrl(search: string, scenarioIds: readonly string[]): { state: UrlState; problems: UrlProblem[] } {
  const q = new URLSearchParams(search);
  const state: UrlState = { ...DEFAULT_URL_STATE, knobs: {}, docs: defaultDocsParams() };
  const problems: UrlProblem[] = [];
  // every echoed value is shortened: a page must not repeat 12 KB of someone's link back at them
  const bad = (param: string, value: string, allowed: string) => problems.push({ kind: 'bad', param, value: shown(value), allowed });
  let actions: { raw: string; list: JournalEntry[] } | undefined;
  for (const [key, value] of q) {
    switch (key) {
      case 'scenario':
        if (value === FREE_PLAY || scenarioIds.includes(value)) state.scenario = value;
        else bad(key, value, [FREE_PLAY, ...scenarioIds].join(', '));
        break;
      case 'profile':
        if (isProfile(value)) state.profile = value;
        else bad(key, value, PROFILES.join(', '));
        break;
      case 'lang':
        if (value === 'en' || value === 'zh-CN') state.lang = value;
        else bad(key, value, 'en, zh-CN');
        break;
      case 'speed': {
        const n = strictNumber(value);
        if (n !== null && n >= MIN_SPEED && n <= MAX_SPEED) state.speed = n;
        else bad(key, value, `${MIN_SPEED} … ${MAX_SPEED}`);
        break;
      }
      case 't': {
        const n = strictNumber(value);
        if (n !== null && n >= 0 && n <= MAX_T) state.t = n;
        else bad(key, value, '0 … 1000000 (seconds)');
        break;
      }
      case 'autoplay':
      case 'embed':
        if (value === '1' || value === '0') state[key] = value === '1';
        else bad(key, value, '0, 1');
        break;
      case 'lesson':
        if (value === '1' || value === '0') state.lesson = value === '1';
        else bad(key, value, '0, 1');
        break;
      case 'present':
        if (value === '1' || value === '0') state.present = value === '1';
        else bad(key, value, '0, 1');
        break;
      case 'pace':
        if ((PACES as readonly string[]).includes(value)) state.pace = value as Pace;
        else bad(key, value, PACES.join(', '));
        break;
      case 'k': {
        const r = decodeKnobs(value);
        if ('error' in r) bad(key, value, r.error);
        else state.knobs = r.knobs;
        break;
      }
      case 'a': {
        const r = decodeActions(value);
        if ('error' in r) bad(key, value, r.error);
        else actions = { raw: value, list: r.actions };
        break;
      }
      default:
        if (isDocsParam(key)) parseDocsParam(key, value, state.docs, bad);
        else problems.push({ kind: 'unknown', param: shown(key), value: shown(value), allowed: KNOWN_PARAMS.join(', ') });
    }
  }
  if (state.docs.custom && q.has('scenario')) {
    bad('scenario', shown(q.get('scenario') ?? ''), 'nothing when s= carries the scenario (give one of scenario= or s=)');
    state.scenario = FREE_PLAY;
  }
  if (actions) {
    // the actions belong to the view at time t: one after it could never have been taken
    const i = actions.list.findIndex((j) => j.at > state.t);
    if (i >= 0) bad('a', actions.raw, `${ACTIONS_WHAT}; a[${i}].t: ${actions.list[i]!.at} is later than the link's time t = ${state.t}`);
    else if (actions.list.length) state.actions = actions.list;
  }
  return { state, problems };
}

function strictNumber(s: string): number | null {
  if (!/^\s*-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

export function encodeKnobs(k: Record<string, number>): string {
  return lz().pack(JSON.stringify(k));
}

export function decodeKnobs(s: string): { knobs: Record<string, number> } | { error: string } {
  // outside the try: a missing codec is the page's mistake, not a bad value
  const { unpack } = lz();
  let obj: unknown;
  try {
    // lz-string throws on some malformed input (e.g. `y`) instead of returning null
    const text = unpack(s);
    obj = text ? JSON.parse(text) : undefined;
  } catch {
    obj = undefined;
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return { error: 'knob overrides written by “Copy link” (lz-string JSON)' };
  const out: Record<string, number> = {};
  try {
    for (const [name, v] of Object.entries(obj)) out[name] = checkKnob(name, v, `k.${shown(name)}`);
    resolveKnobs('linux', out, 'k');
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  return { knobs: out };
}

// ---- `a`: the user's hand actions ----------------------------------------------------------
//
// lz-string (compressToEncodedURIComponent) of a JSON array, oldest first, each entry the time
// in seconds `t` and the action's own fields, exactly as the simulator takes them:
//   [{"t":0,"peer":"server","do":"listen"},{"t":0.5,"peer":"client","do":"connect"},
//    {"t":0.7,"peer":"client","do":"send","bytes":100},{"t":0.9,"net":"drop-next","dir":"client->server"}]

type FieldSpec = { type: 'number' | 'boolean' | 'string' | readonly string[]; required?: true };
type Fields = Readonly<Record<string, FieldSpec>>;

const NUM: FieldSpec = { type: 'number' };
const NUM_REQ: FieldSpec = { type: 'number', required: true };
const ON: FieldSpec = { type: 'boolean', required: true };

/** The fields of every action; typed so that a new action must be listed here. */
const PEER_ACTION_FIELDS: { readonly [K in PeerActionName]: Fields } = {
  listen: { backlog: NUM },
  connect: {},
  send: { bytes: NUM_REQ },
  read: { bytes: NUM },
  shutdown: { how: { type: ['wr', 'rd', 'rdwr'], required: true } },
  close: {},
  abort: {},
  keepalive: { on: ON, idle: NUM, intvl: NUM, cnt: NUM },
  crash: {},
  reboot: {},
  'never-close': { on: ON },
  'auto-read': { on: ON },
};
const NET_ACTION_FIELDS: { readonly [K in NetActionName]: Fields } = {
  'drop-next': { dir: { type: ['client->server', 'server->client'], required: true }, flags: { type: 'string' } },
  loss: { percent: NUM_REQ },
  delay: { seconds: NUM_REQ },
  partition: {},
  heal: {},
};
const PEER_NAMES = ['client', 'server'] as const;

const ACTIONS_WHAT = 'user actions written by “Copy link” (lz-string JSON array of {t, peer, do, …} or {t, net, …})';

class ActionsError extends Error {}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 30 ? `${s.slice(0, 30)}…` : s;
}

function checkField(path: string, v: unknown, spec: FieldSpec): void {
  const t = spec.type;
  if (typeof t === 'string') {
    if (typeof v !== t || (t === 'number' && !Number.isFinite(v))) throw new ActionsError(`${path}: expected ${t === 'number' ? 'a number' : t === 'boolean' ? 'true or false' : 'a string'}, got ${describeValue(v)}`);
  } else if (typeof v !== 'string' || !t.includes(v)) {
    throw new ActionsError(`${path}: expected one of ${t.join(', ')}, got ${describeValue(v)}`);
  }
}

function parseAction(v: unknown, i: number, prevAt: number): JournalEntry {
  const path = `a[${i}]`;
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ActionsError(`${path}: expected an object {t, peer, do, …} or {t, net, …}, got ${describeValue(v)}`);
  const o = v as Record<string, unknown>;
  const at = o.t;
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0 || at > MAX_T) throw new ActionsError(`${path}.t: expected seconds 0 … ${MAX_T}, got ${describeValue(at)}`);
  if (at < prevAt) throw new ActionsError(`${path}.t: ${at} is earlier than a[${i - 1}].t (${prevAt}); actions are in time order`);
  const isPeer = 'do' in o;
  if (isPeer === 'net' in o) throw new ActionsError(`${path}: give exactly one of "do" (a peer action) or "net" (a network action)`);
  let fields: Fields;
  const action: Record<string, unknown> = {};
  const known = ['t'];
  if (isPeer) {
    const name = o.do;
    if (typeof name !== 'string' || !Object.hasOwn(PEER_ACTION_FIELDS, name)) throw new ActionsError(`${path}.do: unknown action ${describeValue(name)}; allowed: ${Object.keys(PEER_ACTION_FIELDS).join(', ')}`);
    checkField(`${path}.peer`, o.peer, { type: PEER_NAMES });
    action.peer = o.peer;
    action.do = name;
    fields = PEER_ACTION_FIELDS[name as PeerActionName];
    known.push('peer', 'do');
  } else {
    const name = o.net;
    if (typeof name !== 'string' || !Object.hasOwn(NET_ACTION_FIELDS, name)) throw new ActionsError(`${path}.net: unknown network action ${describeValue(name)}; allowed: ${Object.keys(NET_ACTION_FIELDS).join(', ')}`);
    action.net = name;
    fields = NET_ACTION_FIELDS[name as NetActionName];
    known.push('net');
  }
  for (const k of Object.keys(o)) {
    if (!known.includes(k) && !Object.hasOwn(fields, k)) {
      const allowed = [...known, ...Object.keys(fields)].join(', ');
      throw new ActionsError(`${path}.${shown(k)}: unknown field for ${isPeer ? `"do": "${String(o.do)}"` : `"net": "${String(o.net)}"`}; allowed: ${allowed}`);
    }
  }
  for (const [k, spec] of Object.entries(fields)) {
    if (o[k] === undefined) {
      if (spec.required) throw new ActionsError(`${path}.${k}: missing`);
      continue;
    }
    checkField(`${path}.${k}`, o[k], spec);
    action[k] = o[k];
  }
  return { at, action: action as unknown as StepAction };
}

export function encodeActions(actions: readonly JournalEntry[]): string {
  return lz().pack(JSON.stringify(actions.map((j) => ({ t: j.at, ...j.action }))));
}

/**
 * The actions of an `a` value, checked field by field (the world checks values such as byte
 * counts when they are replayed). All or nothing: any problem gives an error naming the entry.
 */
export function decodeActions(s: string): { actions: JournalEntry[] } | { error: string } {
  const { unpack } = lz();
  let text: string | null;
  try {
    text = unpack(s);
  } catch {
    text = null;
  }
  if (!text) return { error: `${ACTIONS_WHAT}; this is not lz-string data` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { error: `${ACTIONS_WHAT}; the unpacked text is not JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (!Array.isArray(json)) return { error: `${ACTIONS_WHAT}; got ${describeValue(json)}, not an array` };
  try {
    const out: JournalEntry[] = [];
    json.forEach((v, i) => out.push(parseAction(v, i, out[i - 1]?.at ?? 0)));
    return { actions: out };
  } catch (e) {
    if (e instanceof ActionsError) return { error: `${ACTIONS_WHAT}; ${e.message}` };
    throw e;
  }
}

/**
 * The query string for a view; defaults are left out. Knobs, actions and a packetdrill script are
 * packed with lz-string: with any of them the codec must be here (lz.ts; `whenLz` waits for it).
 */
export function serializeUrl(s: Omit<UrlState, 'docs'> & { docs?: DocsParams }): string {
  const q = new URLSearchParams();
  if (s.scenario !== FREE_PLAY) q.set('scenario', s.scenario);
  if (s.profile) q.set('profile', s.profile);
  if (s.lang) q.set('lang', s.lang);
  if (s.speed !== 1) q.set('speed', String(s.speed));
  if (s.t > 0) q.set('t', String(Math.round(s.t * 1e6) / 1e6));
  if (s.autoplay) q.set('autoplay', '1');
  if (s.embed) q.set('embed', '1');
  if (Object.keys(s.knobs).length) q.set('k', encodeKnobs(s.knobs));
  if (s.actions?.length) q.set('a', encodeActions(s.actions));
  const d = s.docs ?? defaultDocsParams();
  if (d.view !== 'sim') q.set('view', d.view);
  if (d.s) q.set('s', d.s);
  if (d.pkt !== undefined) q.set('pkt', lz().pack(d.pkt));
  if (d.controls !== 'full') q.set('controls', d.controls);
  if (d.height !== undefined) q.set('height', String(d.height));
  if (d.origins.length) q.set('origin', d.origins.join(','));
  if (d.theme) q.set('theme', d.theme);
  if (s.lesson !== undefined) q.set('lesson', s.lesson ? '1' : '0');
  if (s.pace && s.pace !== 'auto') q.set('pace', s.pace);
  if (s.present) q.set('present', '1');
  const str = q.toString();
  return str ? `?${str}` : '';
}
