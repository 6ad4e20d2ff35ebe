/**
 * StackOptions.recycle: a host that reuses the TCB, connection and socket records of
 * connections it has forgotten behaves exactly like one that builds new ones. Two pairs of
 * hosts, one recycling and one not, are driven by the same random calls, deliveries and
 * timer expiries; after every command both give the same effects and the same snapshot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveKnobs } from '../knobs.ts';
import type { Segment } from '../segment.ts';
import type { Tcb } from '../tcb.ts';
import type { TimerName } from './effects.ts';
import { Stack } from './stack.ts';

type Side = 'c' | 's';
type Cmd =
  | { do: 'open' }
  | { do: 'deliver'; to: Side; dup: boolean }
  | { do: 'accept' }
  | { do: 'send' | 'read'; side: Side; i: number; bytes: number }
  | { do: 'close' | 'abort'; side: Side; i: number }
  | { do: 'fire'; i: number };

/** Two hosts wired together by FIFO links, with the timers they have running. */
class Pair {
  readonly st: Record<Side, Stack>;
  readonly wire: Record<Side, Segment[]> = { c: [], s: [] };
  /** running timers as `side:sock:TIMER` */
  readonly timers = new Set<string>();
  readonly fds: Record<Side, number[]> = { c: [], s: [] };
  readonly listener: number;
  now = 0;
  /** effects of the last command, as JSON */
  log = '';

  constructor(recycle: boolean, seed: number) {
    const k = resolveKnobs('linux', { time_wait_len: 5, tcp_fin_timeout: 4 });
    let x = seed;
    const rand32 = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    this.st = { c: new Stack({ knobs: k, rand32, recycle, ephemeralBase: 1024 }), s: new Stack({ knobs: k, rand32, recycle }) };
    this.listener = this.st.s.socket();
    this.st.s.bind(this.listener, 80);
    this.st.s.listen(this.listener, 1000, 0);
    this.drain();
  }

  private drain(): void {
    const out: unknown[] = [];
    for (const side of ['c', 's'] as const) {
      for (const e of this.st[side].drain()) {
        out.push([side, e]);
        if (e.kind === 'send') this.wire[side === 'c' ? 's' : 'c'].push(e.seg);
        if (e.kind === 'timer') {
          const key = `${side}:${e.sock}:${e.timer}`;
          if (e.action === 'set') this.timers.add(key);
          else this.timers.delete(key);
        }
      }
    }
    this.log = JSON.stringify(out);
  }

  run(c: Cmd): void {
    this.now += 0.01;
    const pick = (side: Side, i: number) => this.fds[side][i % Math.max(1, this.fds[side].length)];
    switch (c.do) {
      case 'open': {
        const fd = this.st.c.socket();
        this.st.c.connect(fd, 80, this.now);
        this.fds.c.push(fd);
        break;
      }
      case 'deliver': {
        const seg = this.wire[c.to].shift();
        if (seg) {
          this.st[c.to].deliver(seg, this.now);
          if (c.dup) this.st[c.to].deliver(seg, this.now);
        }
        break;
      }
      case 'accept': {
        const r = this.st.s.accept(this.listener);
        if (r.ok) this.fds.s.push(r.value!);
        break;
      }
      case 'send':
      case 'read': {
        const fd = pick(c.side, c.i);
        if (fd !== undefined) this.st[c.side][c.do === 'send' ? 'send' : 'recv'](fd, c.bytes, this.now);
        break;
      }
      case 'close':
      case 'abort': {
        const fd = pick(c.side, c.i);
        if (fd === undefined) break;
        this.fds[c.side] = this.fds[c.side].filter((x) => x !== fd);
        this.st[c.side][c.do](fd, this.now);
        break;
      }
      case 'fire': {
        const all = [...this.timers].sort();
        const key = all[c.i % Math.max(1, all.length)];
        if (key === undefined) break;
        this.timers.delete(key);
        const [side, sock, timer] = key.split(':') as [Side, string, TimerName];
        this.st[side].fire(Number(sock), timer, this.now);
        break;
      }
    }
    this.drain();
  }

  snapshot(): string {
    return JSON.stringify([this.st.c.save(), this.st.s.save()]);
  }

  tcbs(): [number, Tcb][] {
    const out: [number, Tcb][] = [];
    for (const side of ['c', 's'] as const) for (const s of this.st[side].allSocks()) if (s.conn) out.push([s.id * 2 + (side === 'c' ? 0 : 1), s.conn.tcb]);
    return out;
  }
}

const side = fc.constantFrom<Side>('c', 's');
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ do: 'open' as const }) },
  { weight: 10, arbitrary: fc.record({ do: fc.constant('deliver' as const), to: side, dup: fc.boolean() }) },
  { weight: 2, arbitrary: fc.constant({ do: 'accept' as const }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constantFrom('send' as const, 'read' as const), side, i: fc.nat(20), bytes: fc.constantFrom(1, 100, 3000) }) },
  { weight: 3, arbitrary: fc.record({ do: fc.constantFrom('close' as const, 'close' as const, 'abort' as const), side, i: fc.nat(20) }) },
  { weight: 4, arbitrary: fc.record({ do: fc.constant('fire' as const), i: fc.nat(50) }) },
);

describe('Stack recycle option', () => {
  it('a recycling host gives the same effects and snapshots as one that builds new records, and does reuse them', () => {
    let reused = 0;
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 50, maxLength: 300 }), fc.nat(1000), (cmds, seed) => {
        const fresh = new Pair(false, seed);
        const recycled = new Pair(true, seed);
        /** which connection each TCB object served first (a recycled one serves another later) */
        const owner = new Map<Tcb, number>();
        cmds.forEach((c, i) => {
          fresh.run(c);
          recycled.run(c);
          expect(recycled.log, `effects of command ${i} ${JSON.stringify(c)}`).toBe(fresh.log);
          expect(recycled.snapshot(), `snapshot after command ${i} ${JSON.stringify(c)}`).toBe(fresh.snapshot());
          for (const [conn, t] of recycled.tcbs()) {
            const first = owner.get(t);
            if (first === undefined) owner.set(t, conn);
            else if (first !== conn) reused++;
          }
        });
      }),
      { numRuns: 60 },
    );
    // the property is about recycled records: make sure there were some
    expect(reused).toBeGreaterThan(0);
  });

  it('a listener\'s record, reused for a connection, keeps none of its queues, and a new listener gets queues of its own', () => {
    const k = resolveKnobs('linux');
    const st = new Stack({ knobs: k, rand32: () => 7, recycle: true });
    const l = st.socket();
    st.bind(l, 80);
    st.listen(l, 5, 0);
    st.deliver({ srcPort: 1000, dstPort: 80, seq: 1, ack: 0, flags: { SYN: true }, len: 0, win: 65535 }, 0);
    expect(st.sock(l)!.children).toHaveLength(1);
    st.close(l, 0);
    const c = st.socket();
    expect(st.sock(c)!.backlog).toBe(0);
    expect(st.sock(c)!.children).toEqual([]);
    st.connect(c, 80, 0, 2000);
    expect(st.sock(c)!.acceptQueue).toEqual([]);
    const l2 = st.socket();
    st.bind(l2, 81);
    st.listen(l2, 3, 0);
    expect(st.sock(l2)!.backlog).toBe(3);
    st.deliver({ srcPort: 1001, dstPort: 81, seq: 1, ack: 0, flags: { SYN: true }, len: 0, win: 65535 }, 0);
    expect(st.sock(l2)!.children).toHaveLength(1);
  });
});
