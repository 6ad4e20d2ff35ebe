import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { DIALOG_TEXTS, dialogText } from './dialogStrings.ts';

describe('the capture dialog’s texts', () => {
  it('say the same in both languages: the same keys and parameters, none empty, and the Chinese in Chinese', () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const { en: e, 'zh-CN': zh } = DIALOG_TEXTS;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(e).sort());
    for (const k of Object.keys(e) as (keyof typeof e)[]) {
      expect(params(zh[k]), k).toEqual(params(e[k]));
      expect(zh[k].trim(), k).not.toBe('');
      if (k !== 'capture.why.or' && k !== 'capturePaths.line') expect(zh[k], k).toMatch(/[\u4e00-\u9fff]/);
    }
  });
  it('are no longer in every page’s dictionary', () => {
    for (const k of Object.keys(DIALOG_TEXTS.en)) expect(Object.keys(en)).not.toContain(k);
  });
  it('fill their parameters', () => {
    expect(dialogText('en')('captureStream.many', { id: 0, client: 'a:1', server: 'b:2', n: 8 })).toBe('0: a:1 → b:2, 8 packets');
    expect(dialogText('zh-CN')('captureStream.many', { id: 0, client: 'a:1', server: 'b:2', n: 8 })).toBe('0：a:1 → b:2，8 个包');
  });
});
