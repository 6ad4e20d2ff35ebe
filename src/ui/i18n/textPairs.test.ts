import { describe, expect, it } from 'vitest';
import { textPairProblems } from './textPairs.ts';

describe('textPairProblems', () => {
  it('finds nothing wrong with a good pair', () => {
    expect(textPairProblems({ a: '{n} packets', b: ' or ' }, { a: '{n} 个包', b: ' 或 ' })).toEqual([]);
  });
  it('names each problem and its key', () => {
    expect(textPairProblems({ a: '{n} packets', b: 'Close', c: 'x' }, { a: '个包', b: 'Close', d: '关' }, [])).toEqual([
      'c: no Chinese text',
      'd: no English text',
      'a: parameters {} in Chinese, {n} in English',
      'b: no Chinese in the Chinese text',
    ]);
    expect(textPairProblems({ b: 'Close' }, { b: ' ' })).toEqual(['b: empty', 'b: no Chinese in the Chinese text']);
    expect(textPairProblems({ p: '{peer}: {path}' }, { p: '{peer}: {path}' }, ['p'])).toEqual([]);
  });
});
