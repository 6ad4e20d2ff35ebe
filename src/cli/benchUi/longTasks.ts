/**
 * Long tasks of a Chromium performance trace, each with what ran inside it: the main thread's
 * trace events it contains (script, style, layout, GC...) and the JavaScript stacks the V8 sampling
 * profiler caught during it (category `disabled-by-default-v8.cpu_profiler`). A profiling aid of
 * `benchUi/trace.ts`; prints, never judges.
 */

export interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tdur?: number;
  tid: number;
  pid: number;
  ts: number;
  id?: string;
  args?: {
    data?: {
      functionName?: string;
      url?: string;
      lineNumber?: number;
      startTime?: number;
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** JS samples of one thread: time (trace µs) and the stack, innermost first. */
function samplesOf(events: readonly TraceEvent[], pid: number, tid: number): { ts: number; stack: string[] }[] {
  const nodes = new Map<number, ProfileNode>();
  const out: { ts: number; node: number }[] = [];
  // the profile of the thread is announced on that thread; its chunks come from the profiler's own thread, under the same id
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  let t = profile?.args?.data?.startTime ?? NaN;
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || e.id !== profile?.id) continue;
    const d = e.args?.data;
    for (const n of d?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const s = d?.cpuProfile?.samples ?? [];
    const dt = d?.timeDeltas ?? [];
    for (let i = 0; i < s.length; i++) {
      t += dt[i] ?? 0;
      out.push({ ts: t, node: s[i]! });
    }
  }
  const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${(n.callFrame.url ?? '').split('/').pop()}:${(n.callFrame.lineNumber ?? 0) + 1}`;
  return out.map(({ ts, node }) => {
    const stack: string[] = [];
    for (let n = nodes.get(node); n; n = n.parent !== undefined ? nodes.get(n.parent) : undefined) stack.push(name(n));
    return { ts, stack };
  });
}

/** Prints every main-thread task longer than `overMs` with its contents. */
export function printLongTasks(events: readonly TraceEvent[], main: string, overMs = 50): void {
  const [pid, tid] = main.split(':').map(Number) as [number, number];
  const mine = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur);
  // wall time over the limit (what the long task API counts) or CPU time over it (what the page itself costs on a shared machine)
  const tasks = mine.filter((e) => e.name === 'RunTask' && Math.max(e.dur!, e.tdur ?? 0) > overMs * 1000);
  const samples = samplesOf(events, pid, tid);
  console.log(`  tasks over ${overMs} ms (wall or CPU): ${tasks.length}`);
  for (const task of tasks) {
    const end = task.ts + task.dur!;
    console.log(`  task at ${((task.ts - mine[0]!.ts) / 1000).toFixed(0)} ms: ${(task.dur! / 1000).toFixed(1)} ms wall, ${((task.tdur ?? 0) / 1000).toFixed(1)} ms CPU`);
    const byName = new Map<string, number>();
    for (const e of mine) {
      if (e === task || e.ts < task.ts || e.ts >= end) continue;
      const key = e.name === 'FunctionCall' ? `FunctionCall ${e.args?.data?.functionName ?? ''}` : e.name;
      byName.set(key, (byName.get(key) ?? 0) + e.dur!);
    }
    for (const [k, v] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`      ${(v / 1000).toFixed(1).padStart(6)} ms  ${k}`);
    const inTask = samples.filter((s) => s.ts >= task.ts && s.ts < end);
    const bySelf = new Map<string, number>();
    const byStack = new Map<string, number>();
    for (const s of inTask) {
      bySelf.set(s.stack[0] ?? '?', (bySelf.get(s.stack[0] ?? '?') ?? 0) + 1);
      const k = s.stack.slice(0, 8).join(' < ');
      byStack.set(k, (byStack.get(k) ?? 0) + 1);
    }
    console.log(`    ${inTask.length} JS samples; heaviest self:`);
    for (const [k, v] of [...bySelf].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`      ${String(v).padStart(4)}  ${k}`);
    console.log('    heaviest stacks:');
    for (const [k, v] of [...byStack].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`      ${String(v).padStart(4)}  ${k}`);
  }
}

/** Frame cost distribution: CPU ms of the main thread between consecutive frame callbacks. */
export function printFrameCosts(events: readonly TraceEvent[], main: string): void {
  const [pid, tid] = main.split(':').map(Number) as [number, number];
  const mine = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur);
  const tasks = mine.filter((e) => e.name === 'RunTask');
  const starts = mine.filter((e) => e.name === 'FireAnimationFrame').map((e) => e.ts).sort((a, b) => a - b);
  const costs: { at: number; cpu: number; wall: number }[] = [];
  for (let i = 0; i + 1 < starts.length; i++) {
    let cpu = 0;
    for (const t of tasks) if (t.ts >= starts[i]! && t.ts < starts[i + 1]!) cpu += t.tdur ?? t.dur!;
    costs.push({ at: starts[i]!, cpu: cpu / 1000, wall: (starts[i + 1]! - starts[i]!) / 1000 });
  }
  const sorted = costs.map((c) => c.cpu).sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]?.toFixed(1);
  console.log(`  main-thread CPU between frame callbacks: p50 ${q(0.5)}, p90 ${q(0.9)}, p95 ${q(0.95)}, max ${q(1)} ms`);
  const gaps = costs.map((c) => c.wall).sort((a, b) => a - b);
  console.log(`  frame callback gaps over 20 ms: ${gaps.filter((g) => g > 20).length} of ${gaps.length}`);
}
