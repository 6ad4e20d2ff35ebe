import type { Errno } from '../errno.ts';
import type { KeepaliveOpts } from '../tcb.ts';
import type { Conn } from './conn.ts';

/** Per-socket options an application sets (setsockopt / fcntl). */
export interface SockOpts {
  nonblocking: boolean;
  keepalive: KeepaliveOpts;
  linger0: boolean;
  reuseaddr: boolean;
  /** SO_SNDBUF as the kernel keeps it (doubled), or 0 for the host's tcp_wmem */
  sndbuf: number;
}

/**
 * A file-descriptor-level socket. `conn` is its TCP connection (a listener has
 * one too, sitting in LISTEN). A connection socket outlives its TCB: after a
 * reset the state is CLOSED but the descriptor stays open until close().
 */
export interface Sock {
  id: number;
  kind: 'fresh' | 'listener' | 'conn';
  opts: SockOpts;
  localPort: number | null;
  remotePort: number | null;
  conn: Conn | null;
  /** the application holds a descriptor for it (false for a child not yet accepted, or after close()) */
  fdOpen: boolean;
  /** connect() was called and has not completed */
  connecting: boolean;
  /** listener: backlog and children; child: its listener */
  backlog: number;
  acceptQueue: number[];
  children: number[];
  parent: number | null;
  /** pending error reported by SO_ERROR / the next call */
  err: Errno | null;
  /** the connection was torn down by a reset or timeout (later writes get EPIPE) */
  dead: boolean;
}

export interface AppResult {
  ok: boolean;
  value?: number;
  errno?: Errno;
}
/**
 * Results are read, never changed, so the common ones are shared frozen objects: a busy host
 * answers accept() with EAGAIN and connect() with EINPROGRESS for every connection.
 */
const OK0: AppResult = Object.freeze({ ok: true, value: 0 });
const FAILS = new Map<Errno, AppResult>();
export const ok = (value = 0): AppResult => (value === 0 ? OK0 : { ok: true, value });
export const fail = (errno: Errno): AppResult => {
  let r = FAILS.get(errno);
  if (r === undefined) FAILS.set(errno, (r = Object.freeze({ ok: false, errno })));
  return r;
};
/** How the trace prints a result: the number, or the errno name. */
export const resultText = (r: AppResult): string => (r.ok ? String(r.value ?? 0) : (r.errno ?? 'EINVAL'));
