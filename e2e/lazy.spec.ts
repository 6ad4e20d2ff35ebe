import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import LZString from 'lz-string';
import { open, scripts } from './helpers.ts';


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

test('an embed draws its first picture without the engine, fetches it on the first sign of use, and keeps the first click', async ({ page }) => {
  const fetched = scripts(page);
  await open(page, 'scenario=teardown&embed=1');
  await page.waitForLoadState('networkidle');
  // the picture at t = 0 came with the build: both peers CLOSED, waiting for Play, no engine fetched
  await expect(page.getByTestId('player')).toHaveAttribute('data-status', 'idle');
  await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'CLOSED');
  await expect(page.locator('[data-testid="diagram-state"][data-state="CLOSED"]')).toHaveAttribute('data-active-peers', 'client server');
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-seconds', '0');
  for (const engine of ['useSimulation', 'world']) expect(fetched(), engine).not.toContain(engine);
  // Play straight away: the engine is fetched and the click still plays (a lesson stops at its first note, 2 s)
  await page.getByTestId('play').click();
  await expect.poll(fetched).toContain('useSimulation');
  await expect(page.getByTestId('player')).toHaveAttribute('data-status', 'note', { timeout: 20_000 });
  await expect(page.getByTestId('note')).toHaveAttribute('data-index', '0');
  await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'FIN_WAIT_1');
});

test('an embed whose link asks for a moment (t=) loads the engine at once; a key press is a sign of use too', async ({ page }) => {
  const fetched = scripts(page);
  await open(page, 'scenario=handshake&embed=1&t=1');
  await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'ESTABLISHED');
  expect(fetched()).toContain('useSimulation');
  const other = scripts(await page.context().newPage());
  const second = page.context().pages().at(-1)!;
  await open(second, 'scenario=handshake&embed=1');
  await second.waitForLoadState('networkidle');
  expect(other()).not.toContain('useSimulation');
  await second.keyboard.press('Shift');
  await expect.poll(other).toContain('useSimulation');
});

test('a chunk that cannot be fetched (offline, nothing stored) is reported with Try again, and the page keeps working', async ({ page, context }) => {
  const fetched = scripts(page);
  await open(page, 'scenario=teardown');
  // the engine comes on the first sign of use (here: the pointer over the controls), before the network goes
  await page.getByTestId('play').hover();
  await expect.poll(fetched).toContain('useSimulation');
  await page.waitForLoadState('networkidle');
  await context.setOffline(true);
  await page.getByTestId('scenario-picker').selectOption('lost-fin');
  const failed = page.getByTestId('load-failed');
  await expect(failed).toContainText('Could not load the scenario “lost-fin”');
  await expect(failed).toContainText('the network is off');
  // the page is still the teardown lesson and still runs
  await expect(page.locator('#story-h')).toHaveText('Client closes first: the four-way teardown');
  await page.getByTestId('step').click();
  await expect(page.getByTestId('sim-time')).not.toHaveAttribute('data-seconds', '0');
  // the language switch fails the same way, and the page stays in English; one notice names both
  await page.getByTestId('lang-zh-CN').click();
  await expect(failed).toContainText('Could not load the scenario “lost-fin” and the Chinese texts: the network is off.');
  await expect(failed).toHaveCount(1);
  await expect(page.locator('h1')).toHaveText('TCP state machine simulator');
  // back online, its one Try again loads both
  await context.setOffline(false);
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('#story-h')).toHaveText('FIN 丢失：超时重传');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(failed).toHaveCount(0);
});

/** The engine's chunks: the simulation hook (with the player and XState) and the world it runs. */
const ENGINE = ['useSimulation', 'world', 'controller'];

