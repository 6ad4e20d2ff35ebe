/**
 * Why a fleet knob or option was refused, as data: a code and the values the sentence needs. The
 * English (`fleetProblemText`) is what `npm run fleet` prints, byte for byte; the fleet page words
 * the same problem in its own language (src/ui/fleet/fleetProblemsZh.ts). Engine knobs carry
 * src/tcp's KnobProblem instead; this covers the host knobs and the fleet's own numbers.
 */
import { InputError } from '../tcp/knobs.ts';
import type { KnobProblem } from '../tcp/knobs.ts';

/** A host knob with a whole-number range (the port range is checked as text). */
export type HostIntKnob = 'ulimit_n' | 'tcp_max_syn_backlog' | 'tcp_syncookies' | 'tcp_abort_on_overflow' | 'tcp_tw_recycle';

export type FleetProblem =
  /** `got`: the value as JSON */
  | { code: 'host-int'; knob: HostIntKnob; min: number; max: number; got: string }
  | { code: 'port-range-form'; got: string }
  | { code: 'port-range-bounds'; lo: number; hi: number }
  | { code: 'unknown-knob'; name: string; known: readonly string[] }
  | { code: 'number'; integer: boolean; min: number; max: number; got: string }
  | { code: 'seconds'; min: number; max: number; got: string };

export const FLEET_PROBLEM_CODES = ['host-int', 'port-range-form', 'port-range-bounds', 'unknown-knob', 'number', 'seconds'] as const satisfies readonly FleetProblem['code'][];

/** What each host knob means, in the English the messages have always carried. */
export const HOST_KNOB_HELP: Record<HostIntKnob, string> = {
  ulimit_n: 'open files per process (ulimit -n)',
  tcp_max_syn_backlog: 'without SYN cookies, SYNs are dropped once SYN_RCVD passes 3/4 of it; the SYN queue itself ends at the listen() backlog, capped by somaxconn',
  tcp_syncookies: '1 = SYN cookies once the SYN queue passes the listen() backlog, 2 = always, 0 = never',
  tcp_abort_on_overflow: "when the accept queue is full, 0 = drop the handshake's last ACK, 1 = answer it with a RST",
  tcp_tw_recycle: 'removed in Linux 4.12 (it broke clients behind NAT); accepted and ignored',
};

export function fleetProblemText(p: FleetProblem): string {
  switch (p.code) {
    case 'host-int':
      return `expected a whole number ${p.min}..${p.max} (${HOST_KNOB_HELP[p.knob]}), got ${p.got}`;
    case 'port-range-form':
      return `expected a port range "lo-hi" (e.g. "32768-60999"), got ${p.got}`;
    case 'port-range-bounds':
      return `${p.lo}-${p.hi} is out of range; allowed: 1024 <= lo <= hi <= 65535`;
    case 'unknown-knob':
      return `unknown knob "${p.name}"; known knobs: ${p.known.join(', ')}`;
    case 'number':
      return `expected ${p.integer ? 'a whole number' : 'a number'} ${p.min}..${p.max}, got ${p.got}`;
    case 'seconds':
      return `expected seconds ${p.min}..${p.max}, got ${p.got}`;
  }
}

/** An InputError whose problem is the fleet's: `where` and the English message as ever. */
export class FleetInputError extends InputError {
  constructor(
    where: string,
    readonly fleetProblem: FleetProblem,
  ) {
    super(where, fleetProblemText(fleetProblem));
  }
}

/** A refusal as plain data (it crosses from the fleet worker to the page): where, the English, the problem when there is one (no `where`: a bug's message). */
export interface Refusal {
  where?: string;
  message: string;
  fleetProblem?: FleetProblem;
  problem?: KnobProblem;
}

/** An InputError as data; anything else (a bug) is only its message. */
export function refusalOf(e: unknown): Refusal {
  if (!(e instanceof InputError)) return { message: e instanceof Error ? e.message : String(e) };
  return { where: e.where, message: e.message, ...(e instanceof FleetInputError ? { fleetProblem: e.fleetProblem } : {}), ...(e.problem ? { problem: e.problem } : {}) };
}
