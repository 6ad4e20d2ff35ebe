/**
 * Text mutations shared by the surfaces: inputs start from real files (scripts,
 * scenarios) so that most of them get past the first token, then are broken
 * in the ways that found bugs before (deep nesting, many repeated lines,
 * truncation, stray characters).
 */
import fc from 'fast-check';

export type Mutation =
  | { op: 'delete-line'; at: number }
  | { op: 'repeat-line'; at: number; times: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'replace-char'; at: number; ch: string }
  | { op: 'truncate'; at: number }
  | { op: 'swap-lines'; a: number; b: number }
  | { op: 'nest'; at: number; open: string; close: string; depth: number };

export function mutationArb(fragments: readonly string[]): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant('delete-line' as const), at }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('repeat-line' as const), at, times: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 2, max: 20 }) }, { weight: 1, arbitrary: fc.integer({ min: 100, max: 3000 }) }) }) },
    { weight: 5, arbitrary: fc.record({ op: fc.constant('insert' as const), at, text: fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 12 })) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('replace-char' as const), at, ch: fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('swap-lines' as const), a: at, b: at }) },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('nest' as const),
        at,
        open: fc.constantFrom('[', '{', '(', 'f(', '{a=', '"', '/*', '#ifndef X\n', '%{'),
        close: fc.constantFrom(']', '}', ')', '"', '*/', '#endif\n', '}%', ''),
        depth: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 80 }) }, { weight: 1, arbitrary: fc.integer({ min: 1000, max: 5000 }) }),
      }),
    },
  );
}

export function applyMutation(text: string, m: Mutation): string {
  const lines = (): string[] => text.split('\n');
  const pos = (n: number, len: number) => (len === 0 ? 0 : n % (len + 1));
  switch (m.op) {
    case 'delete-line': {
      const ls = lines();
      ls.splice(pos(m.at, ls.length - 1), 1);
      return ls.join('\n');
    }
    case 'repeat-line': {
      const ls = lines();
      const i = pos(m.at, ls.length - 1);
      ls.splice(i, 1, ...Array<string>(m.times).fill(ls[i] ?? ''));
      return ls.join('\n');
    }
    case 'insert': {
      const i = pos(m.at, text.length);
      return text.slice(0, i) + m.text + text.slice(i);
    }
    case 'replace-char': {
      const i = pos(m.at, text.length - 1);
      return text.slice(0, i) + m.ch + text.slice(i + 1);
    }
    case 'truncate':
      return text.slice(0, pos(m.at, text.length));
    case 'swap-lines': {
      const ls = lines();
      const a = pos(m.a, ls.length - 1);
      const b = pos(m.b, ls.length - 1);
      [ls[a], ls[b]] = [ls[b] ?? '', ls[a] ?? ''];
      return ls.join('\n');
    }
    case 'nest': {
      const i = pos(m.at, text.length);
      return text.slice(0, i) + m.open.repeat(m.depth) + m.close.repeat(m.depth) + text.slice(i);
    }
  }
}

/** A file from the corpus with up to `max` mutations applied in turn. */
export function mutatedText(corpus: readonly string[], fragments: readonly string[], max = 6): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...corpus), fc.array(mutationArb(fragments), { maxLength: max }))
    .map(([base, ms]) => ms.reduce(applyMutation, base));
}
