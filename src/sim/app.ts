/**
 * The application on one host, as the simulator plays it: it calls the socket
 * API when a scenario step or a button says so, accepts connections as they
 * arrive, and (unless told otherwise) reads whatever data and EOF arrive.
 */
import { InputError } from '../tcp/knobs.ts';
import type { AppResult } from '../tcp/stack/sockets.ts';
import type { Stack } from '../tcp/stack/stack.ts';
import type { TcpState } from '../tcp/states.ts';
import { HOSTS } from './config.ts';
import type { AppAction, PeerName } from './types.ts';
import { flag, TF } from '../tcp/tcb.ts';

export interface AppSnapshot {
  cur: number | null;
  listener: number | null;
  primary: number | null;
  neverClose: boolean;
  autoRead: boolean;
  eofSeen: boolean;
  errSeen: boolean;
  crashed: boolean;
}

const ALL_CALLS: AppAction['do'][] = ['listen', 'connect', 'send', 'read', 'shutdown', 'close', 'abort', 'keepalive'];

export class PeerApp {
  /** the socket the application acts on: the client's socket, or the server's accepted connection */
  cur: number | null = null;
  listener: number | null = null;
  /** the connection whose path the textbook draws for this peer */
  primary: number | null = null;
  neverClose = false;
  autoRead = true;
  private eofSeen = false;
  private errSeen = false;
  crashed = false;

  constructor(
    readonly peer: PeerName,
    private readonly stack: Stack,
  ) {}

  /** Nothing to react to: no socket of this application's own (or its host crashed). */
  get idle(): boolean {
    return this.crashed || (this.listener === null && this.cur === null);
  }

  /** The state of this peer's connection (a listener's child once one exists). */
  state(): TcpState {
    if (this.crashed) return 'CLOSED';
    if (this.primary !== null) return this.stack.state(this.primary);
    if (this.listener !== null) return this.stack.state(this.listener);
    return 'CLOSED';
  }

  /**
   * The state the picture shows for this peer: its connection's while that connection exists;
   * once it has ended (CLOSED) and its descriptor is closed, only the listener is left (a server
   * whose connection is gone is listening, and answers the next SYN from LISTEN). Matches the
   * summary's path (summary.ts).
   */
  drawnState(): TcpState {
    const st = this.state();
    if (this.crashed || st !== 'CLOSED' || this.listener === null || this.primary === null) return st;
    if (this.stack.sock(this.primary)?.fdOpen) return st;
    const ls = this.stack.state(this.listener);
    return ls === 'LISTEN' ? ls : st;
  }

  /** Which calls make sense now; the UI enables its buttons from this. */
  canCall(): Record<AppAction['do'], boolean> {
    const out: Record<AppAction['do'], boolean> = { listen: false, connect: false, send: false, read: false, shutdown: false, close: false, abort: false, keepalive: false };
    if (this.crashed || this.stack.down) return out;
    const curSock = this.cur !== null ? this.stack.sock(this.cur) : undefined;
    const curOpen = !!curSock && curSock.fdOpen;
    const st = this.cur !== null ? this.stack.state(this.cur) : 'CLOSED';
    const idle = !curOpen || st === 'CLOSED';
    out.listen = this.listener === null && !curOpen;
    out.connect = this.listener === null && !curOpen;
    out.send = curOpen;
    out.read = curOpen;
    out.shutdown = curOpen && !idle && st !== 'SYN_SENT';
    out.close = !this.neverClose && (curOpen || this.listener !== null);
    out.abort = curOpen;
    out.keepalive = curOpen || this.listener !== null;
    return out;
  }

  /** SO_KEEPALIVE of the socket the application acts on (or its listener). */
  keepaliveOn(): boolean {
    const id = this.cur ?? this.listener;
    return id !== null && !!this.stack.sock(id)?.opts.keepalive.on;
  }

  setBehaviour(what: 'never-close' | 'auto-read', on: boolean): void {
    if (what === 'never-close') this.neverClose = on;
    else this.autoRead = on;
  }

