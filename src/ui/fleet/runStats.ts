/**
 * What the fleet page needs from a whole run while its samples stream in: the states ever above
 * zero and the tallest stack or line (the y axis). Kept as the samples arrive, so a chunk of
 * new samples costs its own length, not the run's.
 */
import type { Sample } from '../../fleet/sample.ts';
import { TCP_STATES } from '../../tcp/states.ts';
import type { TcpState } from '../../tcp/states.ts';

export class RunStats {
  private seen: readonly Sample[] = [];
  /** states ever above zero (LISTEN always: the listener) */
  readonly on = new Set<TcpState>(['LISTEN']);
  /** the largest sum over states of one sample, and the largest single count (at least 1) */
  maxStacked = 1;
  maxLine = 1;

  /** Takes in `samples`: only the new ones when the array grew from the one seen last. */
  update(samples: readonly Sample[]): this {
    const n0 = this.seen.length;
    const grew = samples.length >= n0 && (n0 === 0 || (samples[0] === this.seen[0] && samples[n0 - 1] === this.seen[n0 - 1]));
    let from = n0;
    if (!grew) {
      this.on.clear();
      this.on.add('LISTEN');
      this.maxStacked = 1;
      this.maxLine = 1;
      from = 0;
    }
    this.seen = samples;
    for (let i = from; i < samples.length; i++) {
      const s = samples[i]!.states;
      let sum = 0;
      for (const st of TCP_STATES) {
        const v = s[st];
        if (v > 0) this.on.add(st);
        sum += v;
        if (v > this.maxLine) this.maxLine = v;
      }
      if (sum > this.maxStacked) this.maxStacked = sum;
    }
    return this;
  }
}

/** The states either run ever had, in the diagram's order. */
export function activeStates(a: RunStats, b: RunStats): TcpState[] {
  return TCP_STATES.filter((st) => a.on.has(st) || b.on.has(st));
}
