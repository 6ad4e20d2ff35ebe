/**
 * The built-in scenario library for Node (the CLIs and tests): one JSON file per scenario under
 * ./library, validated at import (a broken library file fails loudly at start-up, naming the file
 * and field). The browser app loads the same files one by one through catalog.ts.
 */
import { InputError } from '../tcp/knobs.ts';
import type { Scenario } from './types.ts';
import { parseScenario } from './validate.ts';
import { LIBRARY_ORDER } from './order.ts';

import handshake from './library/handshake.json';
import teardown from './library/teardown.json';
import serverClose from './library/server-close.json';
import simultaneousOpen from './library/simultaneous-open.json';
import simultaneousClose from './library/simultaneous-close.json';
import halfClose from './library/half-close.json';
import closeWaitLeak from './library/close-wait-leak.json';
import lostFin from './library/lost-fin.json';
import rstClosedPort from './library/rst-closed-port.json';
import keepaliveDeadPeer from './library/keepalive-dead-peer.json';
import lostSyn from './library/lost-syn.json';
import lostFinalAck from './library/lost-final-ack.json';
import timeWaitReuse from './library/time-wait-reuse.json';
import abort from './library/abort.json';
import finWait2Timeout from './library/fin-wait-2-timeout.json';

export type * from './types.ts';
export { isNetStep, isPeerStep, LANGS } from './types.ts';
export { DEFAULT_UNTIL, NET_ACTIONS, PEER_ACTIONS, ScenarioError, parseScenario, parseScenarioText } from './validate.ts';

const FILES: Record<(typeof LIBRARY_ORDER)[number], unknown> = {
  handshake,
  teardown,
  'server-close': serverClose,
  'half-close': halfClose,
  'simultaneous-open': simultaneousOpen,
  'simultaneous-close': simultaneousClose,
  'lost-syn': lostSyn,
  'lost-fin': lostFin,
  'lost-final-ack': lostFinalAck,
  'rst-closed-port': rstClosedPort,
  abort,
  'close-wait-leak': closeWaitLeak,
  'fin-wait-2-timeout': finWait2Timeout,
  'time-wait-reuse': timeWaitReuse,
  'keepalive-dead-peer': keepaliveDeadPeer,
};

/** File name (without .json) → parsed JSON, in the order the library is presented. */
const LIBRARY: ReadonlyArray<readonly [file: string, json: unknown]> = LIBRARY_ORDER.map((f) => [f, FILES[f]] as const);

function load(): Scenario[] {
  const seen = new Set<string>();
  return LIBRARY.map(([file, json]) => {
    const where = `src/scenarios/library/${file}.json`;
    const s = parseScenario(json, where);
    if (s.id !== file) throw new InputError(where, `id: "${s.id}" does not match the file name "${file}"`);
    if (seen.has(s.id)) throw new InputError(where, `id: duplicate scenario id "${s.id}"`);
    seen.add(s.id);
    return s;
  });
}

/** Every built-in scenario, validated, in presentation order (basics first, then failures). */
export const SCENARIOS: Scenario[] = load();

export const SCENARIO_IDS: readonly string[] = SCENARIOS.map((s) => s.id);

/** The built-in scenario with this id, or undefined. */
export function getScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

/** The built-in scenario with this id; otherwise an InputError listing the ids that exist. */
export function requireScenario(id: string, where = 'scenario'): Scenario {
  const s = getScenario(id);
  if (!s) throw new InputError(where, `unknown scenario ${JSON.stringify(id)}; allowed: ${SCENARIO_IDS.join(', ')}`);
  return s;
}
