/**
 * Where a captured segment was seen. With one capture point, each packet is
 * both its sending and its arrival (the other side's timing is unknown). With
 * two (a pcapng with an interface at each host, as `--pcap-at both` writes),
 * the same segment shows up twice: first leaving its sender, then arriving at
 * its receiver; a segment seen only leaving was lost on the way.
 */
import type { PeerName } from '../sim/types.ts';
import type { TcpPacket } from './decode.ts';

export interface Sighting {
  p: TcpPacket;
  from: PeerName;
  kind: 'send' | 'deliver' | 'both';
}

/** Which side each interface captured at, when the stream was captured at both ends; null otherwise. */
export function interfaceSides(packets: readonly TcpPacket[], sideOf: (p: TcpPacket) => PeerName): Map<number, PeerName> | null {
  const ifaces = new Set(packets.map((p) => p.iface));
  if (ifaces.size !== 2) return null;
  // The same segment (k-th copy) seen on two interfaces: the earlier sighting is at its sender.
  const seen = new Map<string, TcpPacket[]>();
  const count = new Map<string, number>();
  for (const p of packets) {
    const base = `${sideOf(p)}|${p.seq}|${p.ack}|${p.flags.join(',')}|${p.len}|${p.iface}`;
    const k = (count.get(base) ?? 0) + 1;
    count.set(base, k);
    const key = `${sideOf(p)}|${p.seq}|${p.ack}|${p.flags.join(',')}|${p.len}|${k}`;
    seen.set(key, [...(seen.get(key) ?? []), p]);
  }
  const votes = new Map<number, Record<PeerName, number>>();
  for (const group of seen.values()) {
    if (group.length !== 2 || group[0]!.iface === group[1]!.iface) continue;
    const v = votes.get(group[0]!.iface) ?? { client: 0, server: 0 };
    v[sideOf(group[0]!)]++;
    votes.set(group[0]!.iface, v);
  }
  const out = new Map<number, PeerName>();
  for (const [i, v] of votes) if (v.client !== v.server) out.set(i, v.client > v.server ? 'client' : 'server');
  const sides = new Set(out.values());
  if (out.size !== 2 || sides.size !== 2) return null;
  return out;
}

export function sightings(packets: readonly TcpPacket[], sideOf: (p: TcpPacket) => PeerName): { list: Sighting[]; twoPoints: boolean } {
  const sides = interfaceSides(packets, sideOf);
  if (!sides) return { list: packets.map((p) => ({ p, from: sideOf(p), kind: 'both' })), twoPoints: false };
  return { list: packets.map((p) => ({ p, from: sideOf(p), kind: sides.get(p.iface) === sideOf(p) ? 'send' : 'deliver' })), twoPoints: true };
}
