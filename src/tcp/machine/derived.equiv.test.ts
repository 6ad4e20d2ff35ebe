/**
 * The derived stepper against XState's transition(): random event sequences
 * from every state, with random TCBs, must give the same state, TCB and effect
 * list, in the same order, after every event.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveKnobs } from '../knobs.ts';
import { analyze } from '../rules/analyze.ts';
import type { Verdict } from '../rules/verdict.ts';
import type { Flags, Segment } from '../segment.ts';
import { seqAdd } from '../seq.ts';
import type { Conn } from '../stack/conn.ts';
import { newConn, stepConn } from '../stack/conn.ts';
import type { StackEffect } from '../stack/effects.ts';
import { timerList, timerSetOf } from '../stack/timerset.ts';
import { TCP_STATES } from '../states.ts';
import type { Tcb } from '../tcb.ts';
import { createTcb, TF, UNSET } from '../tcb.ts';
import type { EndpointEvent } from './events.ts';

const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const small = fc.integer({ min: -3000, max: 3000 });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });

const knobs = fc.record({
  profile: fc.constantFrom('linux' as const, 'rfc9293' as const),
  set: fc.record(
    {
      delayed_ack: fc.constantFrom(0, 0.04, 0.2),
      simclose_ack_with_fin: fc.constantFrom(0, 1),
      tcp_fin_timeout: fc.constantFrom(0, 1, 60, 90),
      tcp_syn_retries: fc.integer({ min: 1, max: 3 }),
      tcp_retries2: fc.integer({ min: 1, max: 4 }),
      tcp_orphan_retries: fc.integer({ min: 0, max: 3 }),
      rfc5961: fc.constantFrom(0, 1),
      tcp_rfc1337: fc.constantFrom(0, 1),
    },
    { requiredKeys: [] },
  ),
});

/** A TCB anywhere in its range: fields are drawn independently, so odd combinations are exercised too. */
const tcbFields = fc.record({
  iss: u32,
  irs: u32,
  una: fc.integer({ min: 0, max: 3000 }),
  inFlight: fc.integer({ min: 0, max: 3000 }),
  sndWnd: fc.integer({ min: 0, max: 65535 }),
  sndMss: fc.constantFrom(536, 1460),
  rcvOff: fc.integer({ min: 0, max: 3000 }),
  heldData: fc.constantFrom(0, 0, 10),
  unsent: fc.constantFrom(0, 0, 100, 5000),
  unread: fc.constantFrom(0, 0, 50),
  finQueued: fc.boolean(),
  finOff: maybe(fc.integer({ min: 0, max: 3000 })),
  peerFin: fc.boolean(),
  orphan: fc.boolean(),
  shutRd: fc.boolean(),
  linger0: fc.boolean(),
  passive: fc.boolean(),
  rto: fc.constantFrom(0.2, 1, 3, 120),
  srtt: maybe(fc.double({ min: 0.001, max: 2, noNaN: true })),
  rttvar: fc.double({ min: 0, max: 1, noNaN: true }),
  rttOff: maybe(fc.integer({ min: 0, max: 3000 })),
  retries: fc.integer({ min: 0, max: 16 }),
  keepalive: fc.record({ on: fc.boolean(), idle: fc.integer({ min: 1, max: 100 }), intvl: fc.integer({ min: 1, max: 10 }), cnt: fc.integer({ min: 1, max: 5 }) }),
  kaProbes: fc.integer({ min: 0, max: 6 }),
  pingpong: fc.boolean(),
});

const flags: fc.Arbitrary<Flags> = fc.record({ SYN: fc.boolean(), FIN: fc.boolean(), RST: fc.boolean(), PSH: fc.boolean(), ACK: fc.boolean() }, { requiredKeys: [] });
const verdict: fc.Arbitrary<Verdict> = fc.oneof(
  fc.constantFrom<Verdict>({ kind: 'drop', why: 'duplicate' }, { kind: 'ack', why: 'challenge' }, { kind: 'rst-reply' }, { kind: 'reset' }, { kind: 'syn-reset' }, { kind: 'refused' }, { kind: 'syn-again' }, { kind: 'tw-new-syn' }),
  fc.record({ kind: fc.constantFrom('syn' as const, 'syn-ack' as const), data: fc.constantFrom(0, 10), fin: fc.boolean() }),
  fc.record({ kind: fc.constant('segment' as const), newAck: fc.boolean(), finAcked: fc.boolean(), data: fc.constantFrom(0, 0, 100, 1460), ooo: fc.boolean(), queue: fc.constantFrom(null, { start: 5000, end: 6000, fin: false }, { start: 7000, end: 7100, fin: true }), fin: fc.boolean(), dataAfterClose: fc.boolean() }),
);

/** An event, built against the TCB it meets (segments land near its sequence numbers). */
const eventSpec = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('seg' as const), flags, dSeq: small, dAck: small, len: fc.constantFrom(0, 0, 1, 100, 1460), win: fc.constantFrom(0, 1000, 65535), mss: fc.option(fc.constantFrom(536, 1460), { nil: undefined }), real: fc.boolean(), v: verdict }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('app' as const), type: fc.constantFrom('CONNECT', 'LISTEN', 'CLOSE', 'SHUTDOWN_WR', 'SHUTDOWN_RD', 'ABORT', 'TW_OVERFLOW'), bytes: fc.integer({ min: 1, max: 5000 }), on: fc.boolean(), opts: tcbFields.map((f) => f.keepalive) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('data' as const), type: fc.constantFrom('SEND', 'READ', 'SET_LINGER0', 'SET_KEEPALIVE'), bytes: fc.integer({ min: 1, max: 5000 }), on: fc.boolean(), opts: tcbFields.map((f) => f.keepalive) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('timer' as const), type: fc.constantFrom('TIMEOUT.RTO', 'TIMEOUT.TIME_WAIT', 'TIMEOUT.FIN_WAIT_2', 'TIMEOUT.KEEPALIVE', 'TIMEOUT.DELACK') }) },
);
type Spec = typeof eventSpec extends fc.Arbitrary<infer T> ? T : never;

