import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { textPairProblems } from '../i18n/textPairs.ts';
import { FLEET_TEXTS, withFleetTexts } from './fleetStrings.ts';

describe('the fleet page’s texts', () => {
  it('say the same in both languages: the same keys and parameters, none empty, and the Chinese in Chinese', () => {
    expect(textPairProblems(FLEET_TEXTS.en, FLEET_TEXTS['zh-CN'])).toEqual([]);
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
