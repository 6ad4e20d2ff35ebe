/**
 * URL parameters of the second wave that serve documentation sites (DESIGN.md "URL parameters"):
 * `view`, `s`, `pkt`, `controls`, `height`, `origin`, `theme`. Pure; url.ts calls in here for
 * these keys so each one is checked and reported like the first-wave parameters.
 */
import type { Scenario } from '../../scenarios/index.ts';
import { normalizeOrigin, THEMES } from './protocol.ts';
import type { Theme } from './protocol.ts';
import { scenarioDecoder } from './sDecoder.ts';
import { lz } from '../lz.ts';

export const VIEWS = ['sim', 'fleet', 'packetdrill'] as const;
export type View = (typeof VIEWS)[number];
export const CONTROLS = ['none', 'minimal', 'full'] as const;
export type ControlsLevel = (typeof CONTROLS)[number];

export const MIN_HEIGHT = 200;
export const MAX_HEIGHT = 4000;
export const MAX_PKT_CHARS = 200_000;

export interface DocsParams {
  view: View;
  /** the scenario carried by `s=`, validated */
  custom?: Scenario;
  /** the raw `s` value (kept so links stay exactly as given) */
  s?: string;
  /** the packetdrill script carried by `pkt=`, unpacked */
  pkt?: string;
  controls: ControlsLevel;
  /** a fixed frame height (px) instead of auto-height */
  height?: number;
  /** origins allowed to send commands (normalized) */
  origins: string[];
  theme?: Theme;
}

export const DOCS_PARAMS = ['view', 's', 'pkt', 'controls', 'height', 'origin', 'theme'] as const;

export const defaultDocsParams = (): DocsParams => ({ view: 'sim', controls: 'full', origins: [] });

export const isDocsParam = (key: string): key is (typeof DOCS_PARAMS)[number] => (DOCS_PARAMS as readonly string[]).includes(key);

const shown = (value: string): string => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

/** Parse one docs parameter into `into`; a bad value is reported through `bad` and leaves `into` as it was. */
export function parseDocsParam(key: (typeof DOCS_PARAMS)[number], value: string, into: DocsParams, bad: (param: string, value: string, allowed: string) => void): void {
  switch (key) {
    case 'view':
      if ((VIEWS as readonly string[]).includes(value)) into.view = value as View;
      else bad(key, value, VIEWS.join(', '));
      return;
    case 'controls':
      if ((CONTROLS as readonly string[]).includes(value)) into.controls = value as ControlsLevel;
      else bad(key, value, CONTROLS.join(', '));
      return;
    case 'theme':
      if ((THEMES as readonly string[]).includes(value)) into.theme = value as Theme;
      else bad(key, value, THEMES.join(', '));
      return;
    case 'height': {
      const n = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
      if (n >= MIN_HEIGHT && n <= MAX_HEIGHT) into.height = n;
      else bad(key, value, `a whole number of pixels, ${MIN_HEIGHT} … ${MAX_HEIGHT}`);
      return;
    }
    case 'origin': {
      const list: string[] = [];
      for (const part of value.split(',')) {
        const o = normalizeOrigin(part);
        if (!o) {
          bad(key, shown(value), `comma-separated origins such as https://docs.example.org (scheme, host and port only); “${shown(part.trim())}” is not one`);
          return;
        }
        if (!list.includes(o)) list.push(o);
      }
      into.origins = list;
      return;
    }
    case 's': {
      const decode = scenarioDecoder();
      // lazy/boot.tsx loads the checker before the first render of a link with `s`: missing only if that fetch failed
      const r = decode ? decode(value) : { error: 'the scenario checker could not be loaded' };
      if ('error' in r) bad(key, shown(value), `a scenario (lz-string of its JSON, as written by “Copy link”); ${r.error}`);
      else {
        into.custom = r.scenario;
        into.s = value;
      }
      return;
    }
    case 'pkt': {
      // lazy/boot.tsx fetched the codec before the first render of a link with `pkt` (lz.ts)
      const { unpack } = lz();
      let text: string | null = null;
      if (value.length <= MAX_PKT_CHARS) {
        try {
          text = unpack(value);
        } catch {
          text = null;
        }
      }
      if (text) into.pkt = text;
      else bad(key, shown(value), 'a packetdrill script written by “Copy link” (lz-string)');
      return;
    }
  }
}