function build(spec: Spec, c: Conn, now: number): EndpointEvent {
  const t = c.tcb;
  if (spec.kind === 'timer') return { type: spec.type, now };
  if (spec.kind === 'seg') {
    const seg: Segment = { srcPort: t.remotePort, dstPort: t.localPort, seq: seqAdd(t.rcvNxt, spec.dSeq), ack: seqAdd(t.sndUna, spec.dAck), flags: spec.flags, len: spec.len, win: spec.win, ...(spec.mss ? { mss: spec.mss } : {}) };
    return { type: 'SEGMENT', seg, v: spec.real ? analyze(c.state, t, seg) : spec.v, now };
  }
  switch (spec.type) {
    case 'SEND':
    case 'READ':
      return { type: spec.type, bytes: spec.bytes, now };
    case 'SET_LINGER0':
      return { type: spec.type, on: spec.on, now };
    case 'SET_KEEPALIVE':
      return { type: spec.type, opts: spec.opts, now };
    default:
      return { type: spec.type, now } as EndpointEvent;
  }
}

function startTcb(k: ReturnType<typeof resolveKnobs>, f: typeof tcbFields extends fc.Arbitrary<infer T> ? T : never): Tcb {
  const t = createTcb({ k, localPort: 40000, remotePort: 80, iss: f.iss, passive: f.passive, keepalive: f.keepalive, linger0: f.linger0 });
  const una = seqAdd(f.iss, f.una);
  return Object.assign(t, {
    irs: f.irs,
    sndUna: una,
    sndNxt: seqAdd(una, f.inFlight),
    sndWnd: f.sndWnd,
    maxSndWnd: f.sndWnd,
    sndMss: f.sndMss,
    rcvNxt: seqAdd(f.irs, f.rcvOff),
    heldData: f.heldData,
    unsent: f.unsent,
    unread: f.unread,
    finSeq: f.finOff === null ? UNSET : seqAdd(una, f.finOff),
    rto: f.rto,
    srtt: f.srtt ?? UNSET,
    rttvar: f.rttvar,
    rttSeq: f.rttOff === null ? UNSET : seqAdd(una, f.rttOff),
    retries: f.retries,
    kaProbes: f.kaProbes,
    // the yes/no fields drawn, packed as the TCB keeps them (createTcb set passive and linger0)
    flags: t.flags | (f.finQueued ? TF.finQueued : 0) | (f.peerFin ? TF.peerFin : 0) | (f.orphan ? TF.orphan : 0) | (f.shutRd ? TF.shutRd : 0) | (f.pingpong ? TF.pingpong : 0),
  });
}

const plain = (t: Tcb) => ({ ...t, k: undefined });

describe('derived stepper = XState transition()', () => {
  it('random event sequences from every state: same state, TCB and effects, in order (5,000 sequences)', () => {
    let steps = 0;
    let moved = 0;
    fc.assert(
      fc.property(
        knobs,
        fc.constantFrom(...TCP_STATES),
        tcbFields,
        fc.array(fc.tuple(eventSpec, fc.double({ min: 0, max: 5, noNaN: true })), { minLength: 1, maxLength: 8 }),
        (kn, state, fields, events) => {
          const k = resolveKnobs(kn.profile, kn.set);
          const tcb = startTcb(k, fields);
          const timers = ['RTO', 'KEEPALIVE', 'DELACK'] as const;
          const a = newConn(7, { ...tcb }, state);
          const b = newConn(7, { ...tcb }, state);
          a.timers = timerSetOf(timers);
          b.timers = timerSetOf(timers);
          let now = 1;
          for (const [spec, dt] of events) {
            now += dt;
            const ev = build(spec, a, now);
            const outA: StackEffect[] = [];
            const outB: StackEffect[] = [];
            const cause = ev.type === 'SEGMENT' ? 'rcv' : ev.type;
            const ra = { from: stepConn(a, ev, cause, outA, 'derived'), to: a.state };
            const rb = { from: stepConn(b, ev, cause, outB, 'xstate'), to: b.state };
            // one cheap comparison per step; expect() only spells out a difference
            const sa = JSON.stringify([ra, a.state, plain(a.tcb), outA, timerList(a.timers)]);
            const sb = JSON.stringify([rb, b.state, plain(b.tcb), outB, timerList(b.timers)]);
            if (sa !== sb) expect(JSON.parse(sa)).toEqual(JSON.parse(sb));
            expect(a.tcb.k).toBe(b.tcb.k);
            steps++;
            if (ra.from !== ra.to) moved++;
          }
        },
      ),
      { numRuns: 5000 },
    );
    // the sequences really move between states (not just no-ops)
    expect(moved).toBeGreaterThan(steps / 20);
  }, 180_000);
});
