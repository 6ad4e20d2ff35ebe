import { PacketdrillSyntaxError } from './errors.ts';
import type { SyntaxProblem } from './syntax-problems.ts';

/**
 * Removes comments and resolves `#ifdef`/`#ifndef`/`#else`/`#endif`.
 *
 * The result has exactly the same lines and columns as the input: comments,
 * directives and inactive lines become spaces or empty lines, so the parser's
 * positions are the file's positions without any mapping table.
 *
 * Comment markers inside `` `commands` ``, `%{ python }%` and "strings" are
 * text, not comments, and a `#` line inside them is not a directive; hence
 * one scanner that tracks those literals across lines.
 */
export function preprocess(text: string, file: string, defines: ReadonlySet<string>): string {
  const lines = text.split(/\r\n|\n|\r/);
  const out: string[] = [];
  const conds = new Conditionals();
  let mode: Mode = 'code';
  let commentStart = { line: 0, column: 0 };

  const fail = (line: number, column: number, problem: SyntaxProblem): never => {
    throw new PacketdrillSyntaxError(file, line, column, problem);
  };
  const active = (): boolean => conds.active();

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i] ?? '';

    const directive = mode === 'code' ? DIRECTIVE.exec(line) : null;
    if (directive) {
      handleDirective(directive, lineNo, conds, defines, active, fail);
      out.push('');
      continue;
    }
    if (!active()) {
      out.push('');
      continue;
    }

    let masked = '';
    let inString = false;
    for (let j = 0; j < line.length; j++) {
      const ch = line[j] ?? '';
      const next = line[j + 1] ?? '';
      if (mode === 'block') {
        if (ch === '*' && next === '/') {
          masked += '  ';
          j++;
          mode = 'code';
        } else {
          masked += ' ';
        }
      } else if (mode === 'backtick') {
        masked += ch;
        if (ch === '\\' && next !== '') {
          masked += next;
          j++;
        } else if (ch === '`') {
          mode = 'code';
        }
      } else if (mode === 'python') {
        masked += ch;
        if (ch === '}' && next === '%') {
          masked += next;
          j++;
          mode = 'code';
        }
      } else if (inString) {
        masked += ch;
        if (ch === '\\' && next !== '') {
          masked += next;
          j++;
        } else if (ch === '"') {
          inString = false;
        }
      } else if (ch === '/' && next === '/') {
        break; // the rest of the line is a comment
      } else if (ch === '/' && next === '*') {
        commentStart = { line: lineNo, column: j + 1 };
        masked += '  ';
        j++;
        mode = 'block';
      } else {
        masked += ch === '\t' ? ' ' : ch;
        if (ch === '`') mode = 'backtick';
        else if (ch === '"') inString = true;
        else if (ch === '%' && next === '{') {
          masked += next;
          j++;
          mode = 'python';
        }
      }
    }
    out.push(masked);
  }

  // Unterminated commands and python blocks are the parser's to report: it
  // knows where they started and what they belong to.
  if (mode === 'block') fail(commentStart.line, commentStart.column, { code: 'unterminated-comment' });
  const open = conds.top();
  if (open) fail(open.line, open.column, { code: 'unterminated-directive', directive: open.directive, symbol: open.symbol });
  return out.join('\n');
}

type Mode = 'code' | 'block' | 'backtick' | 'python';

/**
 * The open `#ifdef`/`#ifndef` blocks. A count of the branches not taken makes
 * "is this line kept?" O(1) however deep the nesting (a scan of the stack per
 * line was quadratic in unclosed blocks).
 */
class Conditionals {
  private stack: Conditional[] = [];
  private notTaking = 0;

  active(): boolean {
    return this.notTaking === 0;
  }
  top(): Conditional | undefined {
    return this.stack[this.stack.length - 1];
  }
  push(c: Conditional): void {
    this.stack.push(c);
    if (!c.taking) this.notTaking++;
  }
  pop(): void {
    const c = this.stack.pop();
    if (c && !c.taking) this.notTaking--;
  }
  /** `#else`: the other branch of the innermost block. */
  flip(): void {
    const c = this.top();
    if (!c) return;
    this.notTaking += c.taking ? 1 : -1;
    c.taking = !c.taking;
  }
}

interface Conditional {
  directive: 'ifdef' | 'ifndef';
  symbol: string;
  line: number;
  column: number;
  /** Whether lines in the current branch are kept (ignoring enclosing branches). */
  taking: boolean;
  seenElse: boolean;
}

/** Groups: 1 leading blanks, 2 name, 3 rest of line. */
const DIRECTIVE = /^([ \t]*)#[ \t]*(\w*)(.*)$/;
const SYMBOL = /^[A-Za-z_]\w*$/;

function handleDirective(
  match: RegExpExecArray,
  lineNo: number,
  conds: Conditionals,
  defines: ReadonlySet<string>,
  active: () => boolean,
  fail: (line: number, column: number, problem: SyntaxProblem) => never,
): void {
  const lead = match[1] ?? '';
  const name = match[2] ?? '';
  const rawRest = match[3] ?? '';
  const hashColumn = lead.length + 1;
  const restColumn = match[0].length - rawRest.length + 1;
  const commentAt = rawRest.indexOf('/*');
  if (commentAt >= 0 && rawRest.indexOf('*/', commentAt + 2) < 0) {
    // Letting it run on would hide following directives from this line-based pass.
    fail(lineNo, restColumn + commentAt, { code: 'comment-after-directive' });
  }
  const rest = stripTrailingComment(rawRest);
  const words = rest.trim() === '' ? [] : rest.trim().split(/[ \t]+/);
  const restStart = restColumn + (rest.length - rest.trimStart().length);

  switch (name) {
    case 'ifdef':
    case 'ifndef': {
      const symbol = words[0];
      if (symbol === undefined) fail(lineNo, restColumn, { code: 'directive-symbol', directive: name });
      if (!SYMBOL.test(symbol)) fail(lineNo, restStart, { code: 'directive-bad-symbol', directive: name, symbol });
      if (words.length > 1) {
        fail(lineNo, restStart + rest.trim().indexOf(words[1] ?? ''), { code: 'directive-extra', directive: name, symbol });
      }
      const defined = defines.has(symbol);
      conds.push({
        directive: name,
        symbol,
        line: lineNo,
        column: hashColumn,
        taking: name === 'ifdef' ? defined : !defined,
        seenElse: false,
      });
      return;
    }
    case 'else':
    case 'endif': {
      const top = conds.top();
      if (!top) fail(lineNo, hashColumn, { code: 'directive-without-ifdef', directive: name });
      if (words.length > 0) fail(lineNo, restStart, { code: 'directive-extra', directive: name });
      if (name === 'endif') {
        conds.pop();
      } else {
        if (top.seenElse) fail(lineNo, hashColumn, { code: 'second-else', directive: top.directive, symbol: top.symbol });
        top.seenElse = true;
        conds.flip();
      }
      return;
    }
    default:
      // Like C, directives in skipped branches are not interpreted.
      if (active()) fail(lineNo, hashColumn, { code: 'unknown-directive', directive: name });
  }
}

function stripTrailingComment(rest: string): string {
  const at = rest.search(/\/\/|\/\*/);
  return at < 0 ? rest : rest.slice(0, at);
}
