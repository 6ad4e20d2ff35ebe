import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { open } from './helpers.ts';

/** The script files the page fetched, by chunk name (assets/App-Ab12.js → App). */
function scripts(page: Page): () => string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const m = /\/assets\/([A-Za-z0-9_.-]+?)-[A-Za-z0-9_-]{8}\.js$/.exec(new URL(r.url()).pathname);
    if (m) seen.push(m[1]!);
  });
  return () => seen;
}

test('a Chinese page renders in Chinese from its first frame (no English flash)', async ({ page }) => {
  // every text the title ever had, recorded from the first DOM change on
  await page.addInitScript(() => {
    const w = window as unknown as { titles: string[] };
    w.titles = [];
    new MutationObserver(() => {
      const h = document.querySelector('h1');
      if (h && w.titles[w.titles.length - 1] !== h.textContent) w.titles.push(h.textContent ?? '');
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto('./?scenario=teardown&lang=zh-CN');
  await expect(page.getByTestId('sim-time')).toBeVisible();
  await expect(page.locator('#story-h')).toHaveText('客户端先关闭：四次挥手');
  const titles = await page.evaluate(() => (window as unknown as { titles: string[] }).titles);
  expect(titles).toEqual(['TCP 状态机模拟器']);
});

test('an English page does not fetch the Chinese texts, other scenarios or rare panels until asked', async ({ page }) => {
  const fetched = scripts(page);
  await open(page, 'scenario=teardown');
  await page.waitForLoadState('networkidle');
  expect(fetched()).toContain('teardown');
  for (const lazy of ['zh-CN', 'handshake', 'lost-fin', 'ScenarioEditor', 'FleetPage', 'packetdrillEntry', 'embedEntry']) expect(fetched(), lazy).not.toContain(lazy);
  await page.getByTestId('lang-zh-CN').click();
  await expect(page.locator('h1')).toHaveText('TCP 状态机模拟器');
  expect(fetched()).toContain('zh-CN');
  await page.getByTestId('editor-open').click();
  await expect.poll(fetched).toContain('ScenarioEditor');
});

test('an embed loads none of the full app', async ({ page }) => {
  const fetched = scripts(page);
  await open(page, 'scenario=teardown&embed=1');
  await page.waitForLoadState('networkidle');
  expect(fetched()).toContain('embedEntry');
  for (const full of ['App', 'ScenarioEditor', 'CaptureDialog', 'FleetPage', 'packetdrillEntry', 'zh-CN', 'workbox-window.prod.es5']) expect(fetched(), full).not.toContain(full);
});

test('a chunk that cannot be fetched (offline, nothing stored) is reported with Try again, and the page keeps working', async ({ page, context }) => {
  await open(page, 'scenario=teardown');
  await context.setOffline(true);
  await page.getByTestId('scenario-picker').selectOption('lost-fin');
  const failed = page.getByTestId('load-failed');
  await expect(failed).toContainText('Could not load the scenario “lost-fin”');
  await expect(failed).toContainText('the network is off');
  // the page is still the teardown lesson and still runs
  await expect(page.locator('#story-h')).toHaveText('Client closes first: the four-way teardown');
  await page.getByTestId('step').click();
  await expect(page.getByTestId('sim-time')).not.toHaveAttribute('data-seconds', '0');
  // the language switch fails the same way, and the page stays in English
  await page.getByTestId('lang-zh-CN').click();
  await expect(page.getByTestId('load-failed').filter({ hasText: '简体中文' })).toBeVisible();
  await expect(page.locator('h1')).toHaveText('TCP state machine simulator');
  // back online, Try again loads it
  await context.setOffline(false);
  await failed.filter({ hasText: 'lost-fin' }).getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('#story-h')).toHaveText('Lost FIN: retransmitted after the RTO');
  await expect(page.getByTestId('load-failed').filter({ hasText: 'lost-fin' })).toHaveCount(0);
});
