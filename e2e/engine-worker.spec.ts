/**
 * The engine runs unchanged in a browser Web Worker (no Node imports): the
 * engine is bundled for the browser, loaded as a worker, and runs a lifecycle.
 */
import { expect, test } from '@playwright/test';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ORIGIN = 'http://engine-worker.test';

test('a complete connection lifecycle runs in a Web Worker, the same under both engines', async ({ page }) => {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./fixtures/engine-worker.ts', import.meta.url))],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  const js = bundle.outputFiles[0]!.text;
  await page.route(`${ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/engine-worker.js') return route.fulfill({ contentType: 'text/javascript', body: js });
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>engine worker</title><p id="out">waiting</p>' });
  });
  await page.goto(`${ORIGIN}/`);
  const result = await page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const w = new Worker('/engine-worker.js');
        w.onmessage = (e) => resolve(e.data);
        w.onerror = (e) => reject(new Error(e.message));
        w.postMessage('run');
      }),
  );
  const r = result as { ok: boolean; error?: string; same: boolean; events: number; derived: { client: string; server: string; clientPath: string[]; serverPath: string[]; now: number } };
  expect(r.error).toBeUndefined();
  expect(r.ok).toBe(true);
  expect(r.derived.clientPath).toEqual(['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT', 'CLOSED']);
  expect(r.derived.serverPath).toEqual(['LISTEN', 'SYN_RCVD', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
  expect(r.derived.client).toBe('CLOSED');
  expect(r.derived.server).toBe('CLOSED');
  expect(r.derived.now).toBeGreaterThan(60);
  expect(r.events).toBeGreaterThan(40);
  expect(r.same).toBe(true);
});
