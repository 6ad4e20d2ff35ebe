/** Captures of real Linux connections (tests/captures/linux, see its README) replay to the states Linux went through. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listStreams, readCapture, streamPackets } from './capture.ts';
import { replayStream } from './replay.ts';

function replay(name: string) {
  const file = `tests/captures/linux/${name}`;
  const c = readCapture(readFileSync(file), file);
  expect(c.skipped).toEqual([]);
  expect(listStreams(c)).toHaveLength(1);
  const { info, packets } = streamPackets(c, 0);
  return { info, packets, r: replayStream(info, packets, { file }) };
}

describe('real Linux captures', () => {
  for (const name of ['teardown.pcap', 'teardown-any.pcap']) {
    it(`${name}: handshake, data, the client closes first; the server's FIN acknowledges the client's`, () => {
      const { info, packets, r } = replay(name);
      expect(info.client).toEqual({ addr: '10.14.0.1', port: 40000 });
      expect(packets.map((p) => p.flags.join(','))).toEqual(['SYN', 'SYN,ACK', 'ACK', 'PSH,ACK', 'ACK', 'FIN,ACK', 'FIN,ACK', 'ACK']);
      expect(packets[0]!.mss).toBe(1460);
      expect(r.paths.client).toEqual(['CLOSED', 'SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'TIME_WAIT']);
      expect(r.paths.server).toEqual(['CLOSED', 'LISTEN', 'SYN_RCVD', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
      expect(r.flags).toEqual([]);
    });
  }

  it('fin-retransmit.pcap: the first FIN is lost; FIN_WAIT_1 lasts across its retransmission', () => {
    const { packets, r } = replay('fin-retransmit.pcap');
    expect(packets.map((p) => p.flags.join(','))).toEqual(['SYN', 'SYN,ACK', 'ACK', 'PSH,ACK', 'ACK', 'FIN,ACK', 'FIN,ACK', 'FIN,ACK', 'ACK']);
    const [fin1, fin2] = packets.filter((p) => p.srcPort === 40000 && p.flags.includes('FIN'));
    // the same FIN again after the client's RTO (Linux's minimum, 0.2 s)
    expect(fin2!.seq).toBe(fin1!.seq);
    expect(fin2!.t - fin1!.t).toBeGreaterThan(0.2);
    expect(fin2!.t - fin1!.t).toBeLessThan(0.4);
    expect(r.paths.client).toEqual(['CLOSED', 'SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'TIME_WAIT']);
    expect(r.paths.server).toEqual(['CLOSED', 'LISTEN', 'SYN_RCVD', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
    // the client is in FIN_WAIT_1 from its first FIN until the server's FIN,ACK, across the retransmission
    const t0 = r.trace.capture.start;
    const states = r.trace.events.filter((e) => e.type === 'state' && e.peer === 'client');
    const enter = states.find((e) => e.type === 'state' && e.to === 'FIN_WAIT_1')!;
    const leave = states.find((e) => e.type === 'state' && e.from === 'FIN_WAIT_1')!;
    expect(enter.t).toBeCloseTo(fin1!.t - t0, 6);
    expect(leave.t).toBeGreaterThan(fin2!.t - t0);
    const sends = r.trace.events.filter((e) => e.type === 'send' && e.peer === 'client' && e.seg.flags.includes('FIN'));
    expect(sends.map((e) => e.type === 'send' && !!e.retransmit)).toEqual([false, true]);
    // the model's own RTO explains the retransmission: nothing is flagged
    expect(r.trace.events.some((e) => e.type === 'timer' && e.peer === 'client' && e.timer === 'RTO' && e.action === 'fire' && e.t > enter.t && e.t <= fin2!.t - t0)).toBe(true);
    expect(r.flags).toEqual([]);
  });

  it('simultaneous-close.pcap: the FINs cross; both peers pass through CLOSING to TIME_WAIT', () => {
    const { packets, r } = replay('simultaneous-close.pcap');
    const fin = (port: number) => packets.find((p) => p.srcPort === port && p.flags.includes('FIN'))!;
    const c = fin(40000);
    const s = fin(8080);
    // each FIN was sent before its sender had the other's: neither acknowledges the other FIN
    expect((c.ack - s.seq) >>> 0).toBe(0);
    // (the server's FIN acknowledges at most up to the client's FIN, not the FIN itself)
    expect((c.seq - s.ack) >>> 0).toBeLessThan(0x8000_0000);
    expect(r.paths.client).toEqual(['CLOSED', 'SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'CLOSING', 'TIME_WAIT']);
    expect(r.paths.server).toEqual(['CLOSED', 'LISTEN', 'SYN_RCVD', 'ESTABLISHED', 'FIN_WAIT_1', 'CLOSING', 'TIME_WAIT']);
    // the trace shows the crossing: each side sends its FIN before the other's is delivered to it
    const at = (type: string, peer: string) => r.trace.events.findIndex((e) => e.type === type && e.peer === peer && 'seg' in e && e.seg.flags.includes('FIN'));
    expect(at('send', 'client')).toBeLessThan(at('deliver', 'client'));
    expect(at('send', 'server')).toBeLessThan(at('deliver', 'server'));
    expect(r.flags).toEqual([]);
  });

  it('rst-closed-port.pcap: connect() to a closed port is refused with RST,ACK', () => {
    const { packets, r } = replay('rst-closed-port.pcap');
    expect(packets.map((p) => p.flags.join(','))).toEqual(['SYN', 'RST,ACK']);
    expect(r.paths.client).toEqual(['CLOSED', 'SYN_SENT', 'CLOSED']);
    expect(r.paths.server).toEqual(['CLOSED']);
    expect(r.trace.events.find((e) => e.type === 'app' && e.call === 'connect' && e.peer === 'client' && e.result === 'ECONNREFUSED')).toBeTruthy();
    expect(r.flags).toEqual([]);
  });
});
