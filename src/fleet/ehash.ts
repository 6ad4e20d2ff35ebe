/**
 * The order `ss -tan` lists established-hash sockets in: inet_diag walks the kernel's ehash
 * table bucket by bucket, and a bucket's chain holds its newest socket first. A socket's bucket
 * is a keyed hash of its 4-tuple (inet_ehashfn()), so a listing reads in no order a person would
 * recognise: `ss -tan state close-wait | head` shows scattered peers, not the oldest ones.
 * The model hashes the client's port (every connection's own: addresses.ts) with a fixed key,
 * so a run lists the same sockets each time.
 */

/** buckets of the table (2^20: a server with some 16 GB of memory) */
const BUCKET_BITS = 20;
/** room for a socket id beside its bucket in one exactly representable number */
const ID_SPAN = 2 ** 33;
const KEY = 0x9e3779b9;

/** The bucket of the connection from client port `port` (murmur3's finaliser over the keyed port). */
export function ehashBucket(port: number): number {
  let h = (port ^ KEY) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = (h ^ (h >>> 16)) >>> 0;
  return h >>> (32 - BUCKET_BITS);
}

/** Socket `id`'s place in the listing: smaller comes first (its bucket, then the newest socket of the bucket). */
export const ehashRank = (port: number, id: number): number => ehashBucket(port) * ID_SPAN + (ID_SPAN - 1 - id);

/** The socket id a rank was made from. */
export const rankId = (rank: number): number => ID_SPAN - 1 - (rank % ID_SPAN);
