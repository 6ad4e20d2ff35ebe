import { describe, expect, it, vi } from 'vitest';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';
import { KNOB_NAMES } from '../../tcp/knobs.ts';
import { fill, knobHelpKey, loadLang, translator } from './index.ts';

describe('i18n dictionaries', () => {
  it('have the same keys', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });
  it('use the same parameters in each message', () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(params(zhCN[k]), k).toEqual(params(en[k]));
  });
  it('has no empty strings', () => {
    for (const [k, v] of Object.entries(zhCN)) expect(v.trim(), k).not.toBe('');
  });
  it('describe every knob in both languages', () => {
    for (const n of KNOB_NAMES) {
      const k = `knob.${n}`;
      expect(Object.hasOwn(en, k), `en.ts lacks '${k}'`).toBe(true);
      expect(Object.hasOwn(zhCN, k), `zh-CN.ts lacks '${k}'`).toBe(true);
      expect(knobHelpKey(n)).toBe(k);
      const e = (en as Record<string, string>)[k]!;
      const z = (zhCN as Record<string, string>)[k]!;
      expect(e.trim(), k).not.toBe('');
      expect(z, `${k} must be translated`).toMatch(/[\u4e00-\u9fff]/);
      expect(z).not.toBe(e);
    }
    // and describe nothing that is not a knob
    const described = Object.keys(en).filter((k) => k.startsWith('knob.')).map((k) => k.slice(5));
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
});
