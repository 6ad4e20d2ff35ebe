import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import LZString from 'lz-string';
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
  const fetched = scripts(page);
  await page.goto('./?scenario=teardown&lang=zh-CN');
  await expect(page.getByTestId('sim-time')).toBeVisible();
  await expect(page.locator('#story-h')).toHaveText('客户端先关闭：四次挥手');
  const titles = await page.evaluate(() => (window as unknown as { titles: string[] }).titles);
  expect(titles).toEqual(['TCP 状态机模拟器']);
  // nor does it download the English texts; they come when asked for
  await page.waitForLoadState('networkidle');
  expect(fetched()).toContain('zh-CN');
  expect(fetched()).not.toContain('en');
  await page.getByTestId('lang-en').click();
  await expect(page.locator('h1')).toHaveText('TCP state machine simulator');
  expect(fetched()).toContain('en');
});

test('an English page does not fetch the Chinese texts, other scenarios or rare panels until asked', async ({ page }) => {
  const fetched = scripts(page);
  await open(page, 'scenario=teardown');
  await page.waitForLoadState('networkidle');
  expect(fetched()).toContain('teardown');
  expect(fetched()).toContain('en');
  // the library comes checked from the build: the scenario checker is fetched only for a scenario of the user's own;
  // the service worker is registered without a helper library
  for (const lazy of ['zh-CN', 'handshake', 'lost-fin', 'ScenarioEditor', 'KnobsPanel', 'scenarioParam', 'FleetPage', 'packetdrillEntry', 'embedEntry', 'workbox-window.prod.es5']) expect(fetched(), lazy).not.toContain(lazy);
  await page.getByTestId('lang-zh-CN').click();
  await expect(page.locator('h1')).toHaveText('TCP 状态机模拟器');
  expect(fetched()).toContain('zh-CN');
  await page.locator('summary', { hasText: '参数' }).click();
  await expect(page.getByLabel('time_wait_len', { exact: true })).toHaveValue('60');
  expect(fetched()).toContain('KnobsPanel');
  await page.getByTestId('editor-open').click();
  await expect.poll(fetched).toContain('ScenarioEditor');
});

test('a link with a scenario of its own fetches the scenario checker before its first picture', async ({ page }) => {
  const fetched = scripts(page);
  const own = { id: 'mine', title: { en: 'My handshake', 'zh-CN': '我的握手' }, summary: { en: 'Mine.', 'zh-CN': '我的。' }, steps: [{ at: 0, peer: 'server', do: 'listen' }, { at: 0.1, peer: 'client', do: 'connect' }], notes: [] };
  await open(page, `s=${LZString.compressToEncodedURIComponent(JSON.stringify(own))}&t=1`);
  await expect(page.locator('#story-h')).toHaveText('My handshake');
  await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'ESTABLISHED');
  expect(fetched()).toContain('scenarioParam');
  // and a broken one names its field, from the same chunk
  await open(page, `s=${LZString.compressToEncodedURIComponent(JSON.stringify({ ...own, steps: [{ at: 0, peer: 'server', do: 'lisen' }] }))}`);
  await expect(page.getByTestId('url-problems')).toContainText('steps[0].do');
});

test('an embed loads none of the full app', async ({ page }) => {
  const fetched = scripts(page);
  await open(page, 'scenario=teardown&embed=1');
  await page.waitForLoadState('networkidle');
  expect(fetched()).toContain('embedEntry');
  for (const full of ['App', 'ScenarioEditor', 'CaptureDialog', 'FleetPage', 'packetdrillEntry', 'zh-CN', 'workbox-window.prod.es5', 'scenarioParam']) expect(fetched(), full).not.toContain(full);
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

/** Keepalive probes every second both ways, answered: the log grows by a dozen lines a second. */
const KEEPALIVE_LINK = `a=${LZString.compressToEncodedURIComponent(
  JSON.stringify([
    { t: 0, peer: 'server', do: 'listen' },
    { t: 0, peer: 'client', do: 'connect' },
    { t: 1, peer: 'client', do: 'keepalive', on: true, idle: 1, intvl: 1, cnt: 9 },
    { t: 1, peer: 'server', do: 'keepalive', on: true, idle: 1, intvl: 1, cnt: 9 },
  ]),
)}`;

test('the virtual event log is fetched only for a long log; without it the newest lines are shown', async ({ page }) => {
  const fetched = scripts(page);
  const log = page.getByTestId('event-log');
  const rows = log.locator(':scope > li');
  // the log's box is scrolled to its newest line
  const atBottom = () => page.locator('.log-scroll').evaluate((el) => el.scrollHeight > el.clientHeight && el.scrollTop + el.clientHeight >= el.scrollHeight - 2);
  // a short run: a plain list of every line, no virtual list code
  await open(page, 'scenario=teardown&t=70');
  await page.waitForLoadState('networkidle');
  const short = Number(await log.getAttribute('data-lines'));
  expect(short).toBeGreaterThan(10);
  await expect(rows).toHaveCount(short);
  expect(fetched()).not.toContain('VirtualLog');

  // a long run whose chunk cannot be fetched: the newest 60 lines, the rest of the page works
  await page.route('**/assets/VirtualLog-*.js', (r) => r.abort('internetdisconnected'));
  await open(page, `${KEEPALIVE_LINK}&t=40`);
  await expect.poll(fetched).toContain('VirtualLog');
  const total = Number(await log.getAttribute('data-lines'));
  expect(total).toBeGreaterThan(200);
  await expect(rows).toHaveCount(60);
  await expect(rows.last()).toHaveAttribute('data-index', String(total - 1));
  await expect.poll(atBottom).toBe(true);
  await page.getByTestId('step').click();
  await expect(page.getByTestId('sim-time')).not.toHaveAttribute('data-seconds', '40');

  // with the chunk: only the lines in view (and a margin) are drawn, following the newest
  await page.unroute('**/assets/VirtualLog-*.js');
  await open(page, `${KEEPALIVE_LINK}&t=40`);
  await expect(log).toHaveClass(/log--virtual/);
  const n = Number(await log.getAttribute('data-lines'));
  expect(n).toBeGreaterThan(200);
  expect(await rows.count()).toBeLessThan(80);
  await expect(log.locator(`:scope > li[data-index="${n - 1}"]`)).toHaveCount(1);
  await expect.poll(atBottom).toBe(true);

  // a reader scrolling to the top sees the oldest lines, and stays there while the log grows
  const box = page.locator('.log-scroll');
  await box.evaluate((el) => (el.scrollTop = 0));
  await expect(log.locator(':scope > li[data-index="0"]')).toBeVisible();
  expect(await rows.count()).toBeLessThan(80);
  await page.getByTestId('step').click();
  await expect.poll(async () => Number(await log.getAttribute('data-lines'))).toBeGreaterThan(n);
  await expect(log.locator(':scope > li[data-index="0"]')).toBeVisible();
  expect(await box.evaluate((el) => el.scrollTop)).toBe(0);
  // back at the bottom it follows the newest line again
  await box.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await page.getByTestId('step').click();
  await expect.poll(async () => {
    const last = Number(await log.getAttribute('data-lines')) - 1;
    return (await log.locator(`:scope > li[data-index="${last}"]`).count()) === 1 && (await atBottom());
  }).toBe(true);
});
