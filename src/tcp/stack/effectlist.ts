import type { StackEffect } from './effects.ts';

/** Where a stepped connection reports its effects: an array, or an EffectList. */
export interface EffectSink {
  push(e: StackEffect): unknown;
}

/**
 * A list of effects that is emptied without giving up its storage. A host reports
 * effects for nearly every event; a fresh array per event cost its backing store
 * (~150 bytes) each time, a good share of a busy world's garbage. Emptied entries
 * stay referenced until overwritten, which the next burst of effects soon does.
 */
export class EffectList implements EffectSink {
  private items: StackEffect[] = [];
  length = 0;

  push(e: StackEffect): void {
    if (this.length < this.items.length) this.items[this.length] = e;
    else this.items.push(e);
    this.length++;
  }

  at(i: number): StackEffect {
    return this.items[i]!;
  }

  clear(): void {
    this.length = 0;
  }

  /** The effects as an array of their own. */
  toArray(): StackEffect[] {
    return this.items.slice(0, this.length);
  }
}
