/**
 * The process a script stands for: its system calls, its file descriptors
 * and the one call that may be blocked. (Parsing the call lines is
 * syscall.ts; this file runs them.)
 *
 * A call does its immediate part at once and leaves an `attempt` that yields
 * the result, or null while the call would block. The runner retries the
 * attempt after every packet and timer, as a kernel wakes a sleeping process,
 * and the result is checked, value and time, when it comes.
 */
import type { Errno } from '../tcp/errno.ts';
import type { AppResult } from '../tcp/stack/sockets.ts';
import type { Stack } from '../tcp/stack/stack.ts';
import type { Expr, SyscallEvent } from './ast.ts';
import { Unsupported, fail } from './failures.ts';
import { getsockopt, setsockopt } from './sockopts.ts';
import { canonicalErrno, ident, num } from './syscall-args.ts';
import { US, fmtT } from './virtual-time.ts';
import type { Tolerance } from './tolerance.ts';
import { tolerance } from './tolerance.ts';
import { LOCAL_PORT, REMOTE_PORT } from './wire.ts';

/** Every system call the runner models; anything else makes the script a SKIP. */
export const SYSCALLS = new Set(['socket', 'fcntl', 'setsockopt', 'getsockopt', 'bind', 'listen', 'accept', 'connect', 'read', 'write', 'send', 'recv', 'shutdown', 'close']);

const O_NONBLOCK = 0x800;
const O_RDWR = 0x2;

/** What the calls need from the runner that drives virtual time. */
export interface Host {
  /** The stack, created on first use so that sysctl commands before the first call still apply. */
  stack(): Stack;
  /** Virtual time, µs. */
  now(): number;
  /** Drains the stack's effects, so what a call caused is queued before its result is checked. */
  collect(): void;
  /** Adds a ladder line stamped with the current time. */
  log(text: string): void;
}

/** A call that has not returned yet. */
export interface Pending {
  ev: SyscallEvent;
  /** the scripted time of the call (µs) */
  start: number;
  /** the scripted end of its range (`start...end`), by when it must have returned */
  end: number | null;
  /** tries to complete; returns the result or null while still blocked */
  attempt: () => AppResult | null;
}

interface Call {
  attempt: () => AppResult | null;
  /** whether the call may sleep: a blocking socket and a call that can wait */
  mayBlock: boolean;
}

export class Syscalls {
  /** fd -> socket id */
  private readonly fds = new Map<number, number>();
  /** A process runs one call at a time: this one has not returned yet. */
  private pending: Pending | null = null;
  /** connect() outcomes the stack reported, picked up by a blocking connect() */
  private readonly connectResults = new Map<number, string>();
  /** the socket the last system call concerned (for tcpi_state) */
  lastSock: number | null = null;

  constructor(
    private readonly host: Host,
    /** timing tolerance (a blocking call's is taken of its start...end span) */
    private readonly tol: Tolerance,
  ) {}

  /** The call still blocked, if any. */
  get blocked(): Pending | null {
    return this.pending;
  }

  /** The stack finished a connect() on `sock` (`result` is '0' or an errno name). */
  connectDone(sock: number, result: string): void {
    this.connectResults.set(sock, result);
  }

  /** Makes the call of `e` at its scripted time `start` (µs); `end` closes a blocking call's range. */
  call(e: SyscallEvent, start: number, end: number | null): void {
    if (this.pending) fail(e.line, { code: 'call-while-blocked', call: e.name, blocked: this.pending.ev.name, line: this.pending.ev.line });
    this.host.log(`  ${e.name}() (line ${e.line})`);
    const { attempt, mayBlock } = this.begin(e);
    this.host.collect();
    this.pending = { ev: e, start, end, attempt };
    this.retry();
    if (this.pending && !mayBlock) fail(e.line, { code: 'would-block', call: e.name });
  }

