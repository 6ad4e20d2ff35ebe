/**
 * `npm run bench:ui`: drives the built app (dist/, built by the npm script) in headless Chromium
 * and prints one figure per line (DESIGN.md "Engine and bench"), no pass/fail:
 *   frame_p50_ms.<case>, frame_p95_ms.<case>  frame intervals while the case runs
 *   long_tasks.<case>                         main-thread tasks over 50 ms while recording
 *   pause_ms.<case>                           click on Pause until the next frame is painted
 *   js_gzip_kib.app, js_gzip_kib.embed        JavaScript a first visit loads (gzip), app and embed=1
 *   load_ms.<case>                            from navigation until the clock is shown (the link's t reached)
 *   heap_mb.<case>                            JavaScript heap in use after recording (Chromium's performance.memory)
 *   heap_peak_mb.<case>                       the most JavaScript heap in use at any point from navigation to the end
 *                                             (sampled every 100 ms over the DevTools protocol)
 *   load_cpu_ms.<case>                        CPU time of the page's renderer from navigation until the clock is shown:
 *                                             about what load_ms is on an idle machine (wall times on a shared one are noisy)
 *   sim_speed.<case>                          virtual seconds played per wall-clock second while recording
 *   segments_in_dom.<case>                    segment arrows in the page at the end, with how many the run sent
 * Cases live in benchUi/cases.ts. Chromium: CHROMIUM_PATH or /usr/bin/chromium.
 * `npm run bench:ui -- teardown_1x` runs the named cases only; `-- --js` prints the JavaScript sizes only
 * (BENCH_UI_BYTES=1 adds each size in bytes: a budget in KiB is met or not by the byte).
 * The sizes count every script a first visit fetches until the network is idle: the entry, its
 * static imports and modulepreloads, and whatever is loaded on start for that URL (the language,
 * the link's scenario, the service worker's registration helper), each file gzipped as served.
 * With BENCH_UI_PROFILE=DIR each case also writes DIR/<case>.cpuprofile (Chromium's sampling
 * profiler over the recorded frames; open it in DevTools) and prints its ten heaviest functions by
 * self time to stderr. For readable names build unminified first:
 * `npx vite build --minify false && node --import tsx src/cli/bench-ui.ts`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { CASES } from './benchUi/cases.ts';
import type { UiBenchCase } from './benchUi/cases.ts';
import { serveDir } from './benchUi/serve.ts';

const DIST = resolve(process.env.BENCH_UI_DIST ?? resolve(import.meta.dirname, '../../dist'));
const WARMUP_MS = 700;

function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}
const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');

/**
 * Records every animation frame's time and every long task until `__bench.on` is cleared.
 * Runs in the page; a string, so the TypeScript loader's helpers never leak into it.
 */
const RECORDER = `(() => {
  const b = (window.__bench = { frames: [], long: [], on: true });
  try {
    new PerformanceObserver((list) => { if (b.on) for (const e of list.getEntries()) b.long.push(e.duration); })
      .observe({ type: 'longtask', buffered: false });
  } catch { /* no long task API: the figure stays 0 */ }
  const loop = (t) => { if (!b.on) return; b.frames.push(t); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
})()`;

/** Clicks Pause and resolves with the ms until the next frame. */
const PAUSE = `(async () => {
  const btn = document.querySelector('[data-testid="play"]');
  if (!btn || btn.getAttribute('aria-pressed') !== 'true') return NaN;
  const t0 = performance.now();
  btn.click();
  await new Promise((r) => requestAnimationFrame(r));
  return performance.now() - t0;
})()`;

const STOP = `(() => { const b = window.__bench; b.on = false; return { frames: b.frames, long: b.long }; })()`;

const loadMs = new Map<string, number>();
const loadCpuMs = new Map<string, number>();
const HEAP = `(() => { const m = performance.memory; return m ? m.usedJSHeapSize / 1048576 : NaN; })()`;

/** CPU time used so far by Chromium's renderer processes, in ms (the page's own work: script, style, layout, paint). */
async function rendererCpuMs(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; cpuTime: number }[] };
    return processInfo.filter((p) => p.type === 'renderer').reduce((s, p) => s + p.cpuTime, 0) * 1000;
  } finally {
    await cdp.detach();
  }
}

/** Samples the page's JavaScript heap in use every 100 ms until stopped; `stop` resolves with the peak in MB. */
function heapSampler(cdp: CDPSession): { stop(): Promise<number> } {
  let peak = 0;
  let on = true;
  const loop = (async () => {
    while (on) {
      try {
        const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        peak = Math.max(peak, usedSize / 1048576);
      } catch {
        // the page is between documents: the next sample counts
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      on = false;
      await loop;
      return peak;
    },
  };
}

async function open(browser: Browser, base: string, c: UiBenchCase): Promise<{ page: Page; heap: { stop(): Promise<number> } }> {
  const ctx = await browser.newContext({ viewport: c.viewport ?? { width: 1366, height: 768 }, serviceWorkers: 'block' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`${c.name}: page error: ${e.message}`));
  const cdp = await ctx.newCDPSession(page);
  const heap = heapSampler(cdp);
  const cpu0 = await rendererCpuMs(browser);
  const t0 = Date.now();
  await page.goto(`${base}?${new URLSearchParams({ lang: 'en', ...c.query }).toString()}`);
  await page.getByTestId(c.ready ?? 'sim-time').waitFor({ state: 'visible', timeout: 120_000 });
  loadMs.set(c.name, Date.now() - t0);
  loadCpuMs.set(c.name, (await rendererCpuMs(browser)) - cpu0);
  return { page, heap };
}

const PROFILE_DIR = process.env.BENCH_UI_PROFILE;

async function startProfile(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return cdp;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Writes the profile and prints its heaviest functions by self time (share of all samples). */
async function stopProfile(cdp: CDPSession, name: string): Promise<void> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples?: number[] } };
  mkdirSync(PROFILE_DIR!, { recursive: true });
  writeFileSync(resolve(PROFILE_DIR!, `${name}.cpuprofile`), JSON.stringify(profile));
  const byNode = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  for (const id of samples) {
    const f = byNode.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 10);
  console.error(`profile.${name}: ${samples.length} samples`);
  for (const [k, n] of top) console.error(`  ${((100 * n) / samples.length).toFixed(1).padStart(5)} %  ${k}`);
}

