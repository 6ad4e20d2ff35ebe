/** Reading a system call line's arguments and errno names, shared by the calls and the socket options. */
import type { Expr, SyscallEvent } from './ast.ts';
import { fail } from './failures.ts';
import type { Reason } from './reasons.ts';

type NumberArg = Extract<Reason, { code: 'expected-number' }>['what'];

/** A numeric argument; `[n]` counts too, as scripts write out-parameters like `[0]`. */
export function num(e: SyscallEvent, x: Expr | undefined, what: NumberArg): number {
  if (x?.kind === 'number') return x.value;
  if (x?.kind === 'array' && x.items.length === 1) return num(e, x.items[0], what);
  fail(e.line, { code: 'expected-number', call: e.name, what });
}

/** A symbolic argument (`SOCK_STREAM`, `SO_ERROR`), or '' when it is something else. */
export function ident(x: Expr | undefined): string {
  return x?.kind === 'ident' ? x.name : '';
}

/** Linux defines EWOULDBLOCK as EAGAIN; the stack reports only the latter. */
const ERRNO_ALIASES: Record<string, string> = { EWOULDBLOCK: 'EAGAIN' };

/** The errno name the stack would use for one a script wrote. */
export function canonicalErrno(name: string): string {
  return ERRNO_ALIASES[name] ?? name;
}
