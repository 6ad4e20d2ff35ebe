/** What the capture writers take: interfaces and timestamped frames, format-neutral. */
export interface CaptureInterface {
  name: string;
  description?: string;
  /** LINKTYPE_* value (1 = Ethernet) */
  linkType: number;
}

export interface CapturePacket {
  /** index into the interfaces */
  iface: number;
  /** seconds since the epoch (the simulator writes virtual time: 0 = the start of the run) */
  t: number;
  data: Uint8Array;
  comment?: string;
}

export interface CaptureFile {
  interfaces: CaptureInterface[];
  packets: CapturePacket[];
  /** the section's comment (pcapng only) */
  comment?: string;
  /** the application that wrote the file (pcapng only) */
  application?: string;
}

export const LINKTYPE_ETHERNET = 1;
export const SNAPLEN = 262144;

/** Whole microseconds of a time in seconds, split into the two 32-bit halves the formats use. */
export function micros(t: number): { hi: number; lo: number; sec: number; usec: number } {
  const us = Math.round(t * 1e6);
  return { hi: Math.floor(us / 2 ** 32), lo: us % 2 ** 32, sec: Math.floor(us / 1e6), usec: us % 1e6 };
}
