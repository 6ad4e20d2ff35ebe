/**
 * The tcp-testsuite's folder naming: `rcv-<segment kind>-<state>`, the rows and
 * columns of its state x event table.
 */
export const SEGMENT_KINDS = ['syn', 'syn-ack', 'syn-fin', 'ack', 'fin', 'fin-ack', 'rst', 'rst-ack'] as const;
export const SUITE_STATES = ['closed', 'listen', 'syn-sent', 'syn-rcvd', 'established', 'fin-wait-1', 'fin-wait-2', 'close-wait', 'closing', 'last-ack', 'time-wait'] as const;

/** `rcv-syn-fin-wait-1` → kind `syn`, state `fin-wait-1`; `rcv-syn-fin-listen` → `syn-fin`, `listen`. */
export function cellOf(folder: string): { kind: string; state: string } | null {
  if (!folder.startsWith('rcv-')) return null;
  const rest = folder.slice(4);
  for (const k of SEGMENT_KINDS) {
    const state = rest.startsWith(`${k}-`) ? rest.slice(k.length + 1) : '';
    if ((SUITE_STATES as readonly string[]).includes(state)) return { kind: k, state };
  }
  return null;
}
