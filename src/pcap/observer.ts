/**
 * One side of a captured connection, played by the engine: a Stack of its own
 * with a virtual timer queue and a small application (accept, read what
 * arrives). The replay tells it which segments arrived and asks it to explain
 * the segments its side sent; the engine alone decides states.
 */
import type { PeerName, TraceEvent } from '../sim/types.ts';
import type { Knobs } from '../tcp/knobs.ts';
import type { Segment } from '../tcp/segment.ts';
import type { StackEffect, TimerName } from '../tcp/stack/effects.ts';
import { resultText } from '../tcp/stack/sockets.ts';
import { Stack } from '../tcp/stack/stack.ts';
import type { StackSnapshot } from '../tcp/stack/stack.ts';
import type { TcpState } from '../tcp/states.ts';

export type Emit = (e: TraceEvent) => void;

interface Timer {
  sock: number;
  timer: TimerName;
  due: number;
}

export interface ObserverSnapshot {
  stack: StackSnapshot;
  timers: Timer[];
  pending: Segment[];
  sock: number | null;
  listener: number | null;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export class Observer {
  readonly stack: Stack;
  timers: Timer[] = [];
  /** segments the model sent that the capture has not shown yet */
  pending: Segment[] = [];
  /** the connection's socket (the client's, or the server's accepted child) */
  sock: number | null = null;
  listener: number | null = null;

  constructor(
    readonly peer: PeerName,
    readonly port: number,
    readonly remotePort: number,
    knobs: Knobs,
    isn: () => number,
  ) {
    this.stack = new Stack({ knobs, rand32: isn });
  }

  state(): TcpState {
    if (this.sock !== null) return this.stack.state(this.sock);
    if (this.listener !== null) return this.stack.state(this.listener);
    return 'CLOSED';
  }

  /** The socket whose connection the segment would reach: the connection, else the listener. */
  target(): { state: TcpState; sock: number } | null {
    const conn = this.stack.allSocks().find((s) => s.kind === 'conn' && s.conn && s.localPort === this.port && s.remotePort === this.remotePort && this.stack.state(s.id) !== 'CLOSED');
    if (conn) return { state: this.stack.state(conn.id), sock: conn.id };
    if (this.listener !== null && this.stack.state(this.listener) === 'LISTEN') return { state: 'LISTEN', sock: this.listener };
    return null;
  }

  save(): ObserverSnapshot {
    return { stack: this.stack.save(), timers: this.timers.map((t) => ({ ...t })), pending: [...this.pending], sock: this.sock, listener: this.listener };
  }
  load(s: ObserverSnapshot): void {
    this.stack.load(s.stack);
    this.timers = s.timers.map((t) => ({ ...t }));
    this.pending = [...s.pending];
    this.sock = s.sock;
    this.listener = s.listener;
  }

  nextTimer(): Timer | null {
    let best: Timer | null = null;
    for (const t of this.timers) if (!best || t.due < best.due) best = t;
    return best;
  }

  // ---- inputs -------------------------------------------------------------------

  listen(now: number, emit: Emit): void {
    const s = this.stack.socket();
    this.stack.setReuseaddr(s, true);
    this.stack.bind(s, this.port);
    const r = this.stack.listen(s, 128, now);
    this.listener = s;
    emit({ t: round6(now), type: 'app', peer: this.peer, sock: s, call: 'listen', result: resultText(r) });
    this.drain(now, emit);
  }

  /** An application call the capture implies (connect, send, close, abort). */
  call(what: 'connect' | 'send' | 'close' | 'abort' | 'shutdown', now: number, emit: Emit, bytes = 0): void {
    const st = this.stack;
    let r;
    if (what === 'connect') {
      const s = st.socket();
      st.bind(s, this.port);
      this.sock = s;
      r = st.connect(s, this.remotePort, now);
    } else {
      if (this.sock === null) return;
      r = what === 'send' ? st.send(this.sock, bytes, now) : what === 'close' ? st.close(this.sock, now) : what === 'shutdown' ? st.shutdown(this.sock, 'wr', now) : st.abort(this.sock, now);
    }
    emit({ t: round6(now), type: 'app', peer: this.peer, sock: this.sock ?? undefined, call: what, result: resultText(r) } as TraceEvent);
    this.drain(now, emit);
  }

  /** A keepalive probe on the wire: the application had turned SO_KEEPALIVE on, and the timer fires now. */
  keepaliveProbe(now: number, emit: Emit): void {
    const tcb = this.sock === null ? undefined : this.stack.tcb(this.sock);
    if (this.sock === null || !tcb) return;
    // The idle time the capture shows becomes TCP_KEEPIDLE, counted from the last segment received.
    const since = tcb.lastRcvAt;
    const idle = Math.floor((now - since) * 1e6) / 1e6;
    if (idle < 1) return;
    this.stack.setKeepalive(this.sock, 'TCP_KEEPIDLE', idle, since);
    const r = this.stack.setKeepalive(this.sock, 'SO_KEEPALIVE', 1, since);
    emit({ t: round6(now), type: 'app', peer: this.peer, sock: this.sock, call: 'keepalive', result: resultText(r), args: { idle } });
    this.drain(now, emit);
    const t = this.timers.find((x) => x.sock === this.sock && x.timer === 'KEEPALIVE');
    if (t) this.fire({ ...t, due: now }, emit);
  }

  deliver(seg: Segment, now: number, emit: Emit): void {
    this.stack.deliver(seg, now);
    this.drain(now, emit);
  }

  fire(t: Timer, emit: Emit): void {
    this.timers = this.timers.filter((x) => !(x.sock === t.sock && x.timer === t.timer));
    emit({ t: round6(t.due), type: 'timer', peer: this.peer, sock: t.sock, timer: t.timer, action: 'fire' });
    this.stack.fire(t.sock, t.timer, t.due);
    this.drain(t.due, emit);
  }

  /** Turns the stack's effects into trace events and pending segments; then the application reacts. */
  private drain(now: number, emit: Emit): void {
    for (let round = 0; round < 4; round++) {
      const effects = this.stack.drain();
      if (!effects.length) return;
      for (const e of effects) this.effect(e, now, emit);
      this.react(now, emit);
    }
  }

  private effect(e: StackEffect, now: number, emit: Emit): void {
    switch (e.kind) {
      case 'send':
        this.pending.push(e.seg);
        return;
      case 'state':
        if (e.from === 'LISTEN' && e.to === 'SYN_RCVD' && e.sock !== this.listener) this.sock = e.sock;
        emit({ t: round6(now), type: 'state', peer: this.peer, sock: e.sock, from: e.from, to: e.to, cause: e.cause });
        return;
      case 'timer':
        this.timers = this.timers.filter((t) => !(t.sock === e.sock && t.timer === e.timer));
        if (e.action === 'set') this.timers.push({ sock: e.sock, timer: e.timer, due: now + (e.delay ?? 0) });
        if (e.action === 'set' || e.action === 'cancel') emit({ t: round6(now), type: 'timer', peer: this.peer, sock: e.sock, timer: e.timer, action: e.action, ...(e.action === 'set' ? { due: round6(now + (e.delay ?? 0)) } : {}) });
        return;
      case 'app':
        emit({ t: round6(now), type: 'app', peer: this.peer, sock: e.sock, call: e.call, result: e.result });
        return;
    }
  }

  /** The application: accept the connection, read whatever arrives. */
  private react(now: number, emit: Emit): void {
    if (this.listener !== null) {
      const r = this.stack.accept(this.listener);
      if (r.ok && r.value !== undefined) {
        this.sock = r.value;
        emit({ t: round6(now), type: 'app', peer: this.peer, sock: this.listener, call: 'accept', result: String(r.value) });
      }
    }
    if (this.sock === null) return;
    const tcb = this.stack.tcb(this.sock);
    const s = this.stack.sock(this.sock);
    if (tcb && s?.fdOpen && tcb.unread > 0) {
      const r = this.stack.recv(this.sock, tcb.unread, now);
      emit({ t: round6(now), type: 'app', peer: this.peer, sock: this.sock, call: 'read', result: resultText(r) });
    }
  }
}
