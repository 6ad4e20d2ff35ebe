/**
 * A spatial index of placed label boxes (a grid of horizontal bands), so placing one label
 * looks only at the boxes near it. With it the sequence diagram places each label once, in
 * time proportional to its neighbours, however many segments the ladder holds.
 */
import type { LabelSpot, OBox, SegmentLabelInput } from './labelLayout.ts';
import { SEG_BOLD, SEG_LABEL_FONT, SEG_LABEL_MAX_W, SEG_SPOTS, bounds, labelBox, segmentSpotsExtent, segmentTextWidth, spotAt, spotCost } from './labelLayout.ts';

interface Entry {
  box: OBox;
  b: { x0: number; y0: number; x1: number; y1: number };
  /** the last query that met it (a box spans several bands: each query lists it once) */
  seen: number;
}

/** Height of one band of the grid, in the diagram's user units (a few label rows). */
const BAND = 64;

export class LabelIndex {
  private bands = new Map<number, Map<number, Entry>>();
  private byId = new Map<number, Entry>();
  private query = 0;

  get size(): number {
    return this.byId.size;
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  insert(id: number, box: OBox): void {
    this.remove(id);
    const e: Entry = { box, b: bounds(box), seen: 0 };
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
    const q = ++this.query;
    for (let k = Math.floor(y0 / BAND); k <= Math.floor(y1 / BAND); k++) {
      const m = this.bands.get(k);
      if (!m) continue;
      for (const e of m.values()) {
        if (e.seen === q || e.b.y1 < y0 || e.b.y0 > y1) continue;
        e.seen = q;
        out.push(e.box);
      }
    }
    return out;
  }

  /**
   * Where segment label `s` goes: the first of its candidate spots (labelLayout.ts
   * segmentLabelSpots) that meets no box of the index, else the least bad one (the rule of
   * placeGreedy, over the neighbours only). Candidates are made one at a time, only until one
   * is free: most labels take their first or second, and placing hundreds a frame (a fast run)
   * made the other candidates by the thousand.
   */
  place(s: SegmentLabelInput, fontSize = SEG_LABEL_FONT): LabelSpot {
    const full = segmentTextWidth(s.text, fontSize) * SEG_BOLD;
    const w = Math.min(SEG_LABEL_MAX_W, full);
    const others = this.near(...segmentSpotsExtent(s, w, fontSize));
    let best!: LabelSpot;
    let bestCost = Infinity;
    for (let i = 0; i < SEG_SPOTS && bestCost > 0; i++) {
      const { x, y, dy } = spotAt(s, fontSize, i);
      const box = labelBox(x, y, s.angle, dy, w, fontSize);
      const cost = spotCost(box, bounds(box), others);
      if (cost < bestCost) {
        best = { x, y, dy, box };
        bestCost = cost;
      }
    }
    // drawn condensed to the lane when longer (the box is sized for that width)
    if (full > SEG_LABEL_MAX_W) best.fit = SEG_LABEL_MAX_W;
    return best;
  }
}
