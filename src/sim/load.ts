/**
 * A load of many connections for the World (`WorldConfig.load`): the client host
 * opens `rate` connections per virtual second to the server's port 80, each from
 * its own client (told apart by a port number from LOAD_PORT_BASE up, as the
 * fleet numbers its clients), sends a request, reads the response, and one side
 * or the other closes according to the connection's draw from the mix.
 *
 * The applications react to what the stacks report (world.ts calls `touch()` for
 * the socket a segment reached, a state change or a completed connect() named,
 * then `react()`), never by polling every connection. Per-connection state is
 * kept as struct-of-arrays (typed arrays indexed by connection number), a few
 * dozen bytes per connection.
 */
import { InputError } from '../tcp/knobs.ts';
import type { Stack } from '../tcp/stack/stack.ts';
import type { AppResult } from '../tcp/stack/sockets.ts';
import { resultText } from '../tcp/stack/sockets.ts';
import type { Rng } from './rng.ts';
import type { PeerName } from './types.ts';
import { flag, TF } from '../tcp/tcb.ts';

/** What a client does once connected. */
export const LOAD_CLIENTS = [
  /** closes as soon as the whole response is read (the client ends in TIME_WAIT) */
  'closes-first',
  /** reads the response, then waits for the server's FIN before closing */
  'waits',
  /** aborts (RST) once the response is read */
  'aborts',
  /** connects and then does nothing: an idle ESTABLISHED connection, forever */
  'holds',
] as const;
/** What the server application does with an accepted connection. */
export const LOAD_SERVERS = [
  /** answers and closes first (the server ends in TIME_WAIT) */
  'close-first',
  /** answers, waits for the client's FIN, then closes */
  'wait-close',
  /** answers and never calls close(): CLOSE_WAIT once the client closes */
  'leak',
] as const;
export type LoadClient = (typeof LOAD_CLIENTS)[number];
export type LoadServer = (typeof LOAD_SERVERS)[number];

/**
 * The load (a World option). Connections open evenly spaced, the first at t = 0;
 * each draws its client and server behaviour from the weights (two draws of the
 * world's seeded RNG per connection).
 */
export interface LoadConfig {
  /** new connections per virtual second (> 0) */
  rate: number;
  /** stop opening new connections at this virtual time, seconds (default: never) */
  until?: number;
  /** bytes of each request (default 100) and response (default 1000) */
  request?: number;
  response?: number;
  /** weights of the client behaviours (default: all `closes-first`) */
  clients?: Partial<Record<LoadClient, number>>;
  /** weights of the server behaviours (default: all `wait-close`) */
  servers?: Partial<Record<LoadServer, number>>;
}

/** Client ports of the load start here, clear of every real range and of the scenario's 40000. */
export const LOAD_PORT_BASE = 100_000;
const SERVER_PORT = 80;

// flags per connection
const C_SENT = 1;
const C_EOF = 2;
const C_DONE = 4; // the client called close() or abort()
const S_OPEN = 8; // the server accepted it
const S_ANSWERED = 16;
const S_EOF = 32;
const S_DONE = 64;
const C_FAILED = 128;

/** Resolves and checks a load config; errors name the field. */
export function checkLoad(l: LoadConfig, where = 'load'): Required<Omit<LoadConfig, 'until'>> & { until: number } {
  if (typeof l !== 'object' || l === null) throw new InputError(where, 'expected an object');
  const known = ['rate', 'until', 'request', 'response', 'clients', 'servers'];
  for (const k of Object.keys(l)) if (!known.includes(k)) throw new InputError(`${where}.${k}`, `unknown field; allowed: ${known.join(', ')}`);
  const num = (v: unknown, f: string, min: number, max: number, int = false): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (int && !Number.isInteger(v))) throw new InputError(`${where}.${f}`, `expected ${int ? 'a whole number' : 'a number'} from ${min} to ${max}, got ${JSON.stringify(v)}`);
    return v;
  };
  const weights = <K extends string>(w: Partial<Record<K, number>> | undefined, names: readonly K[], f: string, def: K): Record<K, number> => {
    const out = Object.fromEntries(names.map((n) => [n, 0])) as Record<K, number>;
    if (w === undefined) {
      out[def] = 1;
      return out;
    }
    if (typeof w !== 'object' || w === null) throw new InputError(`${where}.${f}`, 'expected an object of weights');
    for (const [k, v] of Object.entries(w)) {
      if (!names.includes(k as K)) throw new InputError(`${where}.${f}.${k}`, `unknown behaviour; allowed: ${names.join(', ')}`);
      out[k as K] = num(v, `${f}.${k}`, 0, 1e9);
    }
    if (names.every((n) => out[n] === 0)) throw new InputError(`${where}.${f}`, 'the weights add up to 0');
    return out;
  };
  return {
    rate: num(l.rate, 'rate', 1e-6, 1e6),
    until: l.until === undefined ? Infinity : num(l.until, 'until', 0, 1e6),
    request: num(l.request ?? 100, 'request', 1, 1e9, true),
    response: num(l.response ?? 1000, 'response', 1, 1e9, true),
    clients: weights(l.clients, LOAD_CLIENTS, 'clients', 'closes-first'),
    servers: weights(l.servers, LOAD_SERVERS, 'servers', 'wait-close'),
  };
}

