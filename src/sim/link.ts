import type { Segment } from '../tcp/segment.ts';
import { flagList } from '../tcp/segment.ts';
import { InputError } from '../tcp/knobs.ts';
import type { Direction } from './types.ts';
import type { Rng } from './rng.ts';

export interface LinkConfig {
  /** one-way delay, seconds */
  delay: number;
  /** random loss, percent */
  loss: number;
  /** extra random delay in [0, jitter) seconds: lets segments overtake each other */
  jitter: number;
  /** percent of segments delivered twice */
  duplicate: number;
}

export const DEFAULT_LINK: LinkConfig = { delay: 0.05, loss: 0, jitter: 0, duplicate: 0 };

export interface DropRule {
  dir: Direction;
  /** the segment must carry all of these flags; empty = any segment */
  flags: string[];
}

export interface LinkState {
  cfg: LinkConfig;
  partitioned: boolean;
  dropNext: DropRule[];
}

const FLAG_NAMES = ['SYN', 'FIN', 'RST', 'PSH', 'ACK'];

/** Parses `FIN` or `SYN,ACK` into flag names; an unknown name is an InputError naming `where`. */
export function parseFlagFilter(text: string | undefined, where: string): string[] {
  if (text === undefined || text.trim() === '' || text === 'any') return [];
  const names = text.split(',').map((s) => s.trim().toUpperCase());
  for (const n of names) {
    if (!FLAG_NAMES.includes(n)) throw new InputError(where, `unknown flag "${n}"; allowed: ${FLAG_NAMES.join(', ')} (comma-separated)`);
  }
  return names;
}

export function checkLinkConfig(c: Partial<LinkConfig>, where = 'link'): LinkConfig {
  const out = { ...DEFAULT_LINK };
  for (const [k, v] of Object.entries(c)) {
    if (!(k in DEFAULT_LINK)) throw new InputError(`${where}.${k}`, `unknown field; allowed: ${Object.keys(DEFAULT_LINK).join(', ')}`);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`${where}.${k}`, `expected a number, got ${JSON.stringify(v)}`);
    const max = k === 'loss' || k === 'duplicate' ? 100 : 60;
    if (v < 0 || v > max) throw new InputError(`${where}.${k}`, `${v} is out of range; allowed: 0..${max}${k === 'loss' || k === 'duplicate' ? ' percent' : ' seconds'}`);
    out[k as keyof LinkConfig] = v;
  }
  return out;
}

export type LinkVerdict = { drop: string } | { arrivals: number[] };

/** What the link does with one segment: drop it (why) or deliver it after these delays (seconds). */
export function transmit(l: LinkState, seg: Segment, dir: Direction, rng: Rng): LinkVerdict {
  if (l.partitioned) return { drop: 'partition' };
  if (l.dropNext.length > 0) {
    const flags = flagList(seg.flags) as string[];
    const i = l.dropNext.findIndex((r) => r.dir === dir && r.flags.every((f) => flags.includes(f)));
    if (i >= 0) {
      l.dropNext.splice(i, 1);
      return { drop: 'drop-next' };
    }
  }
  if (l.cfg.loss > 0 && rng.next() * 100 < l.cfg.loss) return { drop: 'loss' };
  const one = () => l.cfg.delay + (l.cfg.jitter > 0 ? rng.next() * l.cfg.jitter : 0);
  const arrivals = [one()];
  if (l.cfg.duplicate > 0 && rng.next() * 100 < l.cfg.duplicate) arrivals.push(one());
  return { arrivals };
}
