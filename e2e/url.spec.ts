import { expect, test } from '@playwright/test';
import { expectState, open } from './helpers.ts';

test('a shared link reproduces the view after reload', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, 'scenario=teardown');
  await page.getByTestId('profile-rfc9293').click();
  for (let i = 0; i < 12; i++) await page.getByTestId('step').click();
  const time = await page.getByTestId('sim-time').getAttribute('data-seconds');
  const client = await page.getByTestId('peer-client').getAttribute('data-tcp-state');
  const server = await page.getByTestId('peer-server').getAttribute('data-tcp-state');
  const log = await page.getByTestId('event-log').innerText();
  await page.getByTestId('copy-link').click();
  await expect(page.getByRole('status').filter({ hasText: /Link copied|Copy failed/ })).toBeVisible();
  const link = await page.getByTestId('app').getAttribute('data-copy-url');
  expect(link).toContain('profile=rfc9293');
  expect(link).toContain(`t=${time}`);
  await page.goto(link!);
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
