import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';
import { fill, translator } from './index.ts';

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
  it('fills parameters', () => {
    expect(fill('{a} and {b}', { a: 1, b: 'x' })).toBe('1 and x');
    expect(translator('zh-CN')('seconds', { t: 2 })).toBe('2 秒');
  });
});
