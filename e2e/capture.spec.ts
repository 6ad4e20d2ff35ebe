import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { listStreams, readCapture } from '../src/pcap/capture.ts';
import { open, SHOTS } from './helpers.ts';

test('Download capture: the run as pcapng at both peers, read back by the capture reader', async ({ page }) => {
  await open(page, 'scenario=teardown&t=5');
  await page.getByTestId('capture-panel').locator('summary').click();
  await page.getByTestId('capture-point').selectOption('both');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-capture').click()]);
  expect(download.suggestedFilename()).toBe('teardown-both.pcapng');
  const bytes = readFileSync(await download.path());
  const c = readCapture(bytes, 'teardown-both.pcapng');
  expect(c.format).toBe('pcapng');
  expect(listStreams(c)).toHaveLength(1);
  expect(c.tcp).toHaveLength(18); // nine segments, each seen leaving and arriving
  await expect(page.getByRole('status').filter({ hasText: 'Saved teardown-both.pcapng' })).toBeVisible();
  // Classic pcap cannot hold two interfaces: the page says so instead of writing a wrong file.
  await page.getByTestId('capture-format').selectOption('pcap');
  await expect(page.getByTestId('download-capture')).toBeDisabled();
});

test('Open capture…: a real Linux capture replayed through the state machine', async ({ page }) => {
  await open(page, 'scenario=teardown');
  await page.getByTestId('capture-panel').locator('summary').click();
  await page.getByTestId('open-capture').setInputFiles('tests/captures/linux/teardown.pcap');
  const dialog = page.getByTestId('capture-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('capture-stream')).toContainText('10.14.0.1:40000 → 10.14.0.2:8080, 8 packets');
  await expect(dialog.getByTestId('capture-state-client')).toHaveAttribute('data-tcp-state', 'TIME_WAIT');
  await expect(dialog.getByTestId('capture-state-server')).toHaveAttribute('data-tcp-state', 'CLOSED');
  await expect(dialog.getByTestId('capture-paths')).toContainText('Client: CLOSED → SYN_SENT → ESTABLISHED → FIN_WAIT_1 → TIME_WAIT');
  await expect(dialog.locator('[data-testid="diagram-state"][data-state="TIME_WAIT"]')).toHaveAttribute('data-active-peers', 'client');
  await expect(dialog.locator('[data-testid="segment"]')).toHaveCount(8);
  await expect(dialog).toContainText('None: every segment is what the model would have sent and accepted.');
  await page.screenshot({ path: `${SHOTS}/capture-replay-1366.png` });
  // Back to the first packet: the client has just sent its SYN.
  await dialog.getByTestId('capture-time').fill('0');
  await expect(dialog.getByTestId('capture-state-client')).toHaveAttribute('data-tcp-state', 'SYN_SENT');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('Open capture…: a file that is not a capture gets an error naming the file and byte', async ({ page }) => {
  await open(page, 'lang=zh-CN');
  await page.getByTestId('capture-panel').locator('summary').click();
  await expect(page.getByTestId('capture-panel')).toContainText('打开抓包文件…');
  await page.getByTestId('open-capture').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello, not a capture') });
  await expect(page.getByTestId('capture-error')).toHaveText('notes.txt: byte 0: wrong magic number 0x68656c6c: not a pcap or pcapng file');
  await page.screenshot({ path: `${SHOTS}/capture-panel-zh.png` });
});
