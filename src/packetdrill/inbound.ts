/** Turning a `<` line into the segment the script's peer sends to the stack. */
import type { Segment } from '../tcp/segment.ts';
import type { PacketEvent } from './ast.ts';
import { fail } from './failures.ts';
import { LOCAL_PORT, REMOTE_ISN, REMOTE_PORT } from './wire.ts';

/**
 * The window scale a `<` line announces, if it is a SYN carrying one. The
 * runner keeps it because the peer's later windows are written unscaled.
 */
export function announcedWscale(e: PacketEvent): number | undefined {
  const wsOpt = e.options?.items.find((i) => i.name === 'wscale');
  return e.flags.SYN && wsOpt?.value !== undefined ? Math.min(14, wsOpt.value) : undefined;
}

/**
 * The segment for a `<` line. `localIsn` maps its ack (relative to the
 * stack's ISN), `peerWscale` scales its window (a SYN's window is never scaled).
 */
export function inboundSegment(e: PacketEvent, localIsn: number, peerWscale: number): Segment {
  // `...(len)` can match whatever seq the stack sends, but the runner cannot invent one to send.
  if (e.seq.any) fail(e.line, { code: 'inbound-any-seq' });
  const mssOpt = e.options?.items.find((i) => i.name === 'mss');
  const win = e.win ?? 65535;
  return {
    srcPort: REMOTE_PORT,
    dstPort: LOCAL_PORT,
    seq: (REMOTE_ISN + e.seq.start) >>> 0,
    ack: e.ack !== undefined ? (localIsn + e.ack) >>> 0 : 0,
    flags: { SYN: e.flags.SYN, FIN: e.flags.FIN, RST: e.flags.RST, PSH: e.flags.PSH, ACK: e.flags.ACK },
    len: e.seq.len,
    win: e.flags.SYN ? win : win * 2 ** peerWscale,
    ...(e.flags.SYN && mssOpt?.value !== undefined ? { mss: mssOpt.value } : {}),
    ...(e.flags.SYN && e.options?.items.some((i) => i.name === 'sackOK') ? { sackOk: true as const } : {}),
  };
}