/** Records an app call in the trace (full World) or nothing (lean). */
export type AppRecorder = ((peer: PeerName, sock: number, call: string, result: string) => void) | null;

const grow32 = (a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> => {
  if (n < a.length) return a;
  let len = a.length * 2;
  while (len <= n) len *= 2;
  const b = new Int32Array(len);
  b.set(a);
  return b;
};

function cumulative(w: Record<string, number>, names: readonly string[]): Float64Array {
  const total = names.reduce((s, n) => s + w[n]!, 0);
  let acc = 0;
  return Float64Array.from(names.map((n) => (acc += w[n]! / total)));
}

export class LoadApp {
  readonly cfg: ReturnType<typeof checkLoad>;
  /** connections opened so far */
  opened = 0;
  readonly listener: number;
  private readonly clientCum: Float64Array;
  private readonly serverCum: Float64Array;
  // struct-of-arrays, indexed by connection number
  private kind = new Int32Array(1024); // client behaviour | server behaviour << 4
  private flags = new Int32Array(1024);
  private cSock = new Int32Array(1024);
  private sSock = new Int32Array(1024);
  private cRead = new Int32Array(1024);
  private sRead = new Int32Array(1024);
  /** connection number + 1 by socket id, per host */
  private cConnOf = new Int32Array(1024);
  private sConnOf = new Int32Array(1024);
  /** sockets to look at in react(), per host, appended by touch() */
  private dirty: [SockList, SockList] = [new SockList(), new SockList()];

  constructor(
    cfg: LoadConfig,
    private readonly client: Stack,
    private readonly server: Stack,
    private readonly rng: Rng,
    private readonly rec: AppRecorder,
  ) {
    this.cfg = checkLoad(cfg);
    this.clientCum = cumulative(this.cfg.clients, LOAD_CLIENTS);
    this.serverCum = cumulative(this.cfg.servers, LOAD_SERVERS);
    const l = server.socket();
    server.setReuseaddr(l, true);
    const b = server.bind(l, SERVER_PORT);
    if (!b.ok) throw new InputError('load', `the server cannot listen on port ${SERVER_PORT}: ${resultText(b)}`);
    // the listen queue is not what a load measures: room for every connection
    server.listen(l, 1 << 30, 0);
    server.sock(l)!.backlog = 1 << 30;
    rec?.('server', l, 'listen', '0');
    this.listener = l;
  }

  /** Virtual time (µs) of connection number `i`'s arrival, or -1 after `until`. */
  arrivalUs(i: number): number {
    const us = Math.round((i * 1_000_000) / this.cfg.rate);
    return us > this.cfg.until * 1_000_000 ? -1 : us;
  }

  /** The next connection arrives: its client connects. */
  arrive(now: number): void {
    const i = this.opened++;
    this.ensure(i);
    const ck = pick(this.clientCum, this.rng.next());
    const sk = pick(this.serverCum, this.rng.next());
    this.kind[i] = ck | (sk << 4);
    this.flags[i] = 0;
    const s = this.client.socket();
    this.cSock[i] = s;
    this.cConnOf = grow32(this.cConnOf, s);
    this.cConnOf[s] = i + 1;
    const r = this.client.connect(s, SERVER_PORT, now, LOAD_PORT_BASE + i);
    this.rec?.('client', s, 'connect', resultText(r));
  }

  /** A socket of `peer` has news (a segment reached it, its state changed, connect() completed). */
  touch(peer: PeerName, sock: number): void {
    if (sock > 0) this.dirty[peer === 'client' ? 0 : 1].push(sock);
  }

  /** Whether touch() left anything for react() on `peer`'s host. */
  pendingFor(peer: PeerName): boolean {
    return this.dirty[peer === 'client' ? 0 : 1].n > 0;
  }

  /** The applications act on the sockets touched: accept, read, answer, close. */
  react(peer: PeerName, now: number): void {
    const list = this.dirty[peer === 'client' ? 0 : 1];
    // reacting may append to the list (accepted children): read its length and storage each time
    for (let j = 0; j < list.n; j++) {
      if (peer === 'client') this.reactClient(list.a[j]!, now);
      else this.reactServer(list.a[j]!, now);
    }
    list.n = 0;
  }

  private reactClient(s: number, now: number): void {
    const i = (this.cConnOf[s] ?? 0) - 1;
    if (i < 0) return;
    let f = this.flags[i]!;
    if (f & C_DONE) return;
    const st = this.client.state(s);
    const kind = LOAD_CLIENTS[this.kind[i]! & 15]!;
    if (st === 'CLOSED' && !(f & C_SENT) && !(f & C_FAILED)) {
      // connect() failed, or a reset: the application closes the descriptor
      this.flags[i] = f | C_FAILED | C_DONE;
      this.call('client', s, 'close', this.client.close(s, now));
      return;
    }
    if (!(f & C_SENT) && kind !== 'holds' && (st === 'ESTABLISHED' || st === 'CLOSE_WAIT')) {
      f |= C_SENT;
      this.flags[i] = f;
      this.call('client', s, 'send', this.client.send(s, this.cfg.request, now));
    }
    const t = this.client.tcb(s);
    if (!t) return;
    // read the TCB's fields before recv(): the stack changes the TCB in place
    const unread = t.unread;
    const peerFin = flag(t, TF.peerFin);
    if (unread > 0) {
      const r = this.client.recv(s, unread, now);
      this.call('client', s, 'read', r);
      if (r.ok) this.cRead[i] = this.cRead[i]! + (r.value ?? 0);
    }
    const got = this.cRead[i]! >= this.cfg.response;
    if (got && (kind === 'closes-first' || kind === 'aborts')) {
      this.flags[i] = f | C_DONE;
      if (kind === 'aborts') this.call('client', s, 'abort', this.client.abort(s, now));
      else this.call('client', s, 'close', this.client.close(s, now));
      return;
    }
    if ((peerFin || st === 'CLOSED') && unread === 0 && !(f & C_EOF)) {
      f |= C_EOF;
      this.flags[i] = f;
      this.call('client', s, 'read', this.client.recv(s, 1, now));
      if (kind !== 'holds' || st === 'CLOSED') {
        this.flags[i] = f | C_DONE;
        this.call('client', s, 'close', this.client.close(s, now));
      }
    }
  }

  private reactServer(s: number, now: number): void {
    if (s === this.listener) return;
    let i = (this.sConnOf[s] ?? 0) - 1;
    if (i < 0) {
      // a child of the listener: accept every connection ready, in the listener's order
      this.acceptAll(now);
      i = (this.sConnOf[s] ?? 0) - 1;
      if (i < 0) return;
    }
    let f = this.flags[i]!;
    if (f & S_DONE) return;
    const kind = LOAD_SERVERS[this.kind[i]! >> 4]!;
    const st = this.server.state(s);
    const t = this.server.tcb(s);
    const unread = t ? t.unread : 0;
    const peerFin = t ? flag(t, TF.peerFin) : false;
    if (unread > 0) {
      const r = this.server.recv(s, unread, now);
      this.call('server', s, 'read', r);
      if (r.ok) this.sRead[i] = this.sRead[i]! + (r.value ?? 0);
    }
    if (!(f & S_ANSWERED) && this.sRead[i]! >= this.cfg.request && (st === 'ESTABLISHED' || st === 'CLOSE_WAIT')) {
      f |= S_ANSWERED;
      this.flags[i] = f;
      this.call('server', s, 'send', this.server.send(s, this.cfg.response, now));
      if (kind === 'close-first') {
        this.flags[i] = f | S_DONE;
        this.call('server', s, 'close', this.server.close(s, now));
        return;
      }
    }
    if ((peerFin || st === 'CLOSED') && unread === 0 && !(f & S_EOF)) {
      f |= S_EOF;
      this.flags[i] = f;
      this.call('server', s, 'read', this.server.recv(s, 1, now));
      if (kind !== 'leak' || st === 'CLOSED') {
        this.flags[i] = f | S_DONE;
        this.call('server', s, 'close', this.server.close(s, now));
      }
    }
  }

  private acceptAll(now: number): void {
    for (;;) {
      const r = this.server.accept(this.listener);
      if (!r.ok || r.value === undefined) return;
      const c = r.value;
      this.rec?.('server', this.listener, 'accept', String(c));
      const port = this.server.sock(c)?.remotePort ?? 0;
      const i = port - LOAD_PORT_BASE;
      if (i < 0 || i >= this.opened) continue;
      this.sSock[i] = c;
      this.flags[i] = this.flags[i]! | S_OPEN;
      this.sConnOf = grow32(this.sConnOf, c);
      this.sConnOf[c] = i + 1;
      if (c !== undefined) this.dirty[1].push(c);
    }
    void now;
  }

  private call(peer: PeerName, sock: number, call: string, r: AppResult): void {
    this.rec?.(peer, sock, call, resultText(r));
  }

  private ensure(i: number): void {
    if (i < this.kind.length) return;
    this.kind = grow32(this.kind, i);
    this.flags = grow32(this.flags, i);
    this.cSock = grow32(this.cSock, i);
    this.sSock = grow32(this.sSock, i);
    this.cRead = grow32(this.cRead, i);
    this.sRead = grow32(this.sRead, i);
  }
}

/**
 * A list of socket ids emptied without giving up its storage (an array emptied with
 * `length = 0` drops its backing store, and the next push allocates a new one: once per event).
 */
class SockList {
  a = new Int32Array(64);
  n = 0;
  push(s: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = s;
  }
}

function pick(cum: Float64Array, x: number): number {
  for (let i = 0; i < cum.length; i++) if (x < cum[i]!) return i;
  return cum.length - 1;
}
