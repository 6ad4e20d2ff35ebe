/**
 * The embed protocol (DESIGN.md "Embed protocol"), as pure functions: which messages the frame
 * accepts, what a command means, and the shapes of the events it posts to its parent.
 * No DOM here: the caller hands in the message's data and origin, and performs what comes back.
 * A message is never thrown at: anything from outside becomes a command, an error reply, or nothing.
 */
/** Latest time a seek may ask for, seconds (the URL's t has the same bound). */
const MAX_T = 1_000_000;

export const PROTOCOL_SOURCE = 'tcp-state-sim';
export const PROTOCOL_TARGET = 'tcp-state-sim';

export const COMMANDS = ['play', 'pause', 'step', 'next-note', 'prev-note', 'seek', 'load', 'set-lang', 'set-theme'] as const;
export type CommandName = (typeof COMMANDS)[number];
export const THEMES = ['light', 'dark', 'contrast', 'auto'] as const;
export type Theme = (typeof THEMES)[number];
export const EMBED_LANGS = ['en', 'zh-CN'] as const;

export type Command =
  | { cmd: 'play' | 'pause' | 'step' | 'next-note' | 'prev-note' }
  | { cmd: 'seek'; t: number }
  | { cmd: 'load'; scenario: string }
  | { cmd: 'load'; s: string }
  | { cmd: 'set-lang'; lang: (typeof EMBED_LANGS)[number] }
  | { cmd: 'set-theme'; theme: Theme };

/** What to do with one incoming message. */
export type Verdict =
  /** not for us (another library's message), or from an origin not allowed: say nothing */
  | { kind: 'ignore'; why: 'not-ours' | 'origin' }
  | { kind: 'command'; command: Command }
  /** ours and from an allowed origin, but malformed: answer with an error event */
  | { kind: 'error'; cmd: string; message: string };

/** Events posted by the frame to its parent. */
export type FrameEvent =
  | { type: 'ready'; scenario: string; lang: string }
  | { type: 'resize'; height: number }
  | { type: 'state'; peer: 'client' | 'server'; from: string; to: string; t: number }
  | { type: 'note'; index: number; t: number }
  | { type: 'time'; t: number }
  | { type: 'ended'; t: number }
  | { type: 'error'; cmd: string; message: string };

export type PostedEvent = FrameEvent & { source: typeof PROTOCOL_SOURCE };

export function eventMessage(e: FrameEvent): PostedEvent {
  return { source: PROTOCOL_SOURCE, ...e };
}

