import { UNSET } from '../tcb.ts';
import { describe, expect, it } from 'vitest';
import { resolveKnobs } from '../knobs.ts';
import type { Segment } from '../segment.ts';
import { oowAckCounts, oowAckSuppressed } from './ratelimit.ts';

const seg = (p: Partial<Segment> = {}): Segment => ({ srcPort: 1, dstPort: 2, seq: 0, ack: 0, flags: { RST: true }, len: 0, win: 0, ...p });
const linux = resolveKnobs('linux');

describe('per-socket limit of ACKs for invalid segments (tcp_invalid_ratelimit)', () => {
  it('lets the first through, suppresses within 0.5 s, lets one through after', () => {
    expect(oowAckSuppressed({ k: linux, lastOowAckAt: UNSET }, seg(), 1)).toBe(false);
    expect(oowAckSuppressed({ k: linux, lastOowAckAt: 1 }, seg(), 1.1)).toBe(true);
    expect(oowAckSuppressed({ k: linux, lastOowAckAt: 1 }, seg(), 1.499)).toBe(true);
    expect(oowAckSuppressed({ k: linux, lastOowAckAt: 1 }, seg(), 1.5)).toBe(false);
  });
  it('never limits data without SYN, and does not count it', () => {
    const data = seg({ flags: { ACK: true }, len: 10 });
    expect(oowAckSuppressed({ k: linux, lastOowAckAt: 1 }, data, 1.1)).toBe(false);
    expect(oowAckCounts({ k: linux }, data)).toBe(false);
    expect(oowAckCounts({ k: linux }, seg({ flags: { SYN: true }, len: 10 }))).toBe(true);
  });
  it('is off under rfc9293', () => {
    expect(oowAckSuppressed({ k: resolveKnobs('rfc9293'), lastOowAckAt: 1 }, seg(), 1.1)).toBe(false);
  });
});
