import { describe, expect, it } from 'vitest';
import { TCP_STATES } from '../../tcp/states.ts';
import { STATE_INFO } from './stateInfo.ts';
import { STRINGS, s } from './strings.ts';

describe('diagram strings', () => {
  it('has the same keys in both languages, none empty', () => {
    const en = Object.keys(STRINGS.en).sort();
    const zh = Object.keys(STRINGS['zh-CN']).sort();
    expect(zh).toEqual(en);
    for (const lang of ['en', 'zh-CN'] as const)
      for (const k of en) expect(STRINGS[lang][k as keyof typeof STRINGS.en].trim(), `${lang}.${k}`).not.toBe('');
  });
  it('keeps the same placeholders in both languages', () => {
    const ph = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(STRINGS.en) as (keyof typeof STRINGS.en)[]) expect(ph(STRINGS['zh-CN'][k]), k).toEqual(ph(STRINGS.en[k]));
  });
  it('fills placeholders', () => {
    expect(s('en', 'skipped', { d: '59.5 s' })).toBe('59.5 s skipped');
    expect(s('zh-CN', 'skipped', { d: '59.5 s' })).toBe('略去 59.5 s');
  });
  it('explains all 11 states in both languages', () => {
    for (const lang of ['en', 'zh-CN'] as const)
      for (const st of TCP_STATES) {
        const info = STATE_INFO[lang][st];
        expect(info.meaning.trim(), `${lang}.${st}`).not.toBe('');
        expect(info.production.length, `${lang}.${st}`).toBeGreaterThan(0);
        expect(info.production.length).toBe(STATE_INFO.en[st].production.length);
      }
  });
});
