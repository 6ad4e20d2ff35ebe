/**
 * `node --import tsx src/cli/benchUi/alloc.ts <case> [seconds]`: Chromium's sampling heap profiler
 * (CDP `HeapProfiler.startSampling`, young objects included) over one bench:ui case while it plays,
 * summarised as bytes allocated per frame by function (self) and by the app's call sites.
 * ALLOC_SURVIVORS=1 leaves out what a minor GC collected: what is left is what survived the young
 * generation (what a scavenge copies). A profiling aid for minor-GC pauses; prints, never judges. Build first, unminified:
 * `npx vite build --minify false` (or BENCH_UI_DIST=<dir>).
 */
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CASES } from './cases.ts';
import { serveDir } from './serve.ts';

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

const FRAMES = `new Promise((r) => { let n = 0; const t0 = performance.now(); const f = () => { n++; if (performance.now() - t0 < SECS) requestAnimationFrame(f); else r(n); }; requestAnimationFrame(f); })`;

const label = (n: SamplingNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;

async function main() {
  const name = process.argv[2] ?? 'transfer_1mb_1000x';
  const c = CASES.find((x) => x.name === name);
  if (!c) throw new Error(`unknown case ${name}`);
  const secs = Number(process.argv[3] ?? 0) || (c.seconds ?? 5);
  const { server, url } = await serveDir(resolve(process.env.BENCH_UI_DIST ?? resolve(import.meta.dirname, '../../../dist')));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const ctx = await browser.newContext({ viewport: c.viewport ?? { width: 1366, height: 768 }, serviceWorkers: 'block' });
    const page = await ctx.newPage();
    await page.goto(`${url}?${new URLSearchParams({ lang: 'en', ...c.query }).toString()}`);
    await page.getByTestId(c.ready ?? 'sim-time').waitFor({ state: 'visible', timeout: 60_000 });
    if (c.prepare) await c.prepare(page);
    await page.waitForTimeout(c.warmupMs ?? 700);
    const cdp = await ctx.newCDPSession(page);
    // a small interval so that short-lived (young) objects are sampled too
    await cdp.send('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !process.env.ALLOC_SURVIVORS });
    const frames = (await page.evaluate(FRAMES.replace('SECS', String(secs * 1000)))) as number;
    const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as { profile: { head: SamplingNode } };
    const self = new Map<string, number>();
    // inclusive bytes per app-code function (a function counted once per stack)
    const incl = new Map<string, number>();
    let total = 0;
    const walk = (n: SamplingNode, stack: string[]): number => {
      let sum = n.selfSize;
      const l = label(n);
      if (n.selfSize) self.set(l, (self.get(l) ?? 0) + n.selfSize);
      total += n.selfSize;
      for (const ch of n.children) sum += walk(ch, [...stack, l]);
      if (n.callFrame.url.includes('/assets/') && !stack.includes(l)) incl.set(l, (incl.get(l) ?? 0) + sum);
      return sum;
    };
    walk(profile.head, []);
    const kb = (b: number) => (b / 1024 / frames).toFixed(1).padStart(7);
    console.log(`${name}: ${frames} frames in ${secs} s; sampled allocation ${kb(total)} KB/frame`);
    console.log('  by function (self):');
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${kb(v)} KB  ${k}`);
    console.log('  by app function (inclusive):');
    for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.ALLOC_TOP ?? 25))) console.log(`  ${kb(v)} KB  ${k}`);
    await ctx.close();
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
