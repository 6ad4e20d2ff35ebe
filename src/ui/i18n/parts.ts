/**
 * The parts of each language's dictionary that no embed's first screen shows, each a chunk of its
 * own per language, loaded with the panel or view that shows it (index.ts `loadTexts`): the embed
 * and the app's first load never download the knobs' help, the scenario editor's, the packetdrill
 * view's texts, and the embed not the capture panel's nor the full app's own UI's (`app`: the
 * panels, log, lesson bar and presenter mode only the app shows). Each zh-CN part is typed by its English
 * part's keys, so a missing or extra translation fails to compile (and i18n.test.ts checks every part).
 */
import type { KnobsKey } from './parts/knobs.en.ts';
import type { EditorKey } from './parts/editor.en.ts';
import type { CaptureKey } from './parts/capture.en.ts';
import type { PktKey } from './parts/pkt.en.ts';
import type { AppKey } from './parts/app.en.ts';
import type { Lang } from './index.ts';

export type Part = 'knobs' | 'editor' | 'capture' | 'pkt' | 'app';
export const PARTS: readonly Part[] = ['knobs', 'editor', 'capture', 'pkt', 'app'];
export type PartKey = KnobsKey | EditorKey | CaptureKey | PktKey | AppKey;

type Texts = Readonly<Record<string, string>>;
const t = (m: { texts: Texts }) => m.texts;
export const PART_LOADERS: Record<Part, Record<Lang, () => Promise<Texts>>> = {
  knobs: { en: () => import('./parts/knobs.en.ts').then(t), 'zh-CN': () => import('./parts/knobs.zh-CN.ts').then(t) },
  editor: { en: () => import('./parts/editor.en.ts').then(t), 'zh-CN': () => import('./parts/editor.zh-CN.ts').then(t) },
  capture: { en: () => import('./parts/capture.en.ts').then(t), 'zh-CN': () => import('./parts/capture.zh-CN.ts').then(t) },
  pkt: { en: () => import('./parts/pkt.en.ts').then(t), 'zh-CN': () => import('./parts/pkt.zh-CN.ts').then(t) },
  app: { en: () => import('./parts/app.en.ts').then(t), 'zh-CN': () => import('./parts/app.zh-CN.ts').then(t) },
};
