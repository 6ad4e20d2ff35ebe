/**
 * The TCB packs its yes/no facts into one field (Tcb.flags); snapshots still spell each one
 * out as a boolean, in the order the fields always had, so saved worlds read the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveKnobs } from './knobs.ts';
import { Stack } from './stack/stack.ts';
import type { TcbFlag } from './tcb.ts';
import { createTcb, flag, setFlag, TF, tcbFromSnapshot, tcbSnapshot } from './tcb.ts';

/** the snapshot's keys, as `{ ...tcb }` wrote them before the flags were packed */
const SNAPSHOT_KEYS = [
  'k', 'localPort', 'remotePort', 'passive', 'iss', 'irs', 'sndUna', 'sndNxt', 'sndWnd', 'maxSndWnd', 'sndMss', 'rcvNxt', 'heldData', 'unsent', 'writeEnds', 'unread',
  'finQueued', 'finSeq', 'peerFin', 'ofo', 'ofoFin', 'orphan', 'shutRd', 'linger0', 'rto', 'srtt', 'rttvar', 'rttSeq', 'rttAt', 'retries', 'headSentAt', 'keepalive',
  'kaProbes', 'pingpong', 'lastRcvAt', 'sackOk', 'cwnd', 'ssthresh', 'cwndCnt', 'tlpArmed', 'tlpHighSeq', 'lastOowAckAt', 'error', 'finWait2Bucket',
];
const NAMES = Object.keys(TF) as TcbFlag[];

describe('TCB flags', () => {
  it('setFlag changes only its own bit, and the snapshot spells each bit out as a boolean in the historical key order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.boolean()), { maxLength: 30 }), (ops) => {
        const t = createTcb({ k: resolveKnobs('linux'), localPort: 80, remotePort: 4000, iss: 7 });
        const want: Record<string, boolean> = Object.fromEntries(NAMES.map((n) => [n, false]));
        for (const [name, on] of ops) {
          setFlag(t, TF[name], on);
          want[name] = on;
        }
        for (const n of NAMES) expect(flag(t, TF[n])).toBe(want[n]);
        const snap = tcbSnapshot(t);
        expect(Object.keys(snap)).toEqual(SNAPSHOT_KEYS);
        for (const n of NAMES) expect(snap[n]).toBe(want[n]);
        const back = tcbFromSnapshot({ ...(JSON.parse(JSON.stringify({ ...snap, k: undefined })) as typeof snap), k: t.k });
        expect({ ...back, k: undefined }).toEqual({ ...t, k: undefined });
      }),
      { numRuns: 300 },
    );
  });

  it('createTcb sets passive and linger0 from its options', () => {
    const k = resolveKnobs('linux');
    const t = createTcb({ k, localPort: 1, remotePort: 2, iss: 3, passive: true, linger0: true });
    expect(NAMES.filter((n) => flag(t, TF[n]))).toEqual(['passive', 'linger0']);
  });

  it('a stack saved, loaded and saved again writes the same JSON (flags included)', () => {
    const k = resolveKnobs('linux');
    let seed = 1;
    const rand32 = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const server = new Stack({ knobs: k, rand32 });
    const client = new Stack({ knobs: k, rand32, ephemeralBase: 1024 });
    const l = server.socket();
    server.bind(l, 80);
    server.listen(l, 10, 0);
    const c = client.socket();
    client.connect(c, 80, 0);
    for (let i = 0; i < 3; i++) {
      for (const e of client.drain()) if (e.kind === 'send') server.deliver(e.seg, 0.01 * i);
      for (const e of server.drain()) if (e.kind === 'send') client.deliver(e.seg, 0.01 * i);
    }
    client.close(c, 1);
    const saved = client.save();
    const ctx = saved.socks.find((s) => s.id === c)!.conn!.context;
    expect(ctx.finQueued).toBe(true);
    expect(ctx.orphan).toBe(true);
    const again = new Stack({ knobs: k, rand32, ephemeralBase: 1024 });
    again.load(saved);
    const strip = (x: unknown) => JSON.stringify(x, (key, v) => (key === 'k' ? undefined : v));
    expect(strip(again.save())).toBe(strip(saved));
    expect(flag(again.tcb(c)!, TF.orphan)).toBe(true);
  });
});
