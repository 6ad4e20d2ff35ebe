/** Each timer at its exact virtual time, on each profile. */
import { describe, expect, it } from 'vitest';
import { OPEN, path, run, timerEvents } from './test/helpers.ts';
import type { ScheduledStep } from './config.ts';

const close: ScheduledStep[] = [...OPEN, { at: 1, peer: 'client', do: 'close' }, { at: 2, peer: 'server', do: 'close' }];

describe('timers on the virtual clock', () => {
  it('TIME_WAIT ends exactly 60 s after it starts under linux', () => {
    const w = run(close, 1000);
    const [set] = timerEvents(w, 'client', 'TIME_WAIT', 'set');
    const [fire] = timerEvents(w, 'client', 'TIME_WAIT', 'fire');
    expect(set).toBeCloseTo(2.05, 9);
    expect(fire! - set!).toBeCloseTo(60, 9);
    expect(run(close, set! + 59.999).state('client')).toBe('TIME_WAIT');
    expect(run(close, set! + 60).state('client')).toBe('CLOSED');
  });

  it('TIME_WAIT is 2 x MSL = 240 s under rfc9293, and follows msl', () => {
    const w = run(close, 1000, { profile: 'rfc9293' });
    const d = timerEvents(w, 'client', 'TIME_WAIT', 'fire')[0]! - timerEvents(w, 'client', 'TIME_WAIT', 'set')[0]!;
    expect(d).toBeCloseTo(240, 9);
    const w2 = run(close, 1000, { profile: 'rfc9293', set: { msl: 10 } });
    expect(timerEvents(w2, 'client', 'TIME_WAIT', 'fire')[0]! - timerEvents(w2, 'client', 'TIME_WAIT', 'set')[0]!).toBeCloseTo(20, 9);
  });

  it('an orphaned FIN_WAIT_2 times out after tcp_fin_timeout (linux only)', () => {
    const steps: ScheduledStep[] = [...OPEN, { at: 1, peer: 'client', do: 'close' }];
    const w = run(steps, 500);
    const [set] = timerEvents(w, 'client', 'FIN_WAIT_2', 'set');
    expect(timerEvents(w, 'client', 'FIN_WAIT_2', 'fire')[0]! - set!).toBeCloseTo(60, 9);
    expect(path(w, 'client')).toBe('CLOSED>SYN_SENT>ESTABLISHED>FIN_WAIT_1>FIN_WAIT_2>CLOSED');
    const r = run(steps, 500, { profile: 'rfc9293' });
    expect(r.state('client')).toBe('FIN_WAIT_2');
    expect(timerEvents(r, 'client', 'FIN_WAIT_2', 'set')).toEqual([]);
  });

  it('beyond TIME_WAIT\'s 60 s, an orphaned FIN_WAIT_2 waits the excess as a full socket, then as long again in a TIME_WAIT bucket (linux)', () => {
    const steps: ScheduledStep[] = [...OPEN, { at: 1, peer: 'client', do: 'close' }];
    for (const [fin, gone] of [
      [90, 60],
      [120, 120],
      [200, 280],
    ] as const) {
      const w = run(steps, 1000, { set: { tcp_fin_timeout: fin } });
      const sets = timerEvents(w, 'client', 'FIN_WAIT_2', 'set');
      const fires = timerEvents(w, 'client', 'FIN_WAIT_2', 'fire');
      expect(fires.map((t, i) => t - sets[i]!)).toEqual([fin - 60, fin - 60].map((d) => expect.closeTo(d, 9)));
      expect(fires[1]! - sets[0]!).toBeCloseTo(gone, 9);
      expect(path(w, 'client')).toBe('CLOSED>SYN_SENT>ESTABLISHED>FIN_WAIT_1>FIN_WAIT_2>CLOSED');
      const first = run(steps, sets[0]! + (fin - 60) / 2, { set: { tcp_fin_timeout: fin } });
      expect(first.stacks.client.sockstat()).toMatchObject({ orphan: 1, tw: 0 });
      const second = run(steps, fires[0]! + 0.001, { set: { tcp_fin_timeout: fin } });
      expect(second.state('client')).toBe('FIN_WAIT_2');
      expect(second.stacks.client.sockstat()).toMatchObject({ orphan: 0, tw: 1 });
    }
  });

  it('keepalive kills a dead peer at idle + count x interval, with ETIMEDOUT', () => {
    const steps: ScheduledStep[] = [
      ...OPEN,
      { at: 1, peer: 'client', do: 'keepalive', on: true, idle: 100, intvl: 10, cnt: 3 },
      { at: 1, peer: 'server', do: 'crash' },
    ];
    const w = run(steps, 1000);
    const probes = w.trace.filter((e) => e.type === 'send' && e.peer === 'client' && e.seg.flags.join() === 'ACK' && e.t > 1).map((e) => e.t);
    expect(probes).toEqual([101, 111, 121]);
    const end = w.trace.find((e) => e.type === 'state' && e.peer === 'client' && e.to === 'CLOSED')!;
    expect(end.t).toBeCloseTo(1 + 100 + 3 * 10, 9);
    expect(w.trace.some((e) => e.type === 'app' && e.peer === 'client' && e.result === 'ETIMEDOUT')).toBe(true);
  });

  it('linux defaults notice a dead peer after 7200 + 9 x 75 = 7875 s', () => {
    const w = run([...OPEN, { at: 0.3, peer: 'client', do: 'keepalive', on: true }, { at: 0.3, peer: 'server', do: 'crash' }], 10000);
    const end = w.trace.find((e) => e.type === 'state' && e.peer === 'client' && e.to === 'CLOSED')!;
    expect(end.t).toBeCloseTo(0.3 + 7875, 6);
  });

  const synTimes = (profile: 'linux' | 'rfc9293') => {
    const w = run([{ at: 0, net: 'partition' }, { at: 0, peer: 'client', do: 'connect' }], 1000, { profile });
    const syns = w.trace.filter((e) => e.type === 'send' && e.peer === 'client').map((e) => e.t);
    const fail = w.trace.find((e) => e.type === 'app' && e.call === 'connect' && e.result === 'ETIMEDOUT')!;
    return { syns, fail: fail.t };
  };

  it('SYN retries follow Linux linear timeouts: 1,2,3,4,5,7,11,19,35,67 s; ETIMEDOUT at 131 s', () => {
    const { syns, fail } = synTimes('linux');
    expect(syns).toEqual([0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67]);
    expect(fail).toBe(131);
  });

  it('SYN retries on the textbook schedule under rfc9293: 1,3,7,15,31,63 s; ETIMEDOUT at 127 s', () => {
    const { syns, fail } = synTimes('rfc9293');
    expect(syns).toEqual([0, 1, 3, 7, 15, 31, 63]);
    expect(fail).toBe(127);
  });

  it('SYN,ACK retries 1,3,7,15,31 s, then the half-open connection is dropped at 63 s', () => {
    const w = run([{ at: 0, peer: 'server', do: 'listen' }, { at: 0.1, peer: 'client', do: 'connect' }, { at: 0.1, peer: 'client', do: 'crash' }], 200);
    const t0 = w.trace.find((e) => e.type === 'send' && e.peer === 'server')!.t;
    const synacks = w.trace.filter((e) => e.type === 'send' && e.peer === 'server').map((e) => Math.round((e.t - t0) * 1000) / 1000);
    expect(synacks).toEqual([0, 1, 3, 7, 15, 31]);
    const gone = w.trace.find((e) => e.type === 'state' && e.peer === 'server' && e.from === 'SYN_RCVD' && e.to === 'CLOSED')!;
    expect(gone.t - t0).toBeCloseTo(63, 9);
  });

  it('a lost FIN is retransmitted after the RTO with exponential back-off (no tail loss probe)', () => {
    const w = run([...OPEN, { at: 1, net: 'partition' }, { at: 1, peer: 'client', do: 'close' }], 30, { set: { tlp: 0 } });
    const fins = w.trace.filter((e) => e.type === 'send' && e.peer === 'client' && e.seg.flags.includes('FIN')).map((e) => e.t);
    const gaps = fins.slice(1).map((t, i) => Math.round((t - fins[i]!) * 1e6) / 1e6);
    expect(gaps.length).toBeGreaterThan(3);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeCloseTo(Math.min(2 * gaps[i - 1]!, 120), 6);
  });

  it('orphan retries: LAST_ACK gives up after 8 retransmissions when the peer vanished', () => {
    const w = run([...OPEN, { at: 1, peer: 'client', do: 'close' }, { at: 1.5, net: 'partition' }, { at: 2, peer: 'server', do: 'close' }], 5000, { set: { tlp: 0 } });
    const fins = w.trace.filter((e) => e.type === 'send' && e.peer === 'server' && e.seg.flags.includes('FIN'));
    expect(fins.length).toBe(1 + 8);
    expect(w.state('server')).toBe('CLOSED');
  });

  it('tail loss probe: a lost FIN is probed once, min(2 x SRTT + 200 ms, RTO) after it left, before the RTO back-off', () => {
    const steps: ScheduledStep[] = [...OPEN, { at: 1, net: 'partition' }, { at: 1, peer: 'client', do: 'close' }];
    const w = run(steps, 30);
    const fins = w.trace.filter((e) => e.type === 'send' && e.peer === 'client' && e.seg.flags.includes('FIN'));
    const probe = fins[1]!;
    expect(probe.type === 'send' && probe.tlp).toBe(true);
    const c = w.trace.filter((e) => e.type === 'timer' && e.peer === 'client' && e.timer === 'RTO' && e.action === 'set');
    // the timer armed with the FIN is the probe's; the one after it is the RTO's, doubling from there
    expect(c.length).toBeGreaterThan(3);
    expect(fins.length).toBeGreaterThan(3);
    expect(fins.filter((e) => e.type === 'send' && e.tlp).length).toBe(1);
    const off = run(steps, 30, { set: { tlp: 0 } });
    expect(off.trace.some((e) => e.type === 'send' && e.tlp)).toBe(false);
  });
});