async function runCase(browser: Browser, base: string, c: UiBenchCase): Promise<void> {
  const { page, heap: heapPeak } = await open(browser, base, c);
  try {
    if (c.prepare) await c.prepare(page);
    await page.waitForTimeout(c.warmupMs ?? WARMUP_MS);
    const profiler = PROFILE_DIR ? await startProfile(page) : null;
    // pages without the player (the fleet page) have no sim time
    const simTime = async () => (c.ready ? NaN : Number(await page.getByTestId('sim-time').getAttribute('data-seconds')));
    const start = await simTime();
    await page.evaluate(RECORDER);
    if (c.during) await c.during(page, (c.seconds ?? 6) * 1000);
    else await page.waitForTimeout((c.seconds ?? 6) * 1000);
    const rec = (await page.evaluate(STOP)) as { frames: number[]; long: number[] };
    const seconds = await simTime();
    if (profiler) await stopProfile(profiler, c.name);
    const gaps = rec.frames.slice(1).map((t, i) => t - rec.frames[i]!).sort((a, b) => a - b);
    const wall = (rec.frames[rec.frames.length - 1]! - rec.frames[0]!) / 1000;
    const segments = await page.getByTestId('segment').count();
    // segment ids count the run's segments from 1: the newest one drawn tells how many were sent
    const sent = await page.evaluate(`Math.max(0, ...[...document.querySelectorAll('[data-testid="segment"]')].map((e) => Number(e.getAttribute('data-id'))))`);
    // Pause: from the click to the next frame (the clock must stand still from then on)
    const pause = (await page.evaluate(PAUSE)) as number;
    const heap = (await page.evaluate(HEAP)) as number;
    const n = c.name;
    console.log(`frame_p50_ms.${n}: ${fmt(quantile(gaps, 0.5))}`);
    console.log(`frame_p95_ms.${n}: ${fmt(quantile(gaps, 0.95))} (max ${fmt(gaps[gaps.length - 1] ?? NaN)} ms, ${gaps.length} frames)`);
    console.log(`long_tasks.${n}: ${rec.long.length}${rec.long.length ? ` (longest ${fmt(Math.max(...rec.long))} ms)` : ''}`);
    console.log(`pause_ms.${n}: ${fmt(pause)}`);
    console.log(`sim_speed.${n}: ${fmt((seconds - start) / wall)} (sim time ${start} → ${seconds} s)`);
    console.log(`segments_in_dom.${n}: ${segments} (newest segment #${sent} of the run)`);
    console.log(`load_ms.${n}: ${loadMs.get(n) ?? NaN}`);
    console.log(`load_cpu_ms.${n}: ${fmt(loadCpuMs.get(n) ?? NaN)}`);
    console.log(`heap_mb.${n}: ${fmt(heap)}`);
    console.log(`heap_peak_mb.${n}: ${fmt(Math.max(heap, await heapPeak.stop()))}`);
  } finally {
    await heapPeak.stop();
    await page.context().close();
  }
}

/** Gzip size of the JavaScript a first visit of `query` loads (the files as served from dist/). */
async function initialJs(browser: Browser, base: string, query: Record<string, string>): Promise<number> {
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  const files = new Set<string>();
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (r.request().resourceType() === 'script' || u.pathname.endsWith('.js')) files.add(u.pathname);
  });
  await page.goto(`${base}?${new URLSearchParams(query).toString()}`);
  await page.getByTestId('sim-time').waitFor({ state: 'visible', timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await ctx.close();
  let bytes = 0;
  for (const f of files) bytes += gzipSync(readFileSync(resolve(DIST, `.${f}`))).length;
  if (process.env.BENCH_UI_BYTES) console.log(`bytes ${JSON.stringify(query)}: ${bytes}`);
  return bytes / 1024;
}

async function main() {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const jsOnly = process.argv.includes('--js');
  const cases = only.length ? CASES.filter((c) => only.includes(c.name)) : CASES;
  const unknown = only.filter((n) => !CASES.some((c) => c.name === n));
  if (unknown.length) throw new Error(`bench:ui: unknown case ${unknown.join(', ')}; cases: ${CASES.map((c) => c.name).join(', ')}`);
  const { server, url } = await serveDir(DIST);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    if (!only.length || jsOnly) {
      console.log(`js_gzip_kib.app: ${fmt(await initialJs(browser, url, { scenario: 'teardown', lang: 'en' }))}`);
      console.log(`js_gzip_kib.embed: ${fmt(await initialJs(browser, url, { scenario: 'teardown', lang: 'en', embed: '1' }))}`);
    }
    if (jsOnly) {
      console.log(`js_gzip_kib.app_zh: ${fmt(await initialJs(browser, url, { scenario: 'teardown', lang: 'zh-CN' }))}`);
      console.log(`js_gzip_kib.embed_zh: ${fmt(await initialJs(browser, url, { scenario: 'teardown', lang: 'zh-CN', embed: '1' }))}`);
      return;
    }
    for (const c of cases) await runCase(browser, url, c);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
