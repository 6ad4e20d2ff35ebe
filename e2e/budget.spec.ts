/**
 * The JavaScript a first visit loads stays within the budgets (the app's issue: 150 KiB gzip; an
 * embedded scenario: 120 KiB), counted as `npm run bench:ui` counts it: every script fetched until
 * the page is idle, gzipped. Bytes of the build under test, not time: the same build gives the same
 * figure on any machine. The bench prints the figure; this keeps a change from going over unseen.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

const DIST = resolve(import.meta.dirname, '../dist');

async function firstLoadKiB(page: Page, query: string): Promise<number> {
  const files = new Set<string>();
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith('.js')) files.add(u.pathname);
  });
  await page.goto(`./?${query}`);
  await expect(page.getByTestId('sim-time')).toBeAttached({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  let bytes = 0;
  for (const f of files) bytes += gzipSync(readFileSync(resolve(DIST, `.${f}`))).length;
  return bytes / 1024;
}

test.use({ serviceWorkers: 'block' });

for (const lang of ['en', 'zh-CN']) {
  test(`the app's first load is at most 150 KiB of JavaScript, gzip (${lang})`, async ({ page }) => {
    expect(await firstLoadKiB(page, `scenario=teardown&lang=${lang}`)).toBeLessThanOrEqual(150);
  });
  test(`an embedded scenario's first load is at most 120 KiB of JavaScript, gzip (${lang})`, async ({ page }) => {
    expect(await firstLoadKiB(page, `scenario=teardown&embed=1&lang=${lang}`)).toBeLessThanOrEqual(120);
  });
}
