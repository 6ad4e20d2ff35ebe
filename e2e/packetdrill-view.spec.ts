import { expect, test } from '@playwright/test';
import LZString from 'lz-string';

test.describe.configure({ timeout: 60_000 });
expect.configure({ timeout: 15_000 });

test('the packetdrill view passes one of the project\'s scripts and shows what was sent and received', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.getByTestId('open-packetdrill').click();
  await page.getByTestId('pkt-example').selectOption('common/passive-open.pkt');
  await page.getByTestId('pkt-run').click();
  await expect(page.getByTestId('pkt-verdict')).toHaveAttribute('data-status', 'pass');
  await expect(page.getByTestId('pkt-verdict')).toHaveText('PASS common/passive-open.pkt');
  await expect(page.getByTestId('pkt-ladder').locator('li').first()).toBeVisible();
});

test('a broken copy fails with the failing line highlighted, and travels by pkt= link', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./?view=packetdrill&lang=en');
  const text = await page.getByTestId('pkt-text').inputValue();
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes('> S 0:0(0)'));
  lines[i] = lines[i]!.replace('> S 0:0(0)', '> F 0:0(0)');
  await page.getByTestId('pkt-text').fill(lines.join('\n'));
  await page.getByTestId('pkt-copy-link').click();
  const link = (await page.getByTestId('app').getAttribute('data-copy-url'))!;
  expect(LZString.decompressFromEncodedURIComponent(new URL(link).searchParams.get('pkt')!)).toBe(lines.join('\n'));

  await page.goto(`${link}&embed=1`);
  await page.getByTestId('pkt-run').click();
  await expect(page.getByTestId('pkt-verdict')).toHaveAttribute('data-status', 'fail');
  await expect(page.getByTestId('pkt-verdict')).toHaveAttribute('data-line', String(i + 1));
  const failing = page.getByTestId('pkt-fail-line');
  await expect(failing).toContainText('> F 0:0(0)');
  await expect(failing).toBeInViewport();
  expect(await page.getByTestId('pkt-listing').locator('li').nth(i).getAttribute('data-testid')).toBe('pkt-fail-line');
});