/** Holds the engine's chunks back until `release()`: what the page does before the engine is here. */
async function holdEngine(page: Page): Promise<() => void> {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route(/\/assets\/(useSimulation|world|controller)-[A-Za-z0-9_-]{8}\.js$/, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

test('the app draws its first picture without the engine: no engine chunk until the first sign of use', async ({ page }) => {
  for (const [query, client, server] of [
    ['scenario=teardown', 'CLOSED', 'CLOSED'],
    ['scenario=teardown&lang=zh-CN', 'CLOSED', 'CLOSED'],
    ['', 'CLOSED', 'CLOSED'],
    ['scenario=rst-closed-port', 'CLOSED', 'CLOSED'],
  ] as const) {
    const fetched = scripts(page);
    await open(page, query);
    await page.waitForLoadState('networkidle');
    await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', client);
    await expect(page.getByTestId('peer-server')).toHaveAttribute('data-tcp-state', server);
    await expect(page.getByTestId('sim-time')).toHaveAttribute('data-seconds', '0');
    await expect(page.locator('[data-testid="diagram-state"][data-state="CLOSED"]')).toHaveAttribute('data-active-peers', 'client server');
    for (const engine of ENGINE) expect(fetched(), `${query}: ${engine}`).not.toContain(engine);
  }
});

test('the first click on Listen, Connect or Play acts, even when the engine arrives after it', async ({ page }) => {
  // free play: Listen on the server, clicked while the engine is held back
  let release = await holdEngine(page);
  const fetched = scripts(page);
  await open(page, '');
  await page.waitForLoadState('networkidle');
  const server = page.locator('.peer-server');
  await server.getByRole('button', { name: 'Listen', exact: true }).click();
  await expect.poll(fetched).toContain('useSimulation');
  // the button says it is busy while it waits; nothing has happened yet
  await expect(server.getByRole('button', { name: 'Listen', exact: true })).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByTestId('peer-server')).toHaveAttribute('data-tcp-state', 'CLOSED');
  release();
  await expect(page.getByTestId('peer-server')).toHaveAttribute('data-tcp-state', 'LISTEN');
  await expect(server.getByRole('button', { name: 'Listen', exact: true })).not.toHaveAttribute('aria-busy', 'true');
  // then Connect on the client acts at once, the engine being here
  await page.locator('.peer-client').getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'SYN_SENT');

  // free play again, Connect first: refused by nobody, the SYN goes out
  await page.unrouteAll();
  release = await holdEngine(page);
  await open(page, 'lang=en');
  await page.locator('.peer-client').getByRole('button', { name: 'Connect', exact: true }).click();
  release();
  await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'SYN_SENT');

  // a lesson: Play, clicked before the engine is here, plays to the first note
  await page.unrouteAll();
  release = await holdEngine(page);
  // exact pace at 10×: the same first note, without waiting for it in real time
  await open(page, 'scenario=teardown&speed=10&pace=exact');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('player')).toHaveAttribute('data-status', 'idle');
  release();
  await expect(page.getByTestId('player')).toHaveAttribute('data-status', 'note', { timeout: 20_000 });
  await expect(page.getByTestId('note')).toHaveAttribute('data-index', '0');
  await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'FIN_WAIT_1');
});

test('a scenario picked before the engine is here shows its own first picture, and plays once the engine is', async ({ page }) => {
  const release = await holdEngine(page);
  await open(page, 'scenario=teardown');
  await page.getByTestId('scenario-picker').selectOption('rst-closed-port');
  await expect(page.locator('#story-h')).toHaveText(/RST/);
  await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'CLOSED');
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-seconds', '0');
  await page.getByTestId('step').click();
  release();
  // the queued pick and the step ran in order on the live engine: the step is the new scenario's first event
  await expect(page.getByTestId('sim-time')).not.toHaveAttribute('data-seconds', '0');
  await expect(page.getByTestId('scenario-picker')).toHaveValue('rst-closed-port');
  await expect(page.locator('[data-testid="segment"]').first()).toHaveAttribute('data-flags', 'SYN');
});

test('a key is a sign of use; a link with a moment (t=) starts live', async ({ page }) => {
  const fetched = scripts(page);
  await open(page, 'scenario=handshake');
  await page.waitForLoadState('networkidle');
  expect(fetched()).not.toContain('useSimulation');
  await page.keyboard.press('Shift');
  await expect.poll(fetched).toContain('useSimulation');
  await open(page, 'scenario=handshake&t=1');
  await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'ESTABLISHED');
});

