import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { expectState } from './helpers.ts';

/*
 * The PWA (issue: "offline in a classroom"): one visit stores the app, every lazy chunk, every
 * scenario and both languages in the service worker's cache; then the network goes off and the
 * page still opens scenarios and switches language.
 */
test.use({ serviceWorkers: 'allow' });
test.describe.configure({ timeout: 90_000 });

/** Waits until the service worker has stored everything (its install finished) and is active. */
async function stored(page: Page) {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!reg.active) throw new Error('no active service worker');
  });
  // the page says so, in its language
  await expect(page.getByTestId('pwa-notice')).toHaveAttribute('data-pwa', 'offline-ready');
}

test('after one visit, scenarios and both languages work with the network off', async ({ page, context }) => {
  await page.goto('./?scenario=teardown&lang=en');
  await expect(page.getByTestId('sim-time')).toBeVisible();
  await stored(page);
  await expect(page.getByTestId('pwa-notice')).toContainText('works offline');
  // a small chip in the header's row, over nothing (not the diagrams, not a control), gone by itself
  const chip = (await page.getByTestId('pwa-notice').boundingBox())!;
  expect(chip.height).toBeLessThanOrEqual(48);
  const head = (await page.locator('header.top').boundingBox())!;
  expect(chip.y).toBeGreaterThanOrEqual(head.y);
  expect(chip.y + chip.height).toBeLessThanOrEqual(head.y + head.height);
  expect(chip.x + chip.width).toBeLessThanOrEqual(head.x + head.width);
  for (const b of await page.locator('header.top :is(select, button, a:not(.skip), h1):not(.pwa-notice *)').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
    const meets = chip.x < b.right - 0.5 && b.left < chip.x + chip.width - 0.5 && chip.y < b.bottom - 0.5 && b.top < chip.y + chip.height - 0.5;
    expect(meets, 'header control').toBe(false);
  }
  for (const sel of ['.side-col .panel', '.side-col button', '[data-testid="state-diagram"] .sd-node']) {
    for (const b of await page.locator(sel).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
      const meets = chip.x < b.right && b.left < chip.x + chip.width && chip.y < b.bottom && b.top < chip.y + chip.height;
      expect(meets, sel).toBe(false);
    }
  }
  await expect(page.getByTestId('pwa-notice')).toHaveCount(0, { timeout: 20_000 });
  // installable: the manifest names the app and has icons
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel="manifest"]')?.getAttribute('href');
    return href ? ((await (await fetch(href)).json()) as { name: string; short_name: string; icons: { sizes: string }[]; theme_color: string }) : null;
  });
  expect(manifest?.name).toBe('TCP state machine simulator');
  expect(manifest?.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));

  await context.setOffline(true);
  // the page of the first visit itself: another scenario's chunk comes from the worker's store
  await page.getByTestId('scenario-picker').selectOption('lost-syn');
  await expect(page.locator('#story-h')).toHaveText('Lost SYNs: retransmission and back-off');
  await expect(page.getByTestId('load-failed')).toHaveCount(0);
  // a scenario never opened before, in Chinese, straight from a link
  await page.goto('./?scenario=lost-fin&lang=zh-CN&t=1.6');
  await expect(page.locator('h1')).toHaveText('TCP 状态机模拟器');
  await expect(page.locator('#story-h')).toHaveText('FIN 丢失：超时重传');
  await expect(page.getByTestId('scenario-note')).toContainText('设置 drop-next 规则');
  // it runs: stepping moves the clock on
  await page.getByTestId('step').click();
  await expect(page.getByTestId('sim-time')).not.toHaveAttribute('data-seconds', '1.6');

  // another scenario from the picker, and the other language, still offline
  await page.getByTestId('scenario-picker').selectOption('handshake');
  await expect(page.locator('#story-h')).toHaveText('三次握手');
  await page.getByTestId('lang-en').click();
  await expect(page.locator('#story-h')).toHaveText('Three-way handshake');
  await page.getByTestId('lang-zh-CN').click();
  await expect(page.locator('#story-h')).toHaveText('三次握手');
  // a rarely used panel, loaded on first use
  await page.getByTestId('editor-open').click();
  await expect(page.getByTestId('load-failed')).toHaveCount(0);
  await expect(page.locator('.panel-details[open] input, .panel-details[open] textarea').first()).toBeVisible();

  // the other pages too: the embed and the fleet view
  await page.goto('./?scenario=handshake&embed=1&lang=en&t=1');
  await expectState(page, 'client', 'ESTABLISHED');
  await page.goto('./?view=fleet&lang=zh-CN');
  await expect(page.locator('h1')).toContainText(/[\u4e00-\u9fff]/);
  await expect(page.getByTestId('load-failed')).toHaveCount(0);
});
