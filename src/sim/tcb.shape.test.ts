/**
 * The TCB keeps one shape (issue: a fixed-shape TCB): created with every field, never
 * given or relieved of one, no field ever null, so V8 keeps every TCB in one hidden
 * class with fast properties. Checked two ways: the key list after every event of every
 * library scenario and of a lossy load; and V8's own answer (%HaveSameMap) in a child
 * Node started with --allow-natives-syntax.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_UNTIL, SCENARIOS } from '../scenarios/index.ts';
import { createWorld } from '../scenarios/world.ts';
import { resolveKnobs } from '../tcp/knobs.ts';
import { createTcb } from '../tcp/tcb.ts';
import type { Tcb } from '../tcp/tcb.ts';
import { World } from './world.ts';

const KEYS = Object.keys(createTcb({ k: resolveKnobs('linux'), localPort: 1, remotePort: 2, iss: 3 })).join(',');

/** What is wrong with a TCB's shape, or null: keys in createTcb's order, no null or undefined, numbers finite. */
function misshapen(t: Tcb): string | null {
  const keys = Object.keys(t).join(',');
  if (keys !== KEYS) return `keys ${keys}`;
  for (const [k, v] of Object.entries(t)) {
    if (v === null || v === undefined) return `${k} is ${v}`;
    if (typeof v === 'number' && !Number.isFinite(v)) return `${k} is ${v}`;
  }
  return null;
}

function checkAll(w: World, where: string): number {
  let n = 0;
  for (const stack of [w.stacks.client, w.stacks.server]) {
    for (const s of stack.allSocks()) {
      if (!s.conn) continue;
      const bad = misshapen(s.conn.tcb);
      if (bad) expect.fail(`${where}: socket ${s.id} in ${s.conn.state}: ${bad}`);
      n++;
    }
  }
  return n;
}

describe('the TCB keeps one shape', () => {
  it('after every event of every library scenario (both profiles), no field added, removed, reordered or null', () => {
    let checked = 0;
    for (const sc of SCENARIOS) {
      for (const profile of ['linux', 'rfc9293'] as const) {
        const w = createWorld(sc, { profile });
        const until = sc.until ?? DEFAULT_UNTIL;
        for (let i = 0; i < 20_000 && w.step(); i++) {
          if (w.now > until) break;
          checked += checkAll(w, `${sc.id} (${profile}) at ${w.now}s`);
        }
      }
    }
    // every scenario's connections, at every event (a few dozen each)
    expect(checked).toBeGreaterThan(20 * SCENARIOS.length);
  });

  it('after every event of a lossy, duplicating load with every behaviour mixed', () => {
    const w = new World({
      seed: 3,
      set: { tcp_sack: 1 },
      link: { delay: 0.02, loss: 5, jitter: 0.01, duplicate: 2 },
      load: { rate: 50, until: 5, clients: { 'closes-first': 1, waits: 1, aborts: 1, holds: 1 }, servers: { 'close-first': 1, 'wait-close': 1, leak: 1 } },
    });
    let checked = 0;
    for (let i = 0; i < 30_000 && w.step(); i++) checked += checkAll(w, `load at ${w.now}s`);
    expect(checked).toBeGreaterThan(10_000);
  });

  it('V8 keeps every live TCB of a mixed lean load in the hidden class of a fresh one, with fast properties and small integers unboxed', () => {
    const probe = join(dirname(fileURLToPath(import.meta.url)), 'test/tcbShapeProbe.ts');
    const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', probe, '8'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { tcbs: number; sameMap: number; fast: number; states: string[]; boxed: string[] };
    expect(out.tcbs).toBeGreaterThan(5000);
    expect(out.sameMap).toBe(out.tcbs);
    expect(out.fast).toBe(out.tcbs);
    // no integer field holds a heap number for a value that fits a small integer
    expect(out.boxed).toEqual([]);
    // the TCBs sampled were in (almost) every state
    expect(out.states.length).toBeGreaterThanOrEqual(9);
  }, 120_000);
});
