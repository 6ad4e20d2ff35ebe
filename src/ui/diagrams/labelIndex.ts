/**
 * A spatial index of placed label boxes (a grid of horizontal bands), so placing one label
 * looks only at the boxes near it. With it the sequence diagram places each label once, in
 * time proportional to its neighbours, however many segments the ladder holds.
 */
import type { LabelSpot, OBox, SegmentLabelInput } from './labelLayout.ts';
import { SEG_LABEL_FONT, SEG_SPOTS, bounds, labelInkBox, lineBox, overlaps, segmentLabelShape, segmentLabelSpot, spotCost } from './labelLayout.ts';

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

  /** The boxes whose bounds may meet the vertical range y0..y1 (each once), but the one of `skip`. */
  near(y0: number, y1: number, skip?: number): OBox[] {
    const out: OBox[] = [];
    const seen = new Set<number>();
    for (let k = Math.floor(y0 / BAND); k <= Math.floor(y1 / BAND); k++) {
      const m = this.bands.get(k);
      if (!m) continue;
      for (const [id, e] of m) {
        if (id === skip || seen.has(id) || e.b.y1 < y0 || e.b.y0 > y1) continue;
        seen.add(id);
        out.push(e.box);
      }
    }
    return out;
  }

  /** The ids of the boxes that `box` overlaps, but `skip`'s. */
  hits(box: OBox, skip?: number): number[] {
    const b = bounds(box);
    const out = new Set<number>();
    for (let k = Math.floor(b.y0 / BAND); k <= Math.floor(b.y1 / BAND); k++)
      for (const [id, e] of this.bands.get(k) ?? []) if (id !== skip && !out.has(id) && overlaps(box, e.box)) out.add(id);
    return [...out];
  }

  /**
   * Where segment label `s` goes: the first of its candidate spots (labelLayout.ts
   * segmentLabelSpots) that meets no box of the index and no arrow of `arrows`, else the least
   * bad one (the rule of placeGreedy, over the neighbours only: a label over a label is worse than
   * one across an arrow). Candidates are made one at a time, only until one is free: most labels
   * take their first or second, and placing hundreds a frame (a fast run) made the other
   * candidates by the thousand.
   *
   * The label also keeps off where the receiver's answer will most likely go, which is not drawn
   * yet: an arrow back from where this one arrives, leaving as it arrives and taking as long
   * (a SYN's SYN,ACK, a SYN,ACK's ACK). A spot there is taken only if every other is worse.
   *
   * With `keep` (the label's spot so far, now crossed by an arrow drawn after it), a candidate
   * must be strictly better than that spot to be taken: a label moves only to get clear.
   */
  place(s: SegmentLabelInput, fontSize = SEG_LABEL_FONT, arrows?: LabelIndex, keep?: LabelSpot): LabelSpot {
    const shape = segmentLabelShape(s.text, fontSize);
    // the neighbours of all candidates: the outermost row's ends above and below reach furthest
    // (a spot's box moves monotonically with its fraction and its offset, also where it slid back
    // into the lane), so their bounds span them all
    let y0 = Infinity;
    let y1 = -Infinity;
    for (let i = SEG_SPOTS - 4; i < SEG_SPOTS; i++) {
      const b = bounds(segmentLabelSpot(s, shape, fontSize, i).box);
      y0 = Math.min(y0, b.y0);
      y1 = Math.max(y1, b.y1);
    }
    const others = this.near(y0 - 1, y1 + 1, s.id);
    const lines = arrows?.near(y0 - 1, y1 + 1, s.id) ?? [];
    const answer = lineBox(s.x2, s.y2, s.x1, 2 * s.y2 - s.y1);
    const costOf = (spot: LabelSpot, worst: number) => {
      let cost = spotCost(spot.box, bounds(spot.box), others) * 4;
      if (cost >= worst || (!lines.length && !answer)) return cost;
      const ink = labelInkBox(spot.x, spot.y, s.angle, spot.dy, shape.w, fontSize, shape.n);
      // a label with another arrow between it and its own reads as that arrow's: as bad as a crossing
      const leader = lineBox(spot.x, spot.y, ink.cx, ink.cy, 0);
      for (let j = 0; j < lines.length && cost < worst; j++) if (overlaps(ink, lines[j]!) || overlaps(leader, lines[j]!)) cost += 1;
      if (cost < worst && (overlaps(ink, answer) || overlaps(leader, answer))) cost += 0.5;
      return cost;
    };
    let best = keep;
    let bestCost = keep ? costOf(keep, Infinity) : Infinity;
    for (let i = 0; i < SEG_SPOTS && bestCost > 0; i++) {
      const spot = segmentLabelSpot(s, shape, fontSize, i);
      const cost = costOf(spot, bestCost);
      if (cost < bestCost) {
        best = spot;
        bestCost = cost;
      }
    }
    return best!;
  }
}
