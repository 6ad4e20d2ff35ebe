/**
 * Every edge of the RFC 9293 state diagram, exercised end to end through the
 * world (two stacks and a link), with the segments each edge sends.
 */
import { describe, expect, it } from 'vitest';
import { EDGES } from '../tcp/machine/edges.ts';
import { OPEN, path, run, sends } from './test/helpers.ts';

describe('state diagram edges through the world', () => {
  it('three-way handshake: CLOSED→SYN_SENT→ESTABLISHED and LISTEN→SYN_RCVD→ESTABLISHED', () => {
    const w = run(OPEN, 1);
    expect(path(w, 'client')).toBe('CLOSED>SYN_SENT>ESTABLISHED');
    expect(path(w, 'server')).toBe('LISTEN>SYN_RCVD>ESTABLISHED');
    expect(sends(w, 'client')).toEqual(['SYN', 'ACK']);
    expect(sends(w, 'server')).toEqual(['SYN,ACK']);
  });

  it('active close: ESTABLISHED→FIN_WAIT_1→FIN_WAIT_2→TIME_WAIT→CLOSED; passive: CLOSE_WAIT→LAST_ACK→CLOSED', () => {
    const w = run([...OPEN, { at: 1, peer: 'client', do: 'close' }, { at: 2, peer: 'server', do: 'close' }], 100);
    expect(path(w, 'client')).toBe('CLOSED>SYN_SENT>ESTABLISHED>FIN_WAIT_1>FIN_WAIT_2>TIME_WAIT>CLOSED');
    expect(path(w, 'server')).toBe('LISTEN>SYN_RCVD>ESTABLISHED>CLOSE_WAIT>LAST_ACK>CLOSED');
  });

  it('FIN_WAIT_1 + FIN carrying the ACK of our FIN goes straight to TIME_WAIT', () => {
    // The server closes the instant the client's FIN arrives: its ACK and FIN leave together... as one FIN,ACK.
    const w = run([...OPEN, { at: 1, peer: 'client', do: 'close' }, { when: { peer: 'server', state: 'CLOSE_WAIT' }, peer: 'server', do: 'close' }], 100, {});
    // The ACK and the FIN,ACK are separate segments here, so the client passes through FIN_WAIT_2.
    expect(path(w, 'client')).toContain('TIME_WAIT');
    const w2 = run([...OPEN, { at: 1, peer: 'client', do: 'close' }, { at: 1, net: 'drop-next', dir: 'server->client', flags: 'ACK' }, { when: { peer: 'server', state: 'CLOSE_WAIT' }, peer: 'server', do: 'close' }], 100);
    expect(path(w2, 'client')).toBe('CLOSED>SYN_SENT>ESTABLISHED>FIN_WAIT_1>TIME_WAIT>CLOSED');
  });

  it('simultaneous close: FIN_WAIT_1→CLOSING→TIME_WAIT on both sides', () => {
    const w = run([...OPEN, { at: 1, peer: 'client', do: 'close' }, { at: 1, peer: 'server', do: 'close' }], 1000);
    expect(path(w, 'client')).toBe('CLOSED>SYN_SENT>ESTABLISHED>FIN_WAIT_1>CLOSING>TIME_WAIT>CLOSED');
    expect(path(w, 'server')).toBe('LISTEN>SYN_RCVD>ESTABLISHED>FIN_WAIT_1>CLOSING>TIME_WAIT>CLOSED');
  });

  it('simultaneous open: SYN_SENT→SYN_RCVD→ESTABLISHED on both sides', () => {
    const w = run([{ at: 0, peer: 'client', do: 'connect' }, { at: 0, peer: 'server', do: 'connect' }], 5);
    expect(path(w, 'client')).toBe('CLOSED>SYN_SENT>SYN_RCVD>ESTABLISHED');
    expect(path(w, 'server')).toBe('CLOSED>SYN_SENT>SYN_RCVD>ESTABLISHED');
    expect(sends(w, 'client')).toEqual(['SYN', 'SYN,ACK']);
  });

  it('RST in SYN_RCVD returns a passive connection to LISTEN (a rebooted client answers the SYN,ACK with RST)', () => {
    const w = run([...OPEN, { at: 0.12, peer: 'client', do: 'crash' }, { at: 0.13, peer: 'client', do: 'reboot' }], 5);
    expect(path(w, 'server')).toBe('LISTEN>SYN_RCVD>LISTEN');
    expect(sends(w, 'client')).toEqual(['SYN', 'RST']);
    expect(w.state('server')).toBe('LISTEN');
  });

  it('connect to a closed port: RST,ACK and ECONNREFUSED', () => {
    const w = run([{ at: 0, peer: 'client', do: 'connect' }], 5);
    expect(path(w, 'client')).toBe('CLOSED>SYN_SENT>CLOSED');
    expect(sends(w, 'server')).toEqual(['RST,ACK']);
    expect(w.trace.some((e) => e.type === 'app' && e.call === 'connect' && e.result === 'ECONNREFUSED')).toBe(true);
  });

  it('abort sends RST; the peer gets ECONNRESET', () => {
    const w = run([...OPEN, { at: 1, peer: 'client', do: 'abort' }], 5);
    expect(sends(w, 'client').at(-1)).toBe('RST,ACK');
    expect(path(w, 'server')).toBe('LISTEN>SYN_RCVD>ESTABLISHED>CLOSED');
    expect(w.trace.some((e) => e.type === 'app' && e.peer === 'server' && e.result === 'ECONNRESET')).toBe(true);
  });

  it('close() with unread data sends RST instead of FIN (Linux, RFC 1122 4.2.2.13)', () => {
    const w = run([...OPEN, { at: 0.5, peer: 'server', do: 'auto-read', on: false }, { at: 1, peer: 'client', do: 'send', bytes: 10 }, { at: 2, peer: 'server', do: 'close' }], 5);
    expect(sends(w, 'server').at(-1)).toBe('RST,ACK');
    expect(path(w, 'client')).toBe('CLOSED>SYN_SENT>ESTABLISHED>CLOSED');
  });

  it('half-close: the side that shut down writing still receives data', () => {
    const w = run([...OPEN, { at: 1, peer: 'client', do: 'shutdown', how: 'wr' }, { at: 2, peer: 'server', do: 'send', bytes: 3000 }, { at: 3, peer: 'server', do: 'close' }], 100);
    const reads = w.trace.filter((e) => e.type === 'app' && e.peer === 'client' && e.call === 'read').map((e) => Number((e as { result: string }).result));
    expect(reads.reduce((a, b) => a + b, 0)).toBe(3000);
    expect(reads.at(-1)).toBe(0); // then EOF
    expect(path(w, 'client')).toBe('CLOSED>SYN_SENT>ESTABLISHED>FIN_WAIT_1>FIN_WAIT_2>TIME_WAIT>CLOSED');
  });

  it('the machine declares every classic RFC 9293 edge', () => {
    const pairs = new Set(EDGES.map((e) => `${e.from}>${e.to}`));
    for (const p of [
      'CLOSED>LISTEN', 'CLOSED>SYN_SENT', 'LISTEN>SYN_RCVD', 'LISTEN>CLOSED', 'SYN_SENT>ESTABLISHED', 'SYN_SENT>SYN_RCVD', 'SYN_SENT>CLOSED',
      'SYN_RCVD>ESTABLISHED', 'SYN_RCVD>LISTEN', 'SYN_RCVD>FIN_WAIT_1', 'ESTABLISHED>FIN_WAIT_1', 'ESTABLISHED>CLOSE_WAIT',
      'FIN_WAIT_1>FIN_WAIT_2', 'FIN_WAIT_1>CLOSING', 'FIN_WAIT_1>TIME_WAIT', 'FIN_WAIT_2>TIME_WAIT', 'CLOSING>TIME_WAIT',
      'CLOSE_WAIT>LAST_ACK', 'LAST_ACK>CLOSED', 'TIME_WAIT>CLOSED',
    ]) expect(pairs, p).toContain(p);
    // Every edge has a readable label, never a raw event name.
    for (const e of EDGES) expect(e.on, e.id).not.toMatch(/^[A-Z_.]+$/);
    const labels = EDGES.map((e) => `${e.on} / ${e.does}`);
    expect(labels).toContain('rcv SYN / snd SYN,ACK');
    expect(labels).toContain('close() / snd FIN');
    expect(labels).toContain('timeout = 2MSL / ');
  });
});
