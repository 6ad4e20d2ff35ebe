import { describe, expect, it } from 'vitest';
import { getScenario } from '../scenarios/index.ts';
import { createWorld } from '../scenarios/world.ts';
import { viewOf } from '../sim/view.ts';
import { flagsMatch, noteFocus, notedSegments, timerNoted } from './noteFocus.ts';

describe('what a note names (highlighted while it is shown)', () => {
  it('names peers, segments by their flags, and timers, in English', () => {
    const f = noteFocus('The client calls close(): it sends FIN, enters FIN_WAIT_1 and starts its retransmission timer. The network drops the FIN.', 'en', 2);
    expect(f.peers).toEqual(['client']);
    expect(f.states).toEqual(['FIN_WAIT_1']);
    expect(f.flags).toEqual(['FIN']);
    expect(f.timers).toEqual([{ timer: 'RTO', peer: 'client' }]);
    expect(noteFocus('The server receives the FIN, sends the final ACK and enters TIME_WAIT for 60 s.', 'en', 2.3).timers).toEqual([{ timer: 'TIME_WAIT', peer: 'server' }]);
    expect(noteFocus('After 40 s of silence the server sends a keepalive probe from CLOSE_WAIT.', 'en', 42).timers).toEqual([{ timer: 'KEEPALIVE', peer: 'server' }]);
    expect(noteFocus('The SYN,ACK has arrived.', 'en', 0.2).flags).toEqual(['SYN,ACK']);
  });

  it('names the same in Chinese', () => {
    const f = noteFocus('客户端调用 close()：发送 FIN，进入 FIN_WAIT_1，并启动重传定时器。网络丢弃了这个 FIN。', 'zh-CN', 2);
    expect(f.peers).toEqual(['client']);
    expect(f.states).toEqual(['FIN_WAIT_1']);
    expect(f.flags).toEqual(['FIN']);
    expect(f.timers).toEqual([{ timer: 'RTO', peer: 'client' }]);
    expect(noteFocus('服务器端收到 FIN，发出最后一个 ACK，进入 TIME_WAIT，持续 60 秒。', 'zh-CN', 2.3).timers).toEqual([{ timer: 'TIME_WAIT', peer: 'server' }]);
    expect(noteFocus('空闲 40 秒后，服务器端在 CLOSE_WAIT 状态发出保活探测报文。', 'zh-CN', 42).timers).toEqual([{ timer: 'KEEPALIVE', peer: 'server' }]);
    expect(noteFocus('服务器端收到 SYN，回复 SYN,ACK。', 'zh-CN', 0.15).flags).toEqual(['SYN', 'SYN,ACK']);
  });

  it('leaves out what is said to be absent, hypothetical, or at another instant', () => {
    expect(noteFocus('No FIN, no FIN_WAIT states, no TIME_WAIT.', 'en', 2).flags).toEqual([]);
    expect(noteFocus('The application still owns the socket, so no FIN_WAIT_2 timer runs.', 'en', 2.1).timers).toEqual([]);
    expect(noteFocus('应用仍持有该套接字，因此不启动 FIN_WAIT_2 定时器。', 'zh-CN', 2.1).timers).toEqual([]);
    expect(noteFocus('Without keepalive the client would stay ESTABLISHED.', 'en', 26)).toMatchObject({ peers: [], timers: [] });
    expect(noteFocus('The server sends its FIN at 2.25 s.', 'en', 2).flags).toEqual([]);
    expect(noteFocus('服务器端在 2.35 秒收到 ACK。', 'zh-CN', 2.3).flags).toEqual([]);
  });

  it('reads a flag name as the segment people mean by it', () => {
    expect(flagsMatch('FIN', ['FIN', 'ACK'])).toBe(true);
    expect(flagsMatch('SYN', ['SYN'])).toBe(true);
    expect(flagsMatch('SYN', ['SYN', 'ACK'])).toBe(false);
    expect(flagsMatch('SYN,ACK', ['SYN', 'ACK'])).toBe(true);
    expect(flagsMatch('ACK', ['ACK'])).toBe(true);
    expect(flagsMatch('ACK', ['PSH', 'ACK'])).toBe(false);
    expect(flagsMatch('ACK', ['FIN', 'ACK'])).toBe(false);
    expect(flagsMatch('RST', ['RST', 'ACK'])).toBe(true);
  });

  it('points at the newest such segment sent by the note’s instant', () => {
    const w = createWorld(getScenario('teardown')!);
    w.runUntil(2.35);
    const segs = viewOf(w).segments;
    const [fin] = notedSegments(segs, ['FIN'], 2);
    expect(segs.find((s) => s.id === fin)).toMatchObject({ from: 'client', flags: ['FIN', 'ACK'], sentAt: 2 });
    const [ack] = notedSegments(segs, ['ACK'], 2.35);
    expect(segs.find((s) => s.id === ack)).toMatchObject({ from: 'client', flags: ['ACK'], sentAt: 2.3 });
    expect(notedSegments(segs, ['RST'], 2.35)).toEqual([]);
  });

  it('matches a timer by name, and by peer when the note names one', () => {
    expect(timerNoted([{ timer: 'RTO', peer: 'client' }], 'RTO', 'client')).toBe(true);
    expect(timerNoted([{ timer: 'RTO', peer: 'client' }], 'RTO', 'server')).toBe(false);
    expect(timerNoted([{ timer: 'TIME_WAIT' }], 'TIME_WAIT', 'server')).toBe(true);
  });
});
