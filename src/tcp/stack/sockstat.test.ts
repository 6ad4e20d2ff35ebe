/**
 * /proc/net/sockstat's TCP line counted from a host's sockets (sockstat.ts), against what the
 * kernel showed for the same sockets (see the comment there and the linux sockstat-*.pkt scripts).
 */
import { describe, expect, it } from 'vitest';
import { resolveKnobs } from '../knobs.ts';
import type { Knobs } from '../knobs.ts';
import { Stack } from './stack.ts';
import { sockstatLine } from './sockstat.ts';

let seed = 1;
const rand32 = () => (seed = (seed * 1103515245 + 12345) >>> 0);

/** Two hosts whose segments cross at once (timers never fire: every count is read between events). */
function pair(k: Knobs) {
  const server = new Stack({ knobs: k, rand32 });
  const client = new Stack({ knobs: k, rand32, ephemeralBase: 40000 });
  const pump = () => {
    for (let moved = true; moved; ) {
      moved = false;
      for (const [from, to] of [
        [client, server],
        [server, client],
      ] as const) {
        for (const e of from.drain()) {
          if (e.kind !== 'send') continue;
          to.deliver(e.seg, 0);
          moved = true;
        }
      }
    }
  };
  return { server, client, pump };
}

describe('sockstat', () => {
  it('counts full sockets, hashed ones, orphans and TIME_WAIT buckets as Linux does', () => {
    const { server, client, pump } = pair(resolveKnobs('linux'));
    const l = server.socket();
    server.bind(l, 80);
    server.listen(l, 16, 0);
    expect(server.sockstat()).toEqual({ inuse: 1, orphan: 0, tw: 0, alloc: 1 });

    // a connection in the SYN queue is a request sock: nothing counted until the handshake completes
    const c1 = client.socket();
    client.connect(c1, 80, 0);
    for (const e of client.drain()) if (e.kind === 'send') server.deliver(e.seg, 0);
    expect(server.countInState('SYN_RCVD')).toBe(1);
    expect(server.sockstat()).toEqual({ inuse: 1, orphan: 0, tw: 0, alloc: 1 });
    // the client's SYN_SENT is hashed
    expect(client.sockstat()).toEqual({ inuse: 1, orphan: 0, tw: 0, alloc: 1 });
    for (const e of server.drain()) if (e.kind === 'send') client.deliver(e.seg, 0);
    pump();
    // established, waiting in the accept queue: a full socket, hashed
    expect(server.sockstat()).toEqual({ inuse: 2, orphan: 0, tw: 0, alloc: 2 });

    // a fresh socket is allocated and not hashed
    const fresh = server.socket();
    expect(server.sockstat()).toEqual({ inuse: 2, orphan: 0, tw: 0, alloc: 3 });
    server.close(fresh, 0);

    // the client closes: FIN_WAIT_1 is an orphan until its FIN is acknowledged ...
    client.close(c1, 0);
    expect(client.sockstat()).toEqual({ inuse: 1, orphan: 1, tw: 0, alloc: 1 });
    pump();
    // ... then its FIN_WAIT_2 (tcp_fin_timeout 60 s, TIME_WAIT's length) is a TIME_WAIT bucket, no full socket
    expect(client.state(c1)).toBe('FIN_WAIT_2');
    expect(client.holdsTwBucket(c1)).toBe(true);
    expect(client.sockstat()).toEqual({ inuse: 0, orphan: 0, tw: 1, alloc: 0 });
    expect(sockstatLine(client.sockstat())).toBe('TCP: inuse 0 orphan 0 tw 1 alloc 0 mem 0');
    // the server end in CLOSE_WAIT, accepted or not, is neither
    const a = server.accept(l).value!;
    expect(server.state(a)).toBe('CLOSE_WAIT');
    expect(server.sockstat()).toEqual({ inuse: 2, orphan: 0, tw: 0, alloc: 2 });
    // its application closes: LAST_ACK is an orphan; the client's FIN_WAIT_2 becomes TIME_WAIT, still a bucket
    server.close(a, 0);
    expect(server.sockstat()).toEqual({ inuse: 2, orphan: 1, tw: 0, alloc: 2 });
    pump();
    expect(client.state(c1)).toBe('TIME_WAIT');
    expect(client.sockstat()).toEqual({ inuse: 0, orphan: 0, tw: 1, alloc: 0 });
    expect(server.sockstat()).toEqual({ inuse: 1, orphan: 0, tw: 0, alloc: 1 });
  });

  it('an orphan FIN_WAIT_2 whose tcp_fin_timeout outlasts TIME_WAIT stays a full socket and an orphan', () => {
    const { server, client, pump } = pair(resolveKnobs('linux', { tcp_fin_timeout: 120 }));
    const l = server.socket();
    server.bind(l, 80);
    server.listen(l, 16, 0);
    const c = client.socket();
    client.connect(c, 80, 0);
    pump();
    client.close(c, 0);
    pump();
    expect(client.state(c)).toBe('FIN_WAIT_2');
    expect(client.sockstat()).toEqual({ inuse: 1, orphan: 1, tw: 0, alloc: 1 });
  });

  it('a CLOSED socket whose descriptor is open is allocated but in no hash', () => {
    const { server, client, pump } = pair(resolveKnobs('linux'));
    const c = client.socket();
    client.connect(c, 80, 0);
    pump(); // nobody listens: RST
    expect(client.state(c)).toBe('CLOSED');
    expect(client.sockstat()).toEqual({ inuse: 0, orphan: 0, tw: 0, alloc: 1 });
    void server;
  });
});