test('an engine that cannot be fetched is reported with Try again, and the click waiting for it still acts', async ({ page, context }) => {
  await open(page, 'scenario=teardown');
  await page.waitForLoadState('networkidle');
  await context.setOffline(true);
  const failed = page.getByTestId('load-failed').filter({ hasText: 'simulation engine' });
  // the pointer arriving over Play is a sign of use and starts a fetch; its failure is awaited
  // before the click, so the click below is the one that asks again
  await page.getByTestId('play').hover();
  await expect(failed).toContainText('the network is off');
  await page.getByTestId('play').click();
  // the click is queued (Play busy) and asks again; busy ends when that fetch has failed too
  await expect(page.getByTestId('play')).not.toHaveAttribute('aria-busy', 'true');
  await expect(failed).toContainText('the network is off');
  await context.setOffline(false);
  // the pointer crossing the page on its way to Try again does not retry behind the reader's back
  const retry = failed.getByRole('button', { name: 'Try again' });
  await page.mouse.move(5, 5);
  await retry.hover();
  await page.evaluate(() => new Promise((r) => setTimeout(r, 400)));
  await expect(failed).toBeVisible();
  await retry.click();
  await expect(failed).toHaveCount(0);
  await expect(page.getByTestId('player')).toHaveAttribute('data-status', 'note', { timeout: 20_000 });
});

test.describe('without the service worker (nothing stored)', () => {
  test.use({ serviceWorkers: 'block' });

  /** A notice the reader can see that covers nothing at `aim` (as it was before the notice came), then put away. */
  async function noticeClearOf(page: Page, aim: { x: number; y: number; width: number; height: number }) {
    const failed = page.getByTestId('load-failed');
    await expect(failed).toBeVisible();
    const box = (await failed.boundingBox())!;
    const view = page.viewportSize()!;
    expect(box.y + box.height).toBeLessThanOrEqual(view.height);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(view.width);
    const clear = box.y >= aim.y + aim.height || box.y + box.height <= aim.y || box.x >= aim.x + aim.width || box.x + box.width <= aim.x;
    expect(clear).toBe(true);
    await failed.getByTestId('load-failed-dismiss').click();
    await expect(failed).toHaveCount(0);
  }

  for (const size of [
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ]) {
    test(`a load failure arrives over the page without moving it, and can be put away (${size.width}×${size.height})`, async ({ page }) => {
      await page.setViewportSize(size);
      await open(page, 'scenario=teardown');
      await page.waitForLoadState('networkidle');
      // from now on the engine's chunk cannot be fetched
      await page.route(/\/assets\/useSimulation-[^/]*\.js$/, (r) => r.abort('internetdisconnected'));
      const play = page.getByTestId('play');
      const before = (await play.boundingBox())!;
      // the pointer over Play is a sign of use: it starts the engine's fetch, which fails
      await play.hover();
      await expect(page.getByTestId('load-failed')).toBeVisible();
      expect(await play.boundingBox()).toEqual(before);
      await noticeClearOf(page, before);
    });
  }
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
  // the box the plain list fills: the virtual list (a layout root of fixed size) takes exactly its place
  const plainBox = await page.locator('.log-scroll').evaluate((el) => [el.clientWidth, el.clientHeight]);
  expect(plainBox[1]).toBeGreaterThan(200);
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
  expect(await page.locator('.log-scroll').evaluate((el) => [el.clientWidth, el.clientHeight])).toEqual(plainBox);

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

/**
 * Free play: a handshake, then both sides close; the `k=` knob cuts TIME_WAIT to 2 s, so at t = 5
 * the client is CLOSED again (by default it stays in TIME_WAIT for 60 s). The server's card shows
 * its listener, still LISTEN.
 */
const PACKED_A = LZString.compressToEncodedURIComponent(
  JSON.stringify([
    { t: 0, peer: 'server', do: 'listen' },
    { t: 0, peer: 'client', do: 'connect' },
    { t: 1, peer: 'client', do: 'close' },
    { t: 1.5, peer: 'server', do: 'close' },
  ]),
);
const PACKED_K = LZString.compressToEncodedURIComponent(JSON.stringify({ time_wait_len: 2 }));
const PACKED_LINK = `a=${PACKED_A}&k=${PACKED_K}&t=5`;
const LZ_CHUNK = /\/assets\/lzCodec-[^/]*\.js$/;

/**
 * The scripts the page asked for that hold lz-string, whatever the chunk is called: found by its
 * API's name (minifying keeps it) in the built file the server gives (dist/, as bench-ui reads it;
 * a response body may be a bodiless 304).
 */
function lzScripts(page: Page): () => string[] {
  const found = new Set<string>();
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.js') && readFileSync(resolve('dist', `.${path}`), 'utf8').includes('decompressFromEncodedURIComponent')) found.add(path);
  });
  return () => [...found];
}

