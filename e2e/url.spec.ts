import { expect, test } from '@playwright/test';
import LZString from 'lz-string';
import { expectState, logCaughtUp, open, peer, stepUntil } from './helpers.ts';

test('a shared link reproduces the view after reload', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, 'scenario=teardown');
  await page.getByTestId('profile-rfc9293').click();
  for (let i = 0; i < 12; i++) await page.getByTestId('step').click();
  const time = await page.getByTestId('sim-time').getAttribute('data-seconds');
  const client = await page.getByTestId('peer-client').getAttribute('data-tcp-state');
  const server = await page.getByTestId('peer-server').getAttribute('data-tcp-state');
  await logCaughtUp(page);
  const log = await page.getByTestId('event-log').innerText();
  await page.getByTestId('copy-link').click();
  await expect(page.getByRole('status').filter({ hasText: /Link copied|Copy failed/ })).toBeVisible();
  // "Copy link" also puts the link in the address bar; data-copy-url is rebuilt once the page is idle
  const link = page.url();
  await expect(page.getByTestId('app')).toHaveAttribute('data-copy-url', link);
  expect(link).toContain('profile=rfc9293');
  expect(link).toContain(`t=${time}`);
  await page.goto(link);
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-seconds', time!);
  await expectState(page, 'client', client!);
  await expectState(page, 'server', server!);
  await expect(page.getByTestId('profile-rfc9293')).toHaveAttribute('aria-pressed', 'true');
  expect(await page.getByTestId('event-log').innerText()).toBe(log);
});

test('bad URL values are reported, naming the parameter', async ({ page }) => {
  await page.goto('./?scenario=nope&speed=fast&lang=en&zoom=3');
  const alert = page.getByTestId('url-problems');
  await expect(alert).toContainText('“scenario”');
  await expect(alert).toContainText('handshake');
  await expect(alert).toContainText('“speed”');
  await expect(alert).toContainText('“zoom”');
});

test('embed mode hides the header chrome', async ({ page }) => {
  await open(page, 'scenario=handshake&embed=1&t=1');
  await expect(page.getByTestId('scenario-picker')).toHaveCount(0);
  await expectState(page, 'client', 'ESTABLISHED');
});

test('a link made after acting by hand replays the actions exactly', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page); // the free sandbox
  const server = page.locator('.peer-server');
  const client = page.locator('.peer-client');
  await server.getByRole('button', { name: 'Listen', exact: true }).click();
  await client.getByRole('button', { name: 'Connect', exact: true }).click();
  await stepUntil(page, async () => (await peer(page, 'client').getAttribute('data-tcp-state')) === 'ESTABLISHED' && (await peer(page, 'server').getAttribute('data-tcp-state')) === 'ESTABLISHED');
  await client.getByRole('button', { name: 'Send 100 bytes' }).click();
  // run a bit: a couple of events by hand, then the clock for a moment
  for (let i = 0; i < 2 && (await page.getByTestId('step').isEnabled()); i++) await page.getByTestId('step').click();
  await page.getByTestId('play').click();
  await page.waitForTimeout(150);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  // paused: the clock must stand still before the view is recorded
  await expect
    .poll(async () => {
      const before = await page.getByTestId('sim-time').getAttribute('data-seconds');
      await page.waitForTimeout(100);
      return before === (await page.getByTestId('sim-time').getAttribute('data-seconds'));
    })
    .toBe(true);

  const time = await page.getByTestId('sim-time').getAttribute('data-seconds');
  const clientState = await peer(page, 'client').getAttribute('data-tcp-state');
  const serverState = await peer(page, 'server').getAttribute('data-tcp-state');
  const segments = await page.getByTestId('segment').count();
  const log = await page.getByTestId('event-log').innerText();
  expect(segments).toBeGreaterThanOrEqual(4); // SYN, SYN-ACK, ACK, data

  await page.getByTestId('copy-link').click();
  await expect(page.getByRole('status').filter({ hasText: /Link copied|Copy failed/ })).toBeVisible();
  const link = page.url(); // "Copy link" also puts the link in the address bar
  // data-copy-url is rebuilt once the page is idle, so it is awaited, not read once
  await expect(page.getByTestId('app')).toHaveAttribute('data-copy-url', link);
  expect(new URL(link).searchParams.get('a')).toBeTruthy();

  const again = await context.newPage();
  await again.goto(link);
  await expect(again.getByTestId('sim-time')).toHaveAttribute('data-seconds', time!);
  await expectState(again, 'client', clientState!);
  await expectState(again, 'server', serverState!);
  await expect(again.getByTestId('segment')).toHaveCount(segments);
  await expect(again.getByTestId('url-problems')).toHaveCount(0);
  await expect(again.getByTestId('sim-error')).toHaveCount(0);
  // the log renders deferred: the reloaded page's is awaited, not read once
  await expect.poll(() => again.getByTestId('event-log').innerText()).toBe(log);
  // the reloaded page carries the same actions on: its own link is the same
  await expect(again.getByTestId('app')).toHaveAttribute('data-copy-url', link);
});

test('a malformed or refused `a` is reported and none of it applied', async ({ page }) => {
  await open(page, 'a=garbage&t=1');
  await expect(page.getByTestId('url-problems')).toContainText('“a”');
  await expect(page.getByTestId('url-problems')).toContainText('not lz-string data');
  await expectState(page, 'server', 'CLOSED');

  // well-formed, but the second action is refused when replayed: the first (listen) is not kept either
  const a = LZString.compressToEncodedURIComponent(JSON.stringify([{ t: 0, peer: 'server', do: 'listen' }, { t: 0.5, peer: 'client', do: 'close' }]));
  await open(page, `a=${a}&t=1`);
  const alert = page.getByTestId('url-problems');
  await expect(alert).toContainText('“a”');
  await expect(alert).toContainText('a[1] (t = 0.5) was refused');
  await expectState(page, 'server', 'CLOSED');
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-seconds', '1');
});
