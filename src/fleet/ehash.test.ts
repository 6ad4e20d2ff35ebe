import { describe, expect, it } from 'vitest';
import { ehashBucket, ehashRank, rankId } from './ehash.ts';

describe('ss order (ehash)', () => {
  it('gives each socket back from its rank, and lists a bucket newest first', () => {
    for (const [port, id] of [
      [100_000, 1],
      [123_456, 2 ** 31],
      [50_000_001, 7],
    ] as const) {
      expect(rankId(ehashRank(port, id))).toBe(id);
      expect(ehashRank(port, id + 1)).toBeLessThan(ehashRank(port, id));
    }
  });

  it('scatters consecutive connections over the table, as a keyed hash of the 4-tuple does', () => {
    const ports = Array.from({ length: 2000 }, (_, i) => 100_000 + i);
    const buckets = ports.map(ehashBucket);
    expect(new Set(buckets).size).toBeGreaterThan(1990);
    // the first ten in listing order are not the ten oldest connections
    const first = [...ports].sort((a, b) => ehashBucket(a) - ehashBucket(b)).slice(0, 10);
    expect(first).not.toEqual(ports.slice(0, 10));
    expect(Math.max(...first) - Math.min(...first)).toBeGreaterThan(500);
  });
});
