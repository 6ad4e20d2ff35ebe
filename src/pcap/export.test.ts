import { describe, expect, it } from 'vitest';
import { requireScenario } from '../scenarios/index.ts';
import { createWorld } from '../scenarios/world.ts';
import { traceToCaptureFile, traceToPcap, traceToPcapng, formatForFile } from './export.ts';

function run(id: string) {
  const w = createWorld(requireScenario(id));
  w.runUntil(200);
  return w.toJSON();
}

describe('trace → capture', () => {
  it('a segment lost on its way to the server is seen only at the client, marked lost', () => {
    const t = run('lost-fin');
    const client = traceToCaptureFile(t, { point: 'client' }).packets;
    const server = traceToCaptureFile(t, { point: 'server' }).packets;
    const lostAtClient = client.filter((p) => p.comment?.includes('lost in the network (drop-next): the server never receives it'));
    expect(lostAtClient).toHaveLength(1);
    expect(server.some((p) => p.comment?.includes('lost'))).toBe(false);
    // The server saw one FIN from the client (the retransmission); the client sent two.
    const sends = t.events.filter((e) => e.type === 'send' && e.peer === 'client').length;
    const delivered = t.events.filter((e) => e.type === 'deliver' && e.peer === 'client').length;
    expect(client).toHaveLength(sends + delivered);
    expect(client.find((p) => p.comment?.includes('retransmission'))?.comment).toMatch(/^client FIN_WAIT_1; server ESTABLISHED; retransmission$/);
  });

  it('each packet names both peers\' states after it, with the change it caused', () => {
    const c = traceToCaptureFile(run('teardown'), { point: 'client' }).packets.map((p) => p.comment);
    expect(c[0]).toBe('client CLOSED → SYN_SENT; server LISTEN');
    expect(c).toContain('client FIN_WAIT_1 → FIN_WAIT_2; server CLOSE_WAIT');
    expect(c).toContain('client FIN_WAIT_2 → TIME_WAIT; server LAST_ACK');
  });

  it('the capture at both peers is the two single captures on two interfaces, timestamps in virtual time', () => {
    const t = run('teardown');
    const both = traceToCaptureFile(t, { point: 'both' });
    expect(both.interfaces.map((i) => i.name)).toEqual(['client', 'server']);
    for (const [i, p] of [[0, 'client'], [1, 'server']] as const) {
      const single = traceToCaptureFile(t, { point: p }).packets;
      expect(both.packets.filter((x) => x.iface === i).map((x) => [x.t, [...x.data]])).toEqual(single.map((x) => [x.t, [...x.data]]));
    }
    const firstSend = t.events.find((e) => e.type === 'send')!;
    expect(both.packets[0]!.t).toBe(firstSend.t);
  });

  it('writes the formats\' magic numbers; classic pcap refuses two capture points', () => {
    const t = run('handshake');
    expect([...traceToPcapng(t).subarray(0, 4)]).toEqual([0x0a, 0x0d, 0x0d, 0x0a]);
    expect([...traceToPcap(t).subarray(0, 4)]).toEqual([0xd4, 0xc3, 0xb2, 0xa1]);
    expect(() => traceToPcap(t, { point: 'both' })).toThrow(/needs pcapng/);
    expect(formatForFile('x.PCAPNG')).toBe('pcapng');
    expect(formatForFile('x.pcap')).toBe('pcap');
    expect(formatForFile('x.cap')).toBeNull();
  });
});
