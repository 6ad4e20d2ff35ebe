/**
 * setsockopt() and getsockopt(): the options the stack models, plus buffer
 * sizes and TCP_NODELAY, which scripts set routinely and which are accepted
 * without effect. Any other option makes the script a SKIP rather than a
 * silent success.
 */
import type { Stack } from '../tcp/stack/stack.ts';
import type { KeepaliveOpt } from '../tcp/stack/stack.ts';
import type { AppResult } from '../tcp/stack/sockets.ts';
import type { SyscallEvent } from './ast.ts';
import { Unsupported, fail } from './failures.ts';
import { canonicalErrno, ident, num } from './syscall-args.ts';

/** Applies `e` to socket `id` at once (`now` in seconds); returns the call's result. */
export function setsockopt(st: Stack, id: number, e: SyscallEvent, now: number): AppResult {
  const a = e.args;
  const opt = ident(a[2]);
  const v = a[3];
  switch (opt) {
    case 'SO_REUSEADDR':
      return st.setReuseaddr(id, num(e, v, 'option value') !== 0);
    case 'SO_KEEPALIVE':
    case 'TCP_KEEPIDLE':
    case 'TCP_KEEPINTVL':
    case 'TCP_KEEPCNT':
      return st.setKeepalive(id, opt as KeepaliveOpt, num(e, v, 'option value'), now);
    case 'SO_LINGER': {
      if (v?.kind !== 'struct') fail(e.line, { code: 'linger-shape' });
      const field = (name: string, i: number) => {
        const f = v.fields.find((x) => x.name === name) ?? v.fields[i];
        return f?.value.kind === 'number' ? f.value.value : NaN;
      };
      const onoff = field('onoff', 0);
      const linger = field('linger', 1);
      // Only the abortive close (linger 0) is modelled; a lingering close() would have to block.
      if (onoff && linger !== 0) throw new Unsupported('linger', String(linger));
      return st.setLinger0(id, onoff !== 0, now);
    }
    case 'SO_SNDBUF':
      return st.setSndbuf(id, num(e, v, 'option value'));
    case 'SO_RCVBUF':
    case 'TCP_NODELAY':
      return { ok: true, value: 0 };
    default:
      throw new Unsupported('setsockopt', opt || '?');
  }
}

/**
 * Reads an option of socket `id`. The script writes the value it expects as
 * the out-parameter, so SO_ERROR is checked here, where the value is known.
 */
export function getsockopt(st: Stack, id: number, e: SyscallEvent): AppResult {
  const a = e.args;
  const opt = ident(a[2]);
  switch (opt) {
    case 'SO_ERROR': {
      const r = st.soError(id);
      const want = a[3]?.kind === 'array' ? a[3].items[0] : a[3];
      const wantErr = want?.kind === 'number' && want.value === 0 ? null : want?.kind === 'ident' ? canonicalErrno(want.name) : undefined;
      if (wantErr === undefined) fail(e.line, { code: 'so-error-shape' });
      if (r.pending !== wantErr) fail(e.line, { code: 'so-error', got: r.pending ?? '0', want: wantErr ?? '0' });
      return r;
    }
    case 'SO_SNDBUF': {
      const r = st.sndbuf(id);
      const want = a[3]?.kind === 'array' ? a[3].items[0] : a[3];
      if (r.ok && want?.kind === 'number' && r.value !== want.value) fail(e.line, { code: 'so-sndbuf', got: r.value ?? 0, want: want.value });
      return { ok: r.ok, ...(r.ok ? {} : { errno: r.errno }) } as AppResult;
    }
    case 'SO_RCVBUF':
      return { ok: true, value: 0 };
    default:
      throw new Unsupported('getsockopt', opt || '?');
  }
}