/** The canonical form of an origin (`scheme://host[:port]`), or null when `s` is not one. */
export function normalizeOrigin(s: string): string | null {
  const v = s.trim();
  if (!/^https?:\/\/[^/?#\s]+$/i.test(v)) return null;
  try {
    const o = new URL(v).origin;
    return o === 'null' ? null : o;
  } catch {
    return null;
  }
}

const MAX_SHOWN = 40;
function shown(v: unknown): string {
  let s: string;
  try {
    // a long string is cut before it is quoted: a 2 MB value must not cost a 12 MB copy
    s = typeof v === 'string' ? JSON.stringify(v.slice(0, MAX_SHOWN + 1)) : v === undefined ? 'nothing' : (JSON.stringify(v) ?? String(v));
  } catch {
    s = 'a value that cannot be shown';
  }
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s;
}

/** A field name from a message, shortened like any echoed value. */
const clipKey = (k: string): string => (k.length > MAX_SHOWN ? `${k.slice(0, MAX_SHOWN)}…` : k);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields each command takes besides `target` and `cmd`. */
const FIELDS: Record<CommandName, readonly string[]> = {
  play: [],
  pause: [],
  step: [],
  'next-note': [],
  'prev-note': [],
  seek: ['t'],
  load: ['scenario', 's'],
  'set-lang': ['lang'],
  'set-theme': ['theme'],
};

/** Longest `s` accepted by `load` (the same bound as a URL parameter's value). */
export const MAX_S_LENGTH = 100_000;

/**
 * Judge one message: `data` as received (anything), `origin` the MessageEvent's origin,
 * `allowed` the normalized origins of `origin=`.
 */
export function judgeMessage(data: unknown, origin: string, allowed: readonly string[]): Verdict {
  let target: unknown;
  try {
    target = isRecord(data) ? data.target : undefined;
  } catch {
    return { kind: 'ignore', why: 'not-ours' };
  }
  if (target !== PROTOCOL_TARGET) return { kind: 'ignore', why: 'not-ours' };
  if (!allowed.includes(origin)) return { kind: 'ignore', why: 'origin' };
  try {
    return judgeCommand(data as Record<string, unknown>);
  } catch {
    // a getter that throws, a revoked proxy: still an answer, never an exception
    return { kind: 'error', cmd: '', message: 'the message could not be read' };
  }
}

function judgeCommand(o: Record<string, unknown>): Verdict {
  const cmd = o.cmd;
  if (typeof cmd !== 'string') return { kind: 'error', cmd: '', message: `cmd: expected one of ${COMMANDS.join(', ')}, got ${shown(cmd)}` };
  if (!(COMMANDS as readonly string[]).includes(cmd)) return { kind: 'error', cmd: cmd.slice(0, MAX_SHOWN), message: `cmd: unknown command ${shown(cmd)}; allowed: ${COMMANDS.join(', ')}` };
  const name = cmd as CommandName;
  const err = (message: string): Verdict => ({ kind: 'error', cmd: name, message });
  for (const k of Object.keys(o)) {
    if (k !== 'target' && k !== 'cmd' && !FIELDS[name].includes(k)) {
      const allowed = FIELDS[name].length ? FIELDS[name].join(', ') : 'none';
      return err(`${clipKey(k)}: unknown field for "${name}"; fields allowed: ${allowed}`);
    }
  }
  switch (name) {
    case 'play':
    case 'pause':
    case 'step':
    case 'next-note':
    case 'prev-note':
      return { kind: 'command', command: { cmd: name } };
    case 'seek': {
      const t = o.t;
      if (typeof t !== 'number' || !Number.isFinite(t) || t < 0 || t > MAX_T) return err(`t: expected seconds 0 … ${MAX_T}, got ${shown(t)}`);
      return { kind: 'command', command: { cmd: 'seek', t } };
    }
    case 'load': {
      const hasId = o.scenario !== undefined;
      const hasS = o.s !== undefined;
      if (hasId === hasS) return err('give exactly one of "scenario" (a library id or "free") or "s" (a scenario, lz-string of its JSON)');
      if (hasId) {
        if (typeof o.scenario !== 'string' || o.scenario.length === 0 || o.scenario.length > 100) return err(`scenario: expected a scenario id, got ${shown(o.scenario)}`);
        return { kind: 'command', command: { cmd: 'load', scenario: o.scenario } };
      }
      if (typeof o.s !== 'string' || o.s.length === 0 || o.s.length > MAX_S_LENGTH) return err(`s: expected lz-string text of at most ${MAX_S_LENGTH} characters, got ${shown(o.s)}`);
      return { kind: 'command', command: { cmd: 'load', s: o.s } };
    }
    case 'set-lang': {
      const l = o.lang;
      if (l !== 'en' && l !== 'zh-CN') return err(`lang: expected one of ${EMBED_LANGS.join(', ')}, got ${shown(l)}`);
      return { kind: 'command', command: { cmd: 'set-lang', lang: l } };
    }
    case 'set-theme': {
      const th = o.theme;
      if (typeof th !== 'string' || !(THEMES as readonly string[]).includes(th)) return err(`theme: expected one of ${THEMES.join(', ')}, got ${shown(th)}`);
      return { kind: 'command', command: { cmd: 'set-theme', theme: th as Theme } };
    }
  }
}
