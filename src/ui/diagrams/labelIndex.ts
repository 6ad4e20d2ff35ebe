/**
 * A spatial index of placed label boxes (a grid of horizontal bands), so placing one label
 * looks only at the boxes near it. With it the sequence diagram places each label once, in
 * time proportional to its neighbours, however many segments the ladder holds.
 */
import type { LabelSpot, OBox } from './labelLayout.ts';
import { bounds, spotCost } from './labelLayout.ts';

interface Entry {
  box: OBox;
  b: { x0: number; y0: number; x1: number; y1: number };
}

/** Height of one band of the grid, in the diagram's user units (a few label rows). */
const BAND = 64;

export class LabelIndex {
  private bands = new Map<number, Map<number, Entry>>();
  private byId = new Map<number, Entry>();

  get size(): number {
    return this.byId.size;
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  insert(id: number, box: OBox): void {
    this.remove(id);
    const e: Entry = { box, b: bounds(box) };
    this.byId.set(id, e);
    for (let k = Math.floor(e.b.y0 / BAND); k <= Math.floor(e.b.y1 / BAND); k++) {
      let m = this.bands.get(k);
      if (!m) this.bands.set(k, (m = new Map()));
      m.set(id, e);
    }
  }

  remove(id: number): void {
    const e = this.byId.get(id);
    if (!e) return;
    this.byId.delete(id);
    for (let k = Math.floor(e.b.y0 / BAND); k <= Math.floor(e.b.y1 / BAND); k++) {
      const m = this.bands.get(k);
      m?.delete(id);
      if (m && m.size === 0) this.bands.delete(k);
    }
  }

  /** The boxes whose bounds may meet the vertical range y0..y1 (each once). */
  near(y0: number, y1: number): OBox[] {
    const out: OBox[] = [];
    const seen = new Set<number>();
    for (let k = Math.floor(y0 / BAND); k <= Math.floor(y1 / BAND); k++) {
      const m = this.bands.get(k);
      if (!m) continue;
      for (const [id, e] of m) {
        if (seen.has(id) || e.b.y1 < y0 || e.b.y0 > y1) continue;
        seen.add(id);
        out.push(e.box);
      }
    }
    return out;
  }

  /**
   * The first candidate spot that meets no box of the index nor `extra`, else the least bad one
   * (the same rule as placeGreedy, over the neighbours only).
   */
  choose(spots: readonly LabelSpot[], extra: readonly OBox[] = []): LabelSpot {
    let y0 = Infinity;
    let y1 = -Infinity;
    const spotBounds = spots.map((s) => {
      const b = bounds(s.box);
      y0 = Math.min(y0, b.y0);
      y1 = Math.max(y1, b.y1);
      return b;
    });
    const others = extra.length ? [...this.near(y0, y1), ...extra] : this.near(y0, y1);
    let best: LabelSpot | undefined;
    let bestCost = Infinity;
    for (let i = 0; i < spots.length; i++) {
      const cost = spotCost(spots[i]!.box, spotBounds[i]!, others);
      if (cost < bestCost) {
        best = spots[i];
        bestCost = cost;
        if (cost === 0) break;
      }
    }
    if (!best) throw new Error('LabelIndex.choose: a label without candidate spots');
    return best;
  }
}