  /** Lets the blocked call, if any, try again; called whenever the stack may have changed. */
  retry(): void {
    const p = this.pending;
    if (!p) return;
    const r = p.attempt();
    if (r === null) return;
    this.pending = null;
    this.host.collect();
    this.checkResult(p, r);
  }

  /** The immediate part of a call, and how to get its result. */
  private begin(e: SyscallEvent): Call {
    const st = () => this.host.stack();
    const now = () => this.host.now() / US;
    const a = e.args;
    const ebadf = (): AppResult => ({ ok: false, errno: 'EBADF' });
    /** a call that completed at once */
    const done = (r: AppResult): Call => ({ attempt: () => r, mayBlock: false });
    switch (e.name) {
      case 'socket': {
        if (a[1] && ident(a[1]) !== 'SOCK_STREAM') throw new Unsupported('socket-type', ident(a[1]) || '?');
        const id = st().socket();
        const fd = this.allocFd(id);
        this.lastSock = id;
        return done({ ok: true, value: fd });
      }
      case 'fcntl': {
        const id = this.sockOf(e, a[0]);
        const cmd = ident(a[1]);
        if (cmd === 'F_GETFL') {
          return { attempt: () => (id < 0 ? ebadf() : { ok: true, value: O_RDWR | (this.nonblocking(id) ? O_NONBLOCK : 0) }), mayBlock: false };
        }
        if (cmd === 'F_SETFL') {
          const names = a[2]?.kind === 'or' ? a[2].items.map((i) => ident(i)) : [ident(a[2])];
          return done(id < 0 ? ebadf() : st().setNonblocking(id, names.includes('O_NONBLOCK')));
        }
        throw new Unsupported('fcntl', cmd || '?');
      }
      case 'setsockopt': {
        const id = this.sockOf(e, a[0]);
        return done(id < 0 ? ebadf() : setsockopt(st(), id, e, now()));
      }
      case 'getsockopt': {
        const id = this.sockOf(e, a[0]);
        return done(id < 0 ? ebadf() : getsockopt(st(), id, e));
      }
      case 'bind': {
        const id = this.sockOf(e, a[0]);
        return done(id < 0 ? ebadf() : st().bind(id, LOCAL_PORT));
      }
      case 'listen': {
        const id = this.sockOf(e, a[0]);
        const backlog = num(e, a[1], 'backlog');
        // Like Linux, listen() and connect() bind an unbound socket themselves (here always to the script's port).
        if (id >= 0 && st().sock(id)?.localPort === null) st().bind(id, LOCAL_PORT);
        return done(id < 0 ? ebadf() : st().listen(id, backlog, now()));
      }
      case 'accept': {
        const id = this.sockOf(e, a[0]);
        const mayBlock = id >= 0 && !this.nonblocking(id);
        const attempt = (): AppResult | null => {
          if (id < 0) return ebadf();
          const r = st().accept(id);
          if (!r.ok && r.errno === 'EAGAIN' && mayBlock) return null;
          if (r.ok) {
            this.lastSock = r.value!;
            return { ok: true, value: this.allocFd(r.value!) };
          }
          return r;
        };
        return { attempt, mayBlock };
      }
      case 'connect': {
        const id = this.sockOf(e, a[0]);
        if (id < 0) return done(ebadf());
        if (st().sock(id)?.localPort === null) st().bind(id, LOCAL_PORT);
        const r = st().connect(id, REMOTE_PORT, now());
        this.host.collect();
        // A blocking connect() sleeps until the handshake ends; the stack reports how it ended as an effect.
        const mayBlock = !this.nonblocking(id) && r.errno === 'EINPROGRESS';
        const attempt = (): AppResult | null => {
          if (!mayBlock) return r;
          const res = this.connectResults.get(id);
          if (res === undefined) return null;
          this.connectResults.delete(id);
          if (res !== '0') st().soError(id); // the error is reported by connect() itself
          return res === '0' ? { ok: true, value: 0 } : { ok: false, errno: res as Errno };
        };
        return { attempt, mayBlock };
      }
      case 'read':
      case 'recv': {
        const id = this.sockOf(e, a[0]);
        const n = num(e, a[2], 'byte count');
        const mayBlock = id >= 0 && !this.nonblocking(id);
        const attempt = (): AppResult | null => {
          if (id < 0) return ebadf();
          const r = st().recv(id, n, now());
          if (!r.ok && r.errno === 'EAGAIN' && mayBlock) return null;
          return r;
        };
        return { attempt, mayBlock };
      }
      case 'write':
      case 'send': {
        const id = this.sockOf(e, a[0]);
        const n = num(e, a[2], 'byte count');
        const mayBlock = id >= 0 && !this.nonblocking(id);
        // A blocking write returns once all of it is in the send buffer, taking what fits as room appears.
        let done = 0;
        const attempt = (): AppResult | null => {
          if (id < 0) return ebadf();
          const r = st().send(id, n - done, now());
          if (r.ok) done += r.value ?? 0;
          if (!mayBlock) return r;
          if (r.ok && done >= n) return { ok: true, value: done };
          if (r.ok || r.errno === 'EAGAIN') return null;
          return done > 0 ? { ok: true, value: done } : r;
        };
        return { attempt, mayBlock };
      }
      case 'shutdown': {
        const id = this.sockOf(e, a[0]);
        const how = { SHUT_RD: 'rd', SHUT_WR: 'wr', SHUT_RDWR: 'rdwr' }[ident(a[1])] as 'rd' | 'wr' | 'rdwr' | undefined;
        if (!how) fail(e.line, { code: 'shutdown-mode', mode: ident(a[1]) || '?' });
        return done(id < 0 ? ebadf() : st().shutdown(id, how, now()));
      }
      case 'close': {
        const fd = num(e, a[0], 'file descriptor');
        const id = this.sockOf(e, a[0]);
        const r = id < 0 ? ebadf() : st().close(id, now());
        if (id >= 0) this.fds.delete(fd);
        return done(r);
      }
      default:
        throw new Unsupported('syscall', e.name);
    }
  }

