import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requireScenario } from '../scenarios/index.ts';
import { createWorld } from '../scenarios/world.ts';
import { CaptureError } from './capture-error.ts';
import { listStreams, readCapture, skipNotes, streamPackets } from './capture.ts';
import { traceToPcap, traceToPcapng } from './export.ts';
import { ipv4Packet } from './packet.ts';
import { ipv6Packet, pcapFile, pcapngFile, seg, withLink } from './test-captures.ts';

const syn = seg();
const synAck = seg({ src: syn.dst, dst: syn.src, flags: ['SYN', 'ACK'], seq: 5000, ack: 1001 });
const data = seg({ flags: ['PSH', 'ACK'], seq: 1001, ack: 5001, len: 10, mss: undefined });

function caught(f: () => unknown): CaptureError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CaptureError);
    return e as CaptureError;
  }
  throw new Error('expected a CaptureError');
}

describe('capture reader', () => {
  it('reads back what the writer wrote, as pcapng and pcap', () => {
    const w = createWorld(requireScenario('teardown'));
    w.runUntil(100);
    const sends = w.trace.filter((e) => e.type === 'send' && e.peer === 'client');
    for (const bytes of [traceToPcapng(w.toJSON()), traceToPcap(w.toJSON())]) {
      const c = readCapture(bytes, 'x');
      expect(c.skipped).toEqual([]);
      const [s] = listStreams(c);
      expect(s!.client).toEqual({ addr: '192.0.2.10', port: 40000 });
      expect(s!.server).toEqual({ addr: '198.51.100.20', port: 80 });
      const fromClient = c.tcp.filter((p) => p.src === '192.0.2.10');
      expect(fromClient.map((p) => [p.t, p.flags.join(','), p.seq, p.len])).toEqual(sends.map((e) => e.type === 'send' && [e.t, e.seg.flags.join(','), e.seg.seq, e.seg.len]));
      expect(c.tcp[0]!.mss).toBe(1460);
    }
  });

  it('pcap in both byte orders, with microsecond and nanosecond timestamps', () => {
    const recs = [{ t: 1700000000.123456, data: ipv4Packet(syn) }, { t: 1700000000.5, data: ipv4Packet(synAck) }];
    for (const le of [true, false]) {
      for (const nanos of [false, true]) {
        const c = readCapture(pcapFile(101, recs, { le, nanos }), 'f.pcap');
        expect(c.tcp.map((p) => p.flags.join(','))).toEqual(['SYN', 'SYN,ACK']);
        expect(c.tcp[0]!.t).toBeCloseTo(1700000000.123456, 6);
        expect(c.tcp[1]!.seq).toBe(5000);
      }
    }
    const ns = readCapture(pcapFile(101, [{ t: 1.000000007, data: ipv4Packet(syn) }], { nanos: true }), 'f');
    expect(ns.tcp[0]!.t).toBeCloseTo(1.000000007, 9);
  });

  it('pcapng in both byte orders, several interfaces of different link types and resolutions', () => {
    for (const le of [true, false]) {
      const bytes = pcapngFile([{ linkType: 1 }, { linkType: 276, tsresol: 9 }], [
        { t: 10.5, data: withLink(1, ipv4Packet(syn)), iface: 0 },
        { t: 10.500000001, data: withLink(276, ipv4Packet(synAck)), iface: 1 },
      ], le);
      const c = readCapture(bytes, 'f.pcapng');
      expect(c.format).toBe('pcapng');
      expect(c.tcp.map((p) => [p.iface, p.flags.join(',')])).toEqual([[0, 'SYN'], [1, 'SYN,ACK']]);
      expect(c.tcp[1]!.t).toBeCloseTo(10.500000001, 9);
      expect(listStreams(c)).toHaveLength(1);
    }
  });

  it('every supported link type, IPv4 and IPv6 (with an extension header)', () => {
    const cases: [number, Uint8Array, boolean?][] = [];
    for (const ip of [ipv4Packet(data), ipv6Packet(data), ipv6Packet(data, true)]) {
      const v6 = ip[0]! >> 4 === 6;
      for (const lt of [1, 0, 108, 113, 276, 101]) cases.push([lt, ip]);
      cases.push([1, ip, true]); // VLAN-tagged Ethernet
      cases.push([v6 ? 229 : 228, ip]);
    }
    for (const [lt, ip, vlan] of cases) {
      const c = readCapture(pcapFile(lt, [{ t: 1, data: withLink(lt, ip, vlan) }]), `lt${lt}`);
      expect(c.skipped, `link type ${lt}`).toEqual([]);
      const p = c.tcp[0]!;
      expect([p.srcPort, p.dstPort, p.seq, p.ack, p.len, p.flags.join(',')]).toEqual([40000, 80, 1001, 5001, 10, 'PSH,ACK']);
      expect(p.src).toBe(ip[0]! >> 4 === 6 ? '2001:db8::1' : '10.0.0.1');
    }
  });

  it('non-TCP packets are skipped and counted, naming the first one\'s offset', () => {
    const udp = ipv4Packet(syn);
    udp[9] = 17;
    const arp = withLink(1, new Uint8Array(28));
    new DataView(arp.buffer).setUint16(12, 0x0806);
    const bytes = pcapFile(1, [{ t: 1, data: arp }, { t: 2, data: withLink(1, udp) }, { t: 3, data: withLink(1, udp) }, { t: 4, data: withLink(1, ipv4Packet(syn)) }]);
    const c = readCapture(bytes, 'mixed.pcap');
    expect(c.tcp).toHaveLength(1);
    expect(c.skipped.map((s) => [s.reason, s.count, s.first.number, s.first.offset])).toEqual([['EtherType 0x0806', 1, 1, 24], ['IP protocol 17', 2, 2, 24 + 16 + 42]]);
    expect(skipNotes(c)[1]).toBe('mixed.pcap: 2 packets skipped: IP protocol 17 (first: packet 2 at byte 82: not TCP (IP protocol 17))');
    // why, as data (the page words it in its own language)
    expect(c.skipped.map((s) => s.first.why)).toEqual([{ code: 'ethertype', type: '0x0806' }, { code: 'ip-protocol', proto: 17, ipv6: false }]);
  });

  it('a TCP header cut by the snapshot length is reported with its offset, and the stream id error says so', () => {
    const bytes = pcapFile(1, [{ t: 1, data: withLink(1, ipv4Packet(syn)), cap: 40 }]);
    const c = readCapture(bytes, 'cut.pcap');
    expect(c.skipped[0]).toMatchObject({ reason: 'TCP header cut by the snapshot length', cut: true, first: { offset: 24, detail: 'TCP header needs 54 bytes, the capture kept 40', why: { code: 'cut', header: 'TCP header', need: 54, have: 40 } } });
    expect(caught(() => streamPackets(c, 0)).message).toBe('cut.pcap: no TCP stream in 1 packet; 1 skipped: TCP header cut by the snapshot length (first at byte 24)');
  });

  it('clear errors for wrong magic, truncation, unsupported link types and unknown streams', () => {
    expect(caught(() => readCapture(new TextEncoder().encode('GIF89a..........'), 'pic.gif')).message).toBe('pic.gif: byte 0: wrong magic number 0x47494638: not a pcap or pcapng file');
    expect(caught(() => readCapture(new Uint8Array(2), 'tiny')).message).toBe('tiny: byte 0: truncated: 2 bytes is too short for a capture file');
    const good = pcapFile(101, [{ t: 1, data: ipv4Packet(syn) }, { t: 2, data: ipv4Packet(synAck) }]);
    expect(caught(() => readCapture(good.subarray(0, 20), 'h.pcap')).message).toBe('h.pcap: byte 20: truncated pcap header: 20 of 24 bytes');
    expect(caught(() => readCapture(good.subarray(0, good.length - 5), 'r.pcap')).message).toMatch(/^r\.pcap: byte 84: truncated packet 2: 44 bytes announced, 39 present$/);
    expect(caught(() => readCapture(good.subarray(0, 30), 's.pcap')).message).toBe('s.pcap: byte 24: truncated packet record header (packet 1): 6 of 16 bytes');
    expect(caught(() => readCapture(pcapFile(147, []), 'usb.pcap')).message).toMatch(/^usb\.pcap: byte 20: unsupported link type 147; supported: 0 BSD loopback/);
    const ng = pcapngFile([{ linkType: 1 }], [{ t: 1, data: withLink(1, ipv4Packet(syn)) }]);
    expect(caught(() => readCapture(ng.subarray(0, ng.length - 8), 't.pcapng')).message).toMatch(/^t\.pcapng: byte 52: truncated block: \d+ bytes announced, \d+ present$/);
    expect(caught(() => readCapture(pcapngFile([{ linkType: 189 }], []), 'u.pcapng')).message).toMatch(/^u\.pcapng: byte 36: unsupported link type 189/);
    const c = readCapture(good, 'g.pcap');
    expect(caught(() => streamPackets(c, 3)).message).toBe('g.pcap: no TCP stream 3; the capture holds 1: 0: 10.0.0.1:40000 → 10.0.0.2:80, 2 packets');
  });

  it('is total: any corruption or truncation of a valid file reads or gives a CaptureError', () => {
    const w = createWorld(requireScenario('lost-fin'));
    w.runUntil(100);
    const files = [traceToPcapng(w.toJSON(), { point: 'both' }), traceToPcap(w.toJSON()), pcapngFile([{ linkType: 276 }], [{ t: 1, data: withLink(276, ipv6Packet(data, true)) }], false)];
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.nat(), (f, edits, cutAt) => {
        const b = f.slice(0, cutAt % (f.length + 1));
        for (const [i, v] of edits) if (b.length) b[i % b.length] = v;
        try {
          const c = readCapture(b, 'fuzz');
          for (const s of listStreams(c)) streamPackets(c, s.id);
        } catch (e) {
          if (!(e instanceof CaptureError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
