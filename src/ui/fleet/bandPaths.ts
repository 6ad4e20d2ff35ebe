/**
 * The chart's bands (stacked areas) or lines, built as samples arrive: a chunk of new samples adds
 * its points to each path instead of drawing every path again from the first second, so the page
 * stays responsive while the worker streams a ten-minute run. The path text is the one d3's
 * `stack` + `area` / `line` (linear curve, 3 decimals) would write for the same samples and
 * scales; a change of mode, states or scales starts the paths over.
 */
import type { Sample } from '../../fleet/sample.ts';
import type { TcpState } from '../../tcp/states.ts';

export interface Band {
  state: TcpState;
  d: string;
  fill: boolean;
}

type Scale = (v: number) => number;

// d3-shape rounds path coordinates to 3 decimals
const r = (v: number) => Math.round(v * 1000) / 1000;

export class BandPaths {
  private key = '';
  private seen: readonly Sample[] = [];
  /** per state: the upper edge "x,yLx,y…" in time order */
  private top: string[] = [];
  /** per state (stacked only): the lower edge "Lx,y…" from the newest sample back to the first */
  private bottom: string[] = [];
  private bands: Band[] = [];

  /**
   * The paths for `samples`. `scaleKey` names the scales' domains and ranges: the same key with
   * the same earlier samples (an array that only grew) adds the new samples' points only.
   */
  update(samples: readonly Sample[], states: readonly TcpState[], mode: 'stacked' | 'lines', x: Scale, y: Scale, scaleKey: string): Band[] {
    const key = `${mode}|${states.join()}|${scaleKey}`;
    const n0 = this.seen.length;
    const grew = key === this.key && n0 > 0 && samples.length >= n0 && samples[0] === this.seen[0] && samples[n0 - 1] === this.seen[n0 - 1];
    if (grew && samples.length === n0) return this.bands;
    let from = n0;
    if (!grew) {
      this.key = key;
      this.top = states.map(() => '');
      this.bottom = states.map(() => '');
      from = 0;
    }
    this.seen = samples;
    if (!samples.length) return (this.bands = []);
    const stacked = mode === 'stacked';
    const { top, bottom } = this;
    for (let i = from; i < samples.length; i++) {
      const s = samples[i]!;
      const px = `${r(x(s.t))},`;
      const sep = i ? 'L' : '';
      let acc = 0;
      for (let j = 0; j < states.length; j++) {
        const v = s.states[states[j]!];
        if (stacked) {
          bottom[j] = `L${px}${r(y(acc))}${bottom[j]}`;
          acc += v;
          top[j] += `${sep}${px}${r(y(acc))}`;
        } else top[j] += `${sep}${px}${r(y(v))}`;
      }
    }
    // d3 closes a one-point line ("Mx,yZ"); an area always closes
    const close = stacked || samples.length === 1 ? 'Z' : '';
    this.bands = states.map((state, j) => ({ state, d: stacked ? `M${top[j]}${bottom[j]}${close}` : `M${top[j]}${close}`, fill: stacked }));
    return this.bands;
  }
}