test('lz-string is fetched only for a link with packed values, before its first picture, in the app and the embed', async ({ page }) => {
  const lz = lzScripts(page);
  // plain links pack and unpack nothing: their first load carries no lz-string
  await open(page, 'scenario=teardown');
  await page.waitForLoadState('networkidle');
  await open(page, 'scenario=teardown&embed=1');
  await page.waitForLoadState('networkidle');
  expect(lz()).toEqual([]);

  // the app: the actions are replayed and the knob applied from the first picture
  await open(page, PACKED_LINK);
  expect(lz()).toEqual([expect.stringMatching(LZ_CHUNK)]);
  await expect(page.getByTestId('url-problems')).toHaveCount(0);
  await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'CLOSED');
  await page.locator('summary', { hasText: 'Knobs' }).click();
  // the knob panel shows the link's value, marked as changed from the default
  const knob = page.getByRole('textbox', { name: /^time_wait_len\b/ });
  await expect(knob).toHaveValue('2');
  await expect(page.locator('li.changed').filter({ has: knob })).toHaveCount(1);
  // and its own link carries the same packed strings on
  await expect
    .poll(async () => {
      const q = new URL((await page.getByTestId('app').getAttribute('data-copy-url')) ?? 'http://x/').searchParams;
      return [q.get('a'), q.get('k')];
    })
    .toEqual([PACKED_A, PACKED_K]);

  // without the knob the same actions leave the client in TIME_WAIT: the knob above was applied
  await open(page, `a=${PACKED_A}&t=5`);
  await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'TIME_WAIT');

  // the embed reads the same link the same way
  await open(page, `${PACKED_LINK}&embed=1`);
  await expect(page.getByTestId('url-problems')).toHaveCount(0);
  await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'CLOSED');
  const full = new URL((await page.getByTestId('open-full').getAttribute('href'))!, page.url()).searchParams;
  expect([full.get('a'), full.get('k')]).toEqual([PACKED_A, PACKED_K]);
  // a bad packed value is still reported, naming its parameter
  await open(page, 'k=garbage&embed=1');
  await expect(page.getByTestId('url-problems')).toContainText('“k”');
});

test('a packed link whose lz-string cannot be fetched shows what failed with Try again, and opens once it can', async ({ page }) => {
  await page.route(LZ_CHUNK, (r) => r.abort('internetdisconnected'));
  await page.goto(`./?lang=en&embed=1&${PACKED_LINK}`);
  const failed = page.getByTestId('load-failed');
  await expect(failed).toContainText('Could not load the simulator');
  // no half-read link is ever shown
  await expect(page.getByTestId('sim-time')).toHaveCount(0);
  await page.unroute(LZ_CHUNK);
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'CLOSED');
  await expect(page.getByTestId('url-problems')).toHaveCount(0);
});

test('the app fetches lz-string for its own link on first need; a failed fetch shows Try again', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const fetched = scripts(page);
  await open(page);
  await page.waitForLoadState('networkidle');
  expect(fetched()).not.toContain('lzCodec');
  // from now on lz-string cannot be fetched: acting by hand makes a link that packs the action
  await page.route(LZ_CHUNK, (r) => r.abort('internetdisconnected'));
  const server = page.locator('.peer-server');
  await server.getByRole('button', { name: 'Listen', exact: true }).click();
  await expect(page.getByTestId('peer-server')).toHaveAttribute('data-tcp-state', 'LISTEN');
  const failed = page.getByTestId('load-failed');
  await expect(failed).toContainText('Could not load the code that writes links');
  expect(fetched()).toContain('lzCodec');
  await page.getByTestId('copy-link').click();
  await expect(page.getByRole('status').filter({ hasText: 'Copy failed' })).toBeVisible();

  await page.unroute(LZ_CHUNK);
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(failed).toHaveCount(0);
  const listen = LZString.compressToEncodedURIComponent(JSON.stringify([{ t: 0, peer: 'server', do: 'listen' }]));
  await expect.poll(async () => new URL((await page.getByTestId('app').getAttribute('data-copy-url')) ?? 'http://x/').searchParams.get('a')).toBe(listen);
  await page.getByTestId('copy-link').click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  expect(new URL(page.url()).searchParams.get('a')).toBe(listen);
});
