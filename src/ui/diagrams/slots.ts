/**
 * Stable slots for the things a frame draws (the ladder's segments): an id keeps its slot while
 * it is drawn, and a new id takes a slot freed by one that left. Keyed by slot, React keeps the
 * DOM nodes and only rewrites their attributes as segments scroll in and out, instead of creating
 * and removing elements every frame of fast playback; drawn in slot order, no node is moved.
 */
export class Slots {
  private byId = new Map<number, number>();
  /** freed slots, smallest last (taken first, so the slots in use stay few and low) */
  private free: number[] = [];
  private next = 0;

  /** Slots for this frame's `ids` (same order); ids not in the list give up their slots. */
  assign(ids: readonly number[]): number[] {
    const keep = new Set(ids);
    for (const [id, slot] of this.byId) {
      if (!keep.has(id)) {
        this.byId.delete(id);
        this.free.push(slot);
      }
    }
    this.free.sort((a, b) => b - a);
    return ids.map((id) => {
      let slot = this.byId.get(id);
      if (slot === undefined) {
        slot = this.free.pop() ?? this.next++;
        this.byId.set(id, slot);
      }
      return slot;
    });
  }

  /** Forget every assignment (a rewritten history). */
  clear(): void {
    this.byId.clear();
    this.free = [];
    this.next = 0;
  }

  /** Slots ever handed out: the most ever drawn at once. */
  get capacity(): number {
    return this.next;
  }
}