  /** One socket call; invalid calls in the current state are an InputError and change nothing. */
  call(a: AppAction, now: number): AppResult & { sock: number | null } {
    const allowed = this.canCall();
    if (!allowed[a.do]) {
      const valid = ALL_CALLS.filter((c) => allowed[c]);
      const why = a.do === 'close' && this.neverClose ? ' (the application is set to never call close())' : '';
      throw new InputError(`${this.peer}.${a.do}`, `not valid for the ${this.peer} in ${this.state()}${why}; valid now: ${valid.join(', ') || 'none'}`);
    }
    const st = this.stack;
    const me = HOSTS[this.peer].port;
    const them = HOSTS[this.peer === 'client' ? 'server' : 'client'].port;
    switch (a.do) {
      case 'listen': {
        const s = st.socket();
        st.setReuseaddr(s, true);
        const b = st.bind(s, me);
        if (!b.ok) {
          st.close(s, now);
          return { ...b, sock: null };
        }
        const r = st.listen(s, a.backlog ?? 128, now);
        this.listener = s;
        return { ...r, sock: s };
      }
      case 'connect': {
        if (this.cur !== null) this.release(now);
        const s = st.socket();
        const b = st.bind(s, me);
        if (!b.ok) {
          st.close(s, now);
          return { ...b, sock: null };
        }
        this.cur = s;
        this.primary = s;
        this.eofSeen = false;
        this.errSeen = false;
        return { ...st.connect(s, them, now), sock: s };
      }
      case 'send':
        return { ...st.send(this.cur!, checkBytes(a.bytes, 'send.bytes'), now), sock: this.cur };
      case 'read': {
        const tcb = st.tcb(this.cur!);
        const n = a.bytes ?? Math.max(1, tcb?.unread ?? 1);
        return this.noteRead(st.recv(this.cur!, checkBytes(n, 'read.bytes'), now));
      }
      case 'shutdown':
        if (!['wr', 'rd', 'rdwr'].includes(a.how)) throw new InputError('shutdown.how', `expected wr, rd or rdwr, got ${JSON.stringify(a.how)}`);
        return { ...st.shutdown(this.cur!, a.how, now), sock: this.cur };
      case 'close': {
        const s = this.cur ?? this.listener!;
        const r = st.close(s, now);
        if (s === this.cur) this.cur = null;
        else this.listener = null;
        return { ...r, sock: s };
      }
      case 'abort': {
        const s = this.cur!;
        this.cur = null;
        return { ...st.abort(s, now), sock: s };
      }
      case 'keepalive': {
        const s = this.cur ?? this.listener!;
        for (const [opt, v] of [
          ['TCP_KEEPIDLE', a.idle],
          ['TCP_KEEPINTVL', a.intvl],
          ['TCP_KEEPCNT', a.cnt],
        ] as const) {
          if (v === undefined) continue;
          if (!(typeof v === 'number' && v >= 1)) throw new InputError(`keepalive.${opt === 'TCP_KEEPIDLE' ? 'idle' : opt === 'TCP_KEEPINTVL' ? 'intvl' : 'cnt'}`, `expected a number >= 1, got ${JSON.stringify(v)}`);
          st.setKeepalive(s, opt, v, now);
        }
        return { ...st.setKeepalive(s, 'SO_KEEPALIVE', a.on ? 1 : 0, now), sock: s };
      }
    }
  }

  private noteRead(r: AppResult): AppResult & { sock: number | null } {
    if (r.ok && r.value === 0) this.eofSeen = true;
    if (!r.ok && r.errno !== 'EAGAIN') this.errSeen = true;
    return { ...r, sock: this.cur };
  }

  /** A connect() on a fresh socket drops the old descriptor of a finished connection first. */
  private release(now: number): void {
    const s = this.cur!;
    if (this.stack.sock(s)?.fdOpen) this.stack.close(s, now);
    this.cur = null;
  }

  /** The stack reported a state change: follow the server's new child, accept it when established. */
  onState(sock: number, from: TcpState, to: TcpState): void {
    if (from === 'LISTEN' && to === 'SYN_RCVD' && sock !== this.listener) this.primary = sock;
    // A half-open child reset back to LISTEN is gone: the peer's path is the listener's again.
    if (to === 'LISTEN' && sock === this.primary && sock !== this.listener) this.primary = null;
  }

  /** What the application does on its own after an event: accept, read data, read EOF, notice errors. */
  react(now: number): { sock: number; call: string; result: string }[] {
    const out: { sock: number; call: string; result: string }[] = [];
    if (this.crashed) return out;
    if (this.listener !== null && this.cur === null) {
      const r = this.stack.accept(this.listener);
      if (r.ok && r.value !== undefined) {
        this.cur = r.value;
        this.primary = r.value;
        this.eofSeen = false;
        this.errSeen = false;
        out.push({ sock: this.listener, call: 'accept', result: String(r.value) });
      }
    }
    if (!this.autoRead || this.cur === null) return out;
    const s = this.stack.sock(this.cur);
    const tcb = this.stack.tcb(this.cur);
    if (!s || !s.fdOpen || !tcb) return out;
    // Read the TCB's fields before recv(): the stack changes the TCB in place.
    // EOF is read on a reaction that finds no data waiting (the next one after a read).
    const unread = tcb.unread;
    const peerFin = flag(tcb, TF.peerFin);
    if (unread > 0) {
      const r = this.stack.recv(this.cur, unread, now);
      out.push({ sock: this.cur, call: 'read', result: r.ok ? String(r.value) : (r.errno ?? '') });
    }
    if (s.err && !this.errSeen) {
      this.errSeen = true;
      const r = this.stack.recv(this.cur, 1, now);
      out.push({ sock: this.cur, call: 'read', result: r.ok ? String(r.value) : (r.errno ?? '') });
    } else if ((peerFin || s.dead) && !this.eofSeen && unread === 0) {
      this.eofSeen = true;
      const r = this.stack.recv(this.cur, 1, now);
      out.push({ sock: this.cur, call: 'read', result: r.ok ? String(r.value) : (r.errno ?? '') });
    }
    return out;
  }

  hostEvent(what: 'crash' | 'reboot'): void {
    if (what === 'crash') {
      this.crashed = true;
      this.cur = null;
      this.listener = null;
    } else {
      this.crashed = false;
      this.primary = null;
    }
  }

  save(): AppSnapshot {
    return { cur: this.cur, listener: this.listener, primary: this.primary, neverClose: this.neverClose, autoRead: this.autoRead, eofSeen: this.eofSeen, errSeen: this.errSeen, crashed: this.crashed };
  }

  load(s: AppSnapshot): void {
    Object.assign(this, s);
  }
}

function checkBytes(n: unknown, where: string): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 1e9) throw new InputError(where, `expected a whole number of bytes from 1 to 1000000000, got ${JSON.stringify(n)}`);
  return n;
}