describe('tcp_max_tw_buckets', () => {
  // The client shuts down its side without closing: its FIN_WAIT_2 is an ordinary socket, its TIME_WAIT a bucket.
  const halfClose: ScheduledStep[] = [...OPEN, { at: 1, peer: 'client', do: 'shutdown', how: 'wr' }, { at: 2, peer: 'server', do: 'close' }];

  it('a TIME_WAIT socket beyond the limit is destroyed at once (Linux "time wait bucket table overflow")', () => {
    const w = run(halfClose, 10, { set: { tcp_max_tw_buckets: 0 } });
    const e = w.trace.find((x) => x.type === 'state' && x.peer === 'client' && x.from === 'TIME_WAIT')!;
    expect(e).toMatchObject({ to: 'CLOSED', cause: 'tcp_max_tw_buckets overflow' });
    expect(w.state('client')).toBe('CLOSED');
    expect(timerEvents(w, 'client', 'TIME_WAIT', 'cancel').length).toBe(1);
    expect(run(halfClose, 10).state('client')).toBe('TIME_WAIT');
  });

  it("an orphan's FIN_WAIT_2 takes a bucket too: with none, the orphan is destroyed once its FIN is acknowledged", () => {
    const w = run(close, 10, { set: { tcp_max_tw_buckets: 0 } });
    const e = w.trace.find((x) => x.type === 'state' && x.peer === 'client' && x.from === 'FIN_WAIT_2')!;
    expect(e).toMatchObject({ to: 'CLOSED', cause: 'tcp_max_tw_buckets overflow' });
    // under rfc9293 (no mini-sockets) the orphan waits in FIN_WAIT_2 as usual
    const r = run(close, 10, { profile: 'rfc9293', set: { tcp_max_tw_buckets: 0 } });
    expect(r.trace.some((x) => x.type === 'state' && x.peer === 'client' && x.to === 'FIN_WAIT_2')).toBe(true);
  });
});
