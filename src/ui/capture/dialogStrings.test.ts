import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { textPairProblems } from '../i18n/textPairs.ts';
import { DIALOG_TEXTS, dialogText } from './dialogStrings.ts';

describe('the capture dialog’s texts', () => {
  it('say the same in both languages: the same keys and parameters, none empty, and the Chinese in Chinese', () => {
    expect(textPairProblems(DIALOG_TEXTS.en, DIALOG_TEXTS['zh-CN'], ['capture.why.or', 'capturePaths.line'])).toEqual([]);
  });
  it('are no longer in every page’s dictionary', () => {
    for (const k of Object.keys(DIALOG_TEXTS.en)) expect(Object.keys(en)).not.toContain(k);
  });
  it('fill their parameters', () => {
    expect(dialogText('en')('captureStream.many', { id: 0, client: 'a:1', server: 'b:2', n: 8 })).toBe('0: a:1 → b:2, 8 packets');
    expect(dialogText('zh-CN')('captureStream.many', { id: 0, client: 'a:1', server: 'b:2', n: 8 })).toBe('0：a:1 → b:2，8 个包');
  });
});
