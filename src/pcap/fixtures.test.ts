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

  it('rst-closed-port.pcap: connect() to a closed port is refused with RST,ACK', () => {
    const { packets, r } = replay('rst-closed-port.pcap');
    expect(packets.map((p) => p.flags.join(','))).toEqual(['SYN', 'RST,ACK']);
    expect(r.paths.client).toEqual(['CLOSED', 'SYN_SENT', 'CLOSED']);
    expect(r.paths.server).toEqual(['CLOSED']);
    expect(r.trace.events.find((e) => e.type === 'app' && e.call === 'connect' && e.peer === 'client' && e.result === 'ECONNREFUSED')).toBeTruthy();
    expect(r.flags).toEqual([]);
  });
});
