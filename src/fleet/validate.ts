/**
 * Preset files (JSON) and command-line overrides, checked field by field: every problem is an
 * InputError naming the field path (`server.read_timeout`, `mix.clients.lossy`, `changes[1].set.x`),
 * and nothing is half-applied (DESIGN.md invariant 5).
 */
import { InputError } from '../tcp/knobs.ts';
import { FleetInputError } from './problems.ts';
import type { AppChange, AppMode, BackendConfig, Change, ClientBehaviour, ClientsConfig, FleetConfig, Mix, Note, ServerConfig, Text } from './config.ts';
import { APP_MODES, CLIENT_BEHAVIOURS, DEFAULT_BACKEND, DEFAULT_CLIENTS, DEFAULT_SERVER } from './config.ts';
import { resolveFleetKnobs } from './knobs.ts';

type Obj = Record<string, unknown>;

const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

function obj(v: unknown, where: string): Obj {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new InputError(where, `expected an object, got ${show(v)}`);
  return v as Obj;
}

function onlyKeys(o: Obj, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) throw new InputError(where ? `${where}.${k}` : k, `unknown field; allowed: ${allowed.join(', ')}`);
  }
}

function num(v: unknown, where: string, min: number, max: number, integer = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new FleetInputError(where, { code: 'number', integer, min, max, got: show(v) });
  }
  return v;
}

function text(v: unknown, where: string): Text {
  const o = obj(v, where);
  onlyKeys(o, ['en', 'zh-CN'], where);
  for (const l of ['en', 'zh-CN'] as const) {
    if (typeof o[l] !== 'string' || !(o[l] as string).trim()) throw new InputError(`${where}.${l}`, `expected a non-empty string, got ${show(o[l])}`);
  }
  return { en: o.en as string, 'zh-CN': o['zh-CN'] as string };
}

function weights<K extends string>(v: unknown, names: readonly K[], where: string): Partial<Record<K, number>> {
  const o = obj(v, where);
  const out: Partial<Record<K, number>> = {};
  let sum = 0;
  for (const [k, w] of Object.entries(o)) {
    if (!(names as readonly string[]).includes(k)) throw new InputError(`${where}.${k}`, `unknown behaviour "${k}"; allowed: ${names.join(', ')}`);
    out[k as K] = num(w, `${where}.${k}`, 0, 1e6);
    sum += w as number;
  }
  if (!(sum > 0)) throw new InputError(where, 'the weights must add up to more than 0');
  return out;
}

/** A (partial) mix: `{ "clients": {...}, "app": {...} }`, each group optional. */
export function checkMix(v: unknown, where = 'mix'): Partial<Mix> {
  const o = obj(v, where);
  onlyKeys(o, ['clients', 'app'], where);
  const out: Partial<Mix> = {};
  if (o.clients !== undefined) out.clients = weights<ClientBehaviour>(o.clients, CLIENT_BEHAVIOURS, `${where}.clients`);
  if (o.app !== undefined) out.app = weights<AppMode>(o.app, APP_MODES, `${where}.app`);
  return out;
}

function knobSet(v: unknown, where: string): Record<string, number | string> {
  const o = obj(v, where);
  resolveFleetKnobs(o, where); // throws naming the knob
  return o as Record<string, number | string>;
}

function server(v: unknown, where: string): ServerConfig {
  const o = obj(v, where);
  onlyKeys(o, [...Object.keys(DEFAULT_SERVER)], where);
  const s: ServerConfig = { ...DEFAULT_SERVER };
  if (o.backlog !== undefined) s.backlog = num(o.backlog, `${where}.backlog`, 1, 65535, true);
  if (o.request_bytes !== undefined) s.request_bytes = num(o.request_bytes, `${where}.request_bytes`, 1, 60000, true);
  if (o.response_bytes !== undefined) s.response_bytes = num(o.response_bytes, `${where}.response_bytes`, 1, 60000, true);
  if (o.respond_after !== undefined) s.respond_after = num(o.respond_after, `${where}.respond_after`, 0, 60);
  if (o.read_timeout !== undefined) s.read_timeout = num(o.read_timeout, `${where}.read_timeout`, 0, 86400);
  if (o.keepalive !== undefined) s.keepalive = keepalive(o.keepalive, `${where}.keepalive`);
  return s;
}

function keepalive(v: unknown, where: string): ServerConfig['keepalive'] {
  if (v === null || v === false) return null;
  if (v === true) return true;
  const k = obj(v, where);
  onlyKeys(k, ['idle', 'intvl', 'cnt'], where);
  return { idle: num(k.idle, `${where}.idle`, 1, 32767), intvl: num(k.intvl, `${where}.intvl`, 1, 32767), cnt: num(k.cnt, `${where}.cnt`, 1, 127, true) };
}

/** The application settings a change may give: read_timeout, keepalive. */
export function checkAppChange(v: unknown, where: string): AppChange {
  const o = obj(v, where);
  onlyKeys(o, ['read_timeout', 'keepalive'], where);
  const out: AppChange = {};
  if (o.read_timeout !== undefined) out.read_timeout = num(o.read_timeout, `${where}.read_timeout`, 0, 86400);
  if (o.keepalive !== undefined) out.keepalive = keepalive(o.keepalive, `${where}.keepalive`);
  return out;
}

