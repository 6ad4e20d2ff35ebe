/**
 * Run by tcb.shape.test.ts under `node --allow-natives-syntax`: drives a lean World with a
 * load of mixed lifecycles, then asks V8 whether every live TCB has the hidden class
 * (map) of a TCB created afresh, and fast (not dictionary-mode) properties. Prints one
 * JSON line: { tcbs, sameMap, fast, states, boxed }: `boxed` names the integer fields found holding a
 * heap number for a value that fits a small integer (16 bytes per connection each, for nothing).
 */
import { World } from '../world.ts';
import { createTcb } from '../../tcp/tcb.ts';
import type { Tcb } from '../../tcp/tcb.ts';

// natives syntax is only parsed where the flag is on, so the checks are built at run time
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
const hasFastProperties = new Function('a', 'return %HasFastProperties(a)') as (a: object) => boolean;
const isSmi = new Function('x', 'return %IsSmi(x)') as (x: unknown) => boolean;
/** integer fields: counts, ports, windows and sequence numbers (times and RTO estimates are fractions) */
const INTEGER_FIELDS = ['localPort', 'remotePort', 'iss', 'irs', 'sndUna', 'sndNxt', 'sndWnd', 'maxSndWnd', 'sndMss', 'rcvNxt', 'heldData', 'unsent', 'unread', 'finSeq', 'ofoFin', 'rttSeq', 'retries', 'kaProbes', 'cwnd', 'ssthresh', 'cwndCnt', 'tlpHighSeq'] as const;

const seconds = Number(process.argv[2] ?? 20);
const w = new World({
  seed: 7,
  lean: true,
  set: { tcp_sack: 1 },
  link: { delay: 0.02, loss: 3, jitter: 0.01, duplicate: 1 },
  load: { rate: 300, clients: { 'closes-first': 1, waits: 1, aborts: 1, holds: 1 }, servers: { 'close-first': 1, 'wait-close': 1, leak: 1 } },
});
const tcbs: Tcb[] = [];
const states = new Set<string>();
for (let t = 1; t <= seconds; t++) {
  w.runUntil(t);
  // sample the TCBs as they are mid-run, in every state they are in
  for (const stack of [w.stacks.client, w.stacks.server]) {
    for (const s of stack.allSocks()) {
      if (!s.conn) continue;
      tcbs.push(s.conn.tcb);
      states.add(s.conn.state);
    }
  }
}
const fresh = createTcb({ k: w.knobs, localPort: 1, remotePort: 2, iss: 3 });
let sameMap = 0;
let fast = 0;
const boxed = new Set<string>();
for (const t of tcbs) {
  if (haveSameMap(t, fresh)) sameMap++;
  if (hasFastProperties(t)) fast++;
  for (const f of INTEGER_FIELDS) {
    const v = t[f];
    if (Number.isInteger(v) && v >= -(2 ** 30) && v < 2 ** 30 && !isSmi(v)) boxed.add(f);
  }
}
console.log(JSON.stringify({ tcbs: tcbs.length, sameMap, fast, states: [...states].sort(), boxed: [...boxed].sort() }));
