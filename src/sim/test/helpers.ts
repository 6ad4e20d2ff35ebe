import type { ScheduledStep, WorldConfig } from '../config.ts';
import type { PeerName, TraceEvent } from '../types.ts';
import { World } from '../world.ts';

export const OPEN: ScheduledStep[] = [
  { at: 0, peer: 'server', do: 'listen' },
  { at: 0.1, peer: 'client', do: 'connect' },
];

export function run(steps: ScheduledStep[], until: number, cfg: Omit<WorldConfig, 'steps'> = {}): World {
  const w = new World({ ...cfg, steps });
  w.runUntil(until);
  return w;
}

/** The states a peer's connection passed through, as `A>B>C`. */
export function path(w: World, peer: PeerName): string {
  const h = [...new Set(w.trace.filter((e) => e.type === 'state' && e.peer === peer).map((e) => (e as { sock?: number }).sock))];
  const conn = h[h.length - 1];
  const states = w.trace.filter((e): e is Extract<TraceEvent, { type: 'state' }> => e.type === 'state' && e.peer === peer && e.sock === conn);
  return [states[0]?.from, ...states.map((s) => s.to)].join('>');
}

export function sends(w: World, peer: PeerName): string[] {
  return w.trace.filter((e): e is Extract<TraceEvent, { type: 'send' }> => e.type === 'send' && e.peer === peer).map((e) => e.seg.flags.join(','));
}

export function timerEvents(w: World, peer: PeerName, timer: string, action: 'set' | 'fire' | 'cancel'): number[] {
  return w.trace.filter((e) => e.type === 'timer' && e.peer === peer && e.timer === timer && e.action === action).map((e) => e.t);
}
