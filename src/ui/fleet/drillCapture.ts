/**
 * The capture of a drilled-into connection: its story replayed by the two-peer World up to the
 * instant picked, as tcpdump on the fleet's server would have recorded it (the addresses and
 * ports the `ss` readout prints). Runs in the fleet worker.
 */
import { SERVER_ADDR, SERVER_PORT } from '../../fleet/addresses.ts';
import { replayWorld } from '../../fleet/drill.ts';
import { traceToPcapng } from '../../pcap/export.ts';
import type { DrillConnection } from './protocol.ts';

export function drillCapture(c: DrillConnection, presetId: string): Uint8Array {
  const w = replayWorld(c.replay);
  const colon = c.peer.lastIndexOf(':');
  const client = { addr: c.peer.slice(0, colon), port: Number(c.peer.slice(colon + 1)) };
  const title = `tcp-state-sim fleet, preset ${presetId}: connection #${c.serial} (client ${c.behaviour}, application ${c.mode ?? 'none'}), captured at the server up to its drilled-into instant; timestamps are virtual seconds from the server's listen()`;
  return traceToPcapng(w.trace, { point: 'server', hosts: { client, server: { addr: SERVER_ADDR, port: SERVER_PORT } }, mss: w.knobs.mss, title });
}

/** `fleet-close-wait-leak-conn1234-CLOSE_WAIT-120s.pcapng` */
export const drillCaptureName = (presetId: string, c: DrillConnection, state: string, t: number): string => `fleet-${presetId}-conn${c.serial}-${state}-${t}s.pcapng`;
