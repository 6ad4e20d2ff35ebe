import { PacketdrillSyntaxError } from './errors.ts';
import type { Expected, Found, SyntaxProblem } from './syntax-problems.ts';

export interface Pos {
  offset: number;
  line: number;
  column: number;
}

const WORD_CHAR = /[A-Za-z0-9_]/;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * A character cursor over preprocessed text. The grammar is context
 * sensitive (`S.` is a flag set after `<` but would be a word and a dot
 * elsewhere; option lists and commands are kept raw), so the parsers read
 * characters directly instead of consuming a token stream.
 */
export class Cursor {
  offset = 0;
  line = 1;
  column = 1;

  constructor(
    readonly text: string,
    readonly file: string,
  ) {}

  get pos(): Pos {
    return { offset: this.offset, line: this.line, column: this.column };
  }

  /** The character `n` ahead, or '' past the end. */
  peek(n = 0): string {
    return this.text[this.offset + n] ?? '';
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.offset);
  }

  eof(): boolean {
    return this.offset >= this.text.length;
  }

  atLineEnd(): boolean {
    return this.eof() || this.peek() === '\n';
  }

  advance(n = 1): void {
    for (let i = 0; i < n && !this.eof(); i++) {
      if (this.text[this.offset] === '\n') {
        this.line++;
        this.column = 1;
      } else {
        this.column++;
      }
      this.offset++;
    }
  }

  /** Backtracks to a position taken earlier from this cursor. */
  reset(p: Pos): void {
    this.offset = p.offset;
    this.line = p.line;
    this.column = p.column;
  }

  /** Skips spaces (tabs were turned into spaces by the preprocessor). */
  skipBlanks(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.advance();
  }

  /** Skips blanks and newlines; for constructs that may span lines. */
  skipWhitespace(): void {
    while (/[ \t\n]/.test(this.peek()) && !this.eof()) this.advance();
  }

  /** Consumes `s` if the text continues with it. */
  eat(s: string): boolean {
    if (!this.startsWith(s)) return false;
    this.advance(s.length);
    return true;
  }

  /** Consumes an identifier (`SOCK_STREAM`, `mss`), or returns undefined. */
  ident(): string | undefined {
    const m = this.match(IDENT);
    if (!m) return undefined;
    this.advance(m[0].length);
    return m[0];
  }

  /** Matches a sticky (`/.../y`) regex at the cursor without consuming. */
  match(sticky: RegExp): RegExpExecArray | null {
    sticky.lastIndex = this.offset;
    return sticky.exec(this.text);
  }

  isIdentStart(): boolean {
    return /[A-Za-z_]/.test(this.peek());
  }

  /** A short description of what is here, for "unexpected ..." messages. */
  describe(): Found {
    if (this.atLineEnd()) return { kind: 'eol' };
    if (this.peek() === ' ') return { kind: 'blank' };
    if (this.startsWith('...')) return { kind: 'token', text: '...' };
    let end = this.offset;
    while (end < this.text.length && WORD_CHAR.test(this.text[end] ?? '')) end++;
    if (end === this.offset) end++;
    return { kind: 'token', text: this.text.slice(this.offset, end) };
  }

  fail(problem: SyntaxProblem, at: Pos = this.pos): never {
    throw new PacketdrillSyntaxError(this.file, at.line, at.column, problem);
  }

  /** Fails with "unexpected X; expected <what>" at the current position. */
  unexpected(expected: Expected): never {
    return this.fail({ code: 'unexpected', found: this.describe(), expected });
  }

  expect(s: string, expected: Expected = { kind: 'tokens', tokens: [s] }): void {
    if (!this.eat(s)) this.unexpected(expected);
  }
}
