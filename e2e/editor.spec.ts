import { expect, test } from '@playwright/test';
import LZString from 'lz-string';
import { expectState, open, peer, stepUntil } from './helpers.ts';

test.describe.configure({ timeout: 90_000 });
expect.configure({ timeout: 15_000 });

test('a scenario made by hand in the editor round-trips through its s= link', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page); // free play
  await page.locator('.peer-server').getByRole('button', { name: 'Listen', exact: true }).click();
  await page.locator('.peer-client').getByRole('button', { name: 'Connect', exact: true }).click();
  await stepUntil(page, async () => (await peer(page, 'server').getAttribute('data-tcp-state')) === 'ESTABLISHED');
  await page.getByTestId('editor-open').click();
  await page.getByTestId('editor-id').fill('by-hand');
  await page.getByTestId('editor-title-en').fill('Handshake by hand');
  await page.getByTestId('editor-title-zh-CN').fill('手动握手');
  await page.getByTestId('editor-add-note').click();
  await page.getByTestId('editor-note-en').fill('Both sides are connected now.');
  await page.getByTestId('editor-note-zh-CN').fill('双方现在都已连接。');
  await page.getByTestId('editor-copy-link').click();
  await expect(page.getByTestId('editor')).toHaveAttribute('data-link', /\?s=/);
  const link = (await page.getByTestId('editor').getAttribute('data-link'))!;

  await page.goto(`${link}&lang=en`);
  await expect(page.getByTestId('url-problems')).toHaveCount(0);
  await expect(page.locator('.story h2')).toHaveText('Handshake by hand');
  // the actions taken by hand are the scenario's steps now
  await stepUntil(page, async () => (await peer(page, 'server').getAttribute('data-tcp-state')) === 'ESTABLISHED');
  await expectState(page, 'client', 'ESTABLISHED');
  await page.getByRole('button', { name: /^(Next|Play)/ }).first().click();
  await expect(page.getByTestId('scenario-note')).toContainText('Both sides are connected now.');
});

test('a broken s= names the field, and nothing of it is applied', async ({ page }) => {
  const bad = { id: 'x', title: { en: 'Broken', 'zh-CN': '坏' }, summary: { en: 's', 'zh-CN': 's' }, steps: [{ at: 0, peer: 'server', do: 'listn' }], notes: [] };
  await page.goto(`./?lang=en&s=${LZString.compressToEncodedURIComponent(JSON.stringify(bad))}`);
  const alert = page.getByTestId('url-problems');
  await expect(alert).toContainText('“s”');
  await expect(alert).toContainText('steps[0].do');
  await expect(page.locator('.story h2')).not.toHaveText('Broken');
  await expectState(page, 'server', 'CLOSED');
});

test('loading a scenario file that is not valid shows its errors with line:column', async ({ page }) => {
  await open(page);
  await page.getByTestId('editor-open').click();
  await page.getByTestId('editor-load').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "id": "mine",\n  "title": {"en": "A", "zh-CN": "A"},\n  "steps": [ { "at": 0, "peer": "sever", "do": "listen" } ]\n}\n') });
  await expect(page.getByTestId('editor-error')).toContainText(/mine\.json:\d+:\d+/);
});
