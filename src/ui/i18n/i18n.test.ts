import { describe, expect, it, vi } from 'vitest';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';
import { KNOB_NAMES } from '../../tcp/knobs.ts';
import { fill, knobHelpKey, loadLang, translator } from './index.ts';
import { PART_LOADERS, PARTS } from './parts.ts';
import type { Part } from './parts.ts';

type Texts = Readonly<Record<string, string>>;
/** every piece of each language's texts: the dictionary and each part of it */
const pieces: { name: string; en: Texts; zh: Texts }[] = [
  { name: 'dictionary', en, zh: zhCN },
  ...(await Promise.all(PARTS.map(async (p) => ({ name: `part ${p}`, en: await PART_LOADERS[p].en(), zh: await PART_LOADERS[p]['zh-CN']() })))),
];
const allEn: Texts = Object.assign({}, ...pieces.map((p) => p.en));
const allZh: Texts = Object.assign({}, ...pieces.map((p) => p.zh));

describe('i18n dictionaries', () => {
  it.each(pieces)('$name: have the same keys', ({ en, zh }) => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });
  it.each(pieces)('$name: use the same parameters in each message', ({ en, zh }) => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en)) expect(params(zh[k] ?? ''), k).toEqual(params(en[k]!));
  });
  it.each(pieces)('$name: has no empty strings', ({ en, zh }) => {
    for (const [k, v] of [...Object.entries(en), ...Object.entries(zh)]) expect(v.trim(), k).not.toBe('');
  });
  it('puts each key in one piece only (a part never overrides the dictionary)', () => {
    const n = pieces.reduce((a, p) => a + Object.keys(p.en).length, 0);
    expect(Object.keys(allEn)).toHaveLength(n);
  });
  it('describe every knob in both languages', () => {
    for (const n of KNOB_NAMES) {
      const k = `knob.${n}`;
      expect(Object.hasOwn(allEn, k), `no English text for '${k}'`).toBe(true);
      expect(Object.hasOwn(allZh, k), `no Chinese text for '${k}'`).toBe(true);
      expect(knobHelpKey(n)).toBe(k);
      const e = allEn[k]!;
      const z = allZh[k]!;
      expect(e.trim(), k).not.toBe('');
      expect(z, `${k} must be translated`).toMatch(/[\u4e00-\u9fff]/);
      expect(z).not.toBe(e);
    }
    // and describe nothing that is not a knob
    const described = Object.keys(allEn).filter((k) => k.startsWith('knob.')).map((k) => k.slice(5));
    expect(described.sort()).toEqual([...KNOB_NAMES].sort());
  });
  it('fills parameters', async () => {
    await loadLang('zh-CN');
    expect(fill('{a} and {b}', { a: 1, b: 'x' })).toBe('1 and x');
    expect(translator('zh-CN')('seconds', { t: 2 })).toBe('2 秒');
  });
});

describe('loading a language', () => {
  it('loads each language on demand, once; English is the fallback, the key the last resort', async () => {
    // a fresh copy of the module, as a page starts it: no dictionary yet
    vi.resetModules();
    const { langLoaded, loadLang, translator } = await import('./index.ts');
    expect(langLoaded('en')).toBe(false);
    expect(langLoaded('zh-CN')).toBe(false);
    // before any dictionary: the key, never a crash
    expect(translator('zh-CN')('app.title')).toBe('app.title');
    await loadLang('en');
    expect(langLoaded('en')).toBe(true);
    expect(langLoaded('zh-CN')).toBe(false);
    expect(translator('zh-CN')('app.title')).toBe(en['app.title']);
    const a = loadLang('zh-CN');
    const b = loadLang('zh-CN');
    await Promise.all([a, b]);
    expect(langLoaded('zh-CN')).toBe(true);
    expect(translator('zh-CN')('app.title')).toBe(zhCN['app.title']);
    expect(translator('zh-CN')('app.title')).not.toBe(en['app.title']);
  });

  it('loads a part once, with the UI that asks for it; a switch of language brings the parts asked for', async () => {
    vi.resetModules();
    const { loadLang, loadTexts, textsLoaded, translator } = await import('./index.ts');
    const { PART_LOADERS } = await import('./parts.ts');
    const calls: string[] = [];
    for (const p of ['knobs', 'pkt'] as Part[])
      for (const l of ['en', 'zh-CN'] as const) {
        const real = PART_LOADERS[p][l];
        PART_LOADERS[p][l] = () => (calls.push(`${l}:${p}`), real());
      }
    await loadLang('zh-CN');
    // the dictionary alone: no part yet, and a part's key is not there
    expect(calls).toEqual([]);
    expect(translator('zh-CN')('knob.msl')).toBe('knob.msl');
    await Promise.all([loadTexts('zh-CN', 'knobs'), loadTexts('zh-CN', 'knobs')]);
    await loadTexts('zh-CN', 'knobs');
    expect(calls).toEqual(['zh-CN:knobs']);
    expect(textsLoaded('zh-CN', 'knobs')).toBe(true);
    expect(textsLoaded('en', 'knobs')).toBe(false);
    expect(translator('zh-CN')('knob.msl')).toBe(allZh['knob.msl']);
    // switching to English loads English's copy of the knobs' part, not the packetdrill view's
    await loadLang('en');
    expect(calls).toEqual(['zh-CN:knobs', 'en:knobs']);
    expect(translator('en')('knob.msl')).toBe(allEn['knob.msl']);
    expect(translator('en')('pkt.run')).toBe('pkt.run');
  });

  it('retries a part whose load failed, and fails a language switch that cannot bring its parts', async () => {
    vi.resetModules();
    const { loadLang, loadTexts, textsLoaded, translator } = await import('./index.ts');
    const { PART_LOADERS } = await import('./parts.ts');
    const real = { en: PART_LOADERS.editor.en, zh: PART_LOADERS.editor['zh-CN'] };
    let offline = true;
    let tries = 0;
    PART_LOADERS.editor['zh-CN'] = () => (tries++, offline ? Promise.reject(new Error('offline')) : real.zh());
    PART_LOADERS.editor.en = () => (offline ? Promise.reject(new Error('offline')) : real.en());
    await loadLang('zh-CN');
    await expect(loadTexts('zh-CN', 'editor')).rejects.toThrow('offline');
    expect(textsLoaded('zh-CN', 'editor')).toBe(false);
    // English's dictionary arrives, but not its copy of the editor's part: the switch fails
    await expect(loadLang('en')).rejects.toThrow('offline');
    offline = false;
    await loadTexts('zh-CN', 'editor');
    expect(tries).toBe(2);
    expect(translator('zh-CN')('editor.use')).toBe(allZh['editor.use']);
    await loadLang('en');
    expect(translator('en')('editor.use')).toBe(allEn['editor.use']);
  });
});