  /** Checks a returned call's value against the script's `= value [ERRNO]`, and its return time. */
  private checkResult(p: Pending, r: AppResult): void {
    const e = p.ev;
    const want = e.result;
    const gotText = r.ok ? String(r.value ?? 0) : `-1 ${r.errno}`;
    const wantErr = want.errno ? canonicalErrno(want.errno) : undefined;
    const wantText = want.value === -1 && wantErr ? `-1 ${wantErr}` : String(want.value);
    const matches = r.ok ? want.value === (r.value ?? 0) && !wantErr : want.value === -1 && wantErr === r.errno;
    this.host.log(`  ${e.name}() = ${gotText}`);
    if (!matches) fail(e.line, { code: 'call-result', call: e.name, got: gotText, want: wantText });
    // A call written `start...end` must return at `end`; any other at its own time.
    const target = p.end ?? p.start;
    const now = this.host.now();
    const tol = tolerance(this.tol, p.end === null ? 0 : p.end - p.start);
    if (Math.abs(now - target) > tol) {
      fail(e.line, { code: 'call-timing', call: e.name, t: fmtT(now), want: fmtT(target), tol });
    }
  }

  // ---- file descriptors ----

  /** The socket behind a call's fd argument, or -1 (EBADF) when the fd is not open. */
  private sockOf(e: SyscallEvent, fdExpr: Expr | undefined): number {
    const fd = num(e, fdExpr, 'file descriptor');
    const id = this.fds.get(fd);
    if (id === undefined) return -1;
    this.lastSock = id;
    return id;
  }

  /** The lowest free fd above stdio, as a kernel hands them out: scripts rely on the numbers. */
  private allocFd(id: number): number {
    let fd = 3;
    while (this.fds.has(fd)) fd++;
    this.fds.set(fd, id);
    return fd;
  }

  private nonblocking(id: number): boolean {
    return this.host.stack().sock(id)?.opts.nonblocking ?? false;
  }
}