function clients(v: unknown, where: string): ClientsConfig {
  const o = obj(v, where);
  onlyKeys(o, [...Object.keys(DEFAULT_CLIENTS)], where);
  return {
    rtt: o.rtt === undefined ? DEFAULT_CLIENTS.rtt : num(o.rtt, `${where}.rtt`, 0.0002, 10),
    hold: o.hold === undefined ? DEFAULT_CLIENTS.hold : num(o.hold, `${where}.hold`, 0, 86400),
    give_up: o.give_up === undefined ? DEFAULT_CLIENTS.give_up : num(o.give_up, `${where}.give_up`, 0.1, 86400),
    loss: o.loss === undefined ? DEFAULT_CLIENTS.loss : num(o.loss, `${where}.loss`, 0, 100),
  };
}

function backend(v: unknown, where: string): BackendConfig | null {
  if (v === null) return null;
  const o = obj(v, where);
  onlyKeys(o, [...Object.keys(DEFAULT_BACKEND)], where);
  return {
    per_request: o.per_request === undefined ? DEFAULT_BACKEND.per_request : num(o.per_request, `${where}.per_request`, 0, 1),
    rtt: o.rtt === undefined ? DEFAULT_BACKEND.rtt : num(o.rtt, `${where}.rtt`, 0.0002, 10),
    request_bytes: o.request_bytes === undefined ? DEFAULT_BACKEND.request_bytes : num(o.request_bytes, `${where}.request_bytes`, 1, 60000, true),
    response_bytes: o.response_bytes === undefined ? DEFAULT_BACKEND.response_bytes : num(o.response_bytes, `${where}.response_bytes`, 1, 60000, true),
  };
}

export const MAX_RATE = 100_000;
export const MAX_MINUTES = 120;

function change(v: unknown, where: string): Change {
  const o = obj(v, where);
  onlyKeys(o, ['at', 'set', 'rate', 'mix', 'server'], where);
  const c: Change = { at: num(o.at, `${where}.at`, 0, MAX_MINUTES * 60) };
  if (o.set !== undefined) c.set = knobSet(o.set, `${where}.set`);
  if (o.rate !== undefined) c.rate = num(o.rate, `${where}.rate`, 0, MAX_RATE);
  if (o.mix !== undefined) c.mix = checkMix(o.mix, `${where}.mix`);
  if (o.server !== undefined) c.server = checkAppChange(o.server, `${where}.server`);
  if (!c.set && c.rate === undefined && !c.mix && !c.server) throw new InputError(where, 'a change needs at least one of set, rate, mix, server');
  return c;
}

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** A whole preset file, parsed from JSON text or given as a value. */
export function parsePreset(input: unknown, file = 'preset'): FleetConfig {
  let v = input;
  if (typeof input === 'string') {
    try {
      v = JSON.parse(input);
    } catch (e) {
      throw new InputError(file, `not JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  try {
    const o = obj(v, '(root)');
    onlyKeys(o, ['id', 'title', 'summary', 'seed', 'minutes', 'rate', 'mix', 'set', 'server', 'clients', 'backend', 'changes', 'notes'], '');
    if (typeof o.id !== 'string' || !ID.test(o.id)) throw new InputError('id', `expected lower-case letters, digits and dashes, got ${show(o.id)}`);
    const mix = checkMix(o.mix, 'mix');
    if (!mix.clients) throw new InputError('mix.clients', 'missing');
    if (!mix.app) throw new InputError('mix.app', 'missing');
    const notes: Note[] = [];
    if (o.notes !== undefined) {
      if (!Array.isArray(o.notes)) throw new InputError('notes', `expected an array, got ${show(o.notes)}`);
      o.notes.forEach((n, i) => {
        const no = obj(n, `notes[${i}]`);
        onlyKeys(no, ['at', 'text'], `notes[${i}]`);
        notes.push({ at: num(no.at, `notes[${i}].at`, 0, MAX_MINUTES * 60), text: text(no.text, `notes[${i}].text`) });
      });
    }
    const changes: Change[] = [];
    if (o.changes !== undefined) {
      if (!Array.isArray(o.changes)) throw new InputError('changes', `expected an array, got ${show(o.changes)}`);
      o.changes.forEach((c, i) => changes.push(change(c, `changes[${i}]`)));
    }
    return {
      id: o.id,
      title: text(o.title, 'title'),
      summary: o.summary === undefined ? text(o.title, 'title') : text(o.summary, 'summary'),
      seed: o.seed === undefined ? 1 : num(o.seed, 'seed', 0, 2 ** 32 - 1, true),
      minutes: o.minutes === undefined ? 10 : num(o.minutes, 'minutes', 1 / 60, MAX_MINUTES),
      rate: num(o.rate, 'rate', 0, MAX_RATE),
      mix: { clients: mix.clients, app: mix.app },
      set: o.set === undefined ? {} : knobSet(o.set, 'set'),
      server: o.server === undefined ? { ...DEFAULT_SERVER } : server(o.server, 'server'),
      clients: o.clients === undefined ? { ...DEFAULT_CLIENTS } : clients(o.clients, 'clients'),
      backend: o.backend === undefined ? null : backend(o.backend, 'backend'),
      changes,
      notes,
    };
  } catch (e) {
    if (e instanceof InputError && file !== 'preset') throw new InputError(`${file}: ${e.where}`, e.message.slice(e.where.length + 2));
    throw e;
  }
}
