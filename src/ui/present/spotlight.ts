/**
 * Presenter mode's spotlight: the states the current note talks about are emphasised and the
 * rest of the state diagram dimmed a little. A note names states by their RFC names (in both
 * languages); without a note, or one naming none, the peers' current states are lit.
 */
import type { TcpState } from '../../tcp/states.ts';
import { TCP_STATES } from '../../tcp/states.ts';

export function spotlightStates(noteText: string | undefined, current: readonly TcpState[]): TcpState[] {
  const named = noteText ? TCP_STATES.filter((s) => new RegExp(`(^|[^A-Z_])${s}([^A-Z_0-9]|$)`).test(noteText)) : [];
  const out = named.length ? named : [...current];
  return [...new Set(out)];
}
