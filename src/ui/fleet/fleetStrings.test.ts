import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { FLEET_TEXTS, withFleetTexts } from './fleetStrings.ts';

describe('the fleet page’s texts', () => {
  it('say the same in both languages: the same keys and parameters, none empty, and the Chinese in Chinese', () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const { en: e, 'zh-CN': zh } = FLEET_TEXTS;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(e).sort());
    for (const k of Object.keys(e) as (keyof typeof e)[]) {
      expect(params(zh[k]), k).toEqual(params(e[k]));
      expect(zh[k].trim(), k).not.toBe('');
      expect(zh[k], k).toMatch(/[\u4e00-\u9fff]/);
    }
  });
  it('are not in every page’s dictionary', () => {
    for (const k of Object.keys(FLEET_TEXTS.en)) expect(Object.keys(en)).not.toContain(k);
  });
  it('answer their keys and leave the others to the page’s translator', () => {
    const page = (key: string) => `page:${key}`;
    const t = withFleetTexts('zh-CN', page as never);
    const [k, text] = Object.entries(FLEET_TEXTS['zh-CN']).find(([, s]) => !s.includes('{'))!;
    expect(t(k as never)).toBe(text);
    expect(t('app.title' as never)).toBe('page:app.title');
  });
});
