/**
 * `node --import tsx src/cli/benchUi/trace.ts <case> [seconds]`: a Chromium performance trace of one
 * bench:ui case while it plays, summarised as main-thread CPU time (thread time, not wall time: the machine may be shared) per frame by kind of work (script,
 * style, layout, paint...). A profiling aid for the per-frame budget; prints, never judges.
 * Build first (`npx vite build --minify false` keeps function names readable).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CASES } from './cases.ts';
import { serveDir } from './serve.ts';
import { printFrameCosts, printLongTasks } from './longTasks.ts';
import type { TraceEvent } from './longTasks.ts';

const KINDS: Record<string, string> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  EventDispatch: 'script',
  'v8.execute': 'script',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  CompositeLayers: 'paint',
  Commit: 'paint',
  MajorGC: 'gc',
  MinorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  ParseHTML: 'parse',
  HitTest: 'hit',
};

async function main() {
  const name = process.argv[2] ?? 'teardown_1x';
  const seconds = Number(process.argv[3] ?? 0);
  const c = CASES.find((x) => x.name === name);
  if (!c) throw new Error(`unknown case ${name}`);
  const secs = seconds || (c.seconds ?? 4);
  const { server, url } = await serveDir(resolve(process.env.BENCH_UI_DIST ?? resolve(import.meta.dirname, '../../../dist')));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const ctx = await browser.newContext({ viewport: c.viewport ?? { width: 1366, height: 768 }, serviceWorkers: 'block', bypassCSP: !!process.env.TRACE_CSS });
    const page = await ctx.newPage();
    await page.goto(`${url}?${new URLSearchParams({ lang: 'en', ...c.query }).toString()}`);
    await page.getByTestId(c.ready ?? 'sim-time').waitFor({ state: 'visible', timeout: 60_000 });
    if (c.prepare) await c.prepare(page);
    // TRACE_CSS: a style sheet added to the page first (what-if experiments: hide a panel, contain one)
    if (process.env.TRACE_CSS) await page.addStyleTag({ content: process.env.TRACE_CSS });
    await page.waitForTimeout(c.warmupMs ?? 700);
    await browser.startTracing(page, { categories: (process.env.TRACE_CATEGORIES ?? 'devtools.timeline,disabled-by-default-devtools.timeline,v8,blink,disabled-by-default-v8.cpu_profiler').split(',') });
    const f0 = (await page.evaluate('new Promise((r) => { let n = 0; const t0 = performance.now(); const f = () => { n++; if (performance.now() - t0 < ' + secs * 1000 + ') requestAnimationFrame(f); else r(n); }; requestAnimationFrame(f); })')) as number;
    const buf = await browser.stopTracing();
    const out = process.env.TRACE_OUT;
    if (out) writeFileSync(out, buf);
    const { traceEvents } = JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] };
    // the renderer main thread: the one running the frame callbacks
    const counts = new Map<string, number>();
    for (const e of traceEvents) if (e.name === 'FireAnimationFrame') counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
    const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    const byKind = new Map<string, number>();
    const byName = new Map<string, number>();
    let busy = 0;
    for (const e of traceEvents) {
      const d = e.tdur ?? e.dur;
      if (`${e.pid}:${e.tid}` !== main || e.ph !== 'X' || !d) continue;
      if (e.name === 'RunTask') busy += d;
      const k = KINDS[e.name];
      if (k) byKind.set(k, (byKind.get(k) ?? 0) + d);
      byName.set(e.name, (byName.get(e.name) ?? 0) + d);
    }
    const per = (us: number) => (us / 1000 / f0).toFixed(2);
    console.log(`${name}: ${f0} frames in ${secs} s; main thread CPU ${per(busy)} ms/frame`);
    for (const [k, v] of [...byKind].sort((a, b) => b[1] - a[1])) console.log(`  ${k.padEnd(8)} ${per(v)} ms/frame (nested kinds overlap)`);
    console.log('  top events:');
    for (const [k, v] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`    ${k.padEnd(28)} ${per(v)} ms/frame`);
    printFrameCosts(traceEvents, main!);
    printLongTasks(traceEvents, main!, Number(process.env.LONG_MS ?? 50));
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
