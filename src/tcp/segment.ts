import { seqAdd } from './seq.ts';

/** Flag names in the contract's order (DESIGN.md: SYN,FIN,RST,PSH,ACK). */
export const FLAG_ORDER = ['SYN', 'FIN', 'RST', 'PSH', 'ACK'] as const;
export type FlagName = (typeof FLAG_ORDER)[number];

export interface Flags {
  SYN?: boolean;
  FIN?: boolean;
  RST?: boolean;
  PSH?: boolean;
  ACK?: boolean;
}

/** A TCP segment as the model needs it. Payload is a byte count: the model never carries bytes. */
export interface Segment {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: Flags;
  len: number;
  win: number;
  /** MSS option (SYN segments only) */
  mss?: number;
  /** SACK-permitted option (SYN segments only); the model sends no SACK blocks */
  sackOk?: true;
  /** a tail loss probe (RFC 8985): not on the wire, a label for the trace and the ladder */
  tlp?: true;
}

/** SEG.LEN in sequence space: payload plus one for SYN and one for FIN. */
export function segSpace(s: Pick<Segment, 'flags' | 'len'>): number {
  return s.len + (s.flags.SYN ? 1 : 0) + (s.flags.FIN ? 1 : 0);
}

export function segEnd(s: Segment): number {
  return seqAdd(s.seq, segSpace(s));
}

export function flagList(f: Flags): FlagName[] {
  const out: FlagName[] = [];
  if (f.SYN) out.push('SYN');
  if (f.FIN) out.push('FIN');
  if (f.RST) out.push('RST');
  if (f.PSH) out.push('PSH');
  if (f.ACK) out.push('ACK');
  return out;
}

/** `SYN,ACK`; an empty flag set is written `-` (packetdrill's spelling). */
export function formatFlags(f: Flags): string {
  const l = flagList(f);
  return l.length ? l.join(',') : '-';
}

export function flagsFrom(names: readonly FlagName[]): Flags {
  const f: Flags = {};
  for (const n of names) f[n] = true;
  return f;
}
