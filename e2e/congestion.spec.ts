/**
 * Congestion control and the tail loss probe as a person sees them: the client sends
 * 3000 bytes (three segments), the last is lost, and about two round trips later the
 * client probes with it again. The ladder labels the probe TLP; the peer panel shows
 * the congestion window; the segment inspector shows the sender's window and the probe.
 */
import { expect, test } from '@playwright/test';
import LZString from 'lz-string';
import { open, SHOTS } from './helpers.ts';

const scenario = {
  id: 'tail-loss',
  title: { en: 'The last segment is lost', 'zh-CN': '最后一个报文段丢失' },
  summary: { en: 'A tail loss probe recovers it.', 'zh-CN': '尾部丢包探测将其恢复。' },
  profile: 'linux',
  link: { delay: 0.05, loss: 0 },
  seed: 1,
  steps: [
    { at: 0, peer: 'server', do: 'listen' },
    { at: 0.1, peer: 'client', do: 'connect' },
    { at: 0.9, net: 'drop-next', dir: 'client->server', flags: 'PSH' },
    { at: 1, peer: 'client', do: 'send', bytes: 3000 },
  ],
  notes: [],
};
const s = LZString.compressToEncodedURIComponent(JSON.stringify(scenario));

test('the probe is labelled TLP in the ladder and the inspector; cwnd shows in the peer panel (English)', async ({ page }) => {
  await open(page, `s=${s}&t=1.6&lesson=0`);
  // IW10 at the handshake; two full segments acknowledged in slow start: 12; the probe's ACK: 13
  await expect(page.getByTestId('cwnd-client')).toHaveAttribute('data-cwnd', '13');
  await expect(page.getByTestId('cwnd-client')).toContainText('cwnd 13 × 1460 B = 18980 B');
  await expect(page.getByTestId('cwnd-client')).toContainText('in flight 0 B');
  // the server sent no data: its window is still the initial one
  await expect(page.getByTestId('cwnd-server')).toHaveAttribute('data-cwnd', '10');

  const lost = page.locator('[data-testid="segment"][data-status="dropped"]');
  await expect(lost).toHaveCount(1);
  const probe = page.locator('[data-testid="segment"][data-tlp="true"]');
  await expect(probe).toHaveCount(1);
  await expect(probe).toHaveAttribute('data-flags', 'PSH,ACK');
  await expect(probe).toHaveAttribute('data-from', 'client');
  await expect(probe.getByTestId('tlp-tag')).toHaveText(/^\s*TLP\s*$/);
  await expect(probe).toHaveAttribute('aria-label', /tail loss probe \(TLP\)/);
  // the ordinary data segments carry no label
  await expect(page.getByTestId('tlp-tag')).toHaveCount(1);

  await page.screenshot({ path: `${SHOTS}/tlp-cwnd-panel-en-1366.png` });
  await probe.click();
  await expect(page.getByTestId('inspector-tlp')).toContainText('yes');
  await expect(page.getByTestId('inspector-cwnd')).toHaveAttribute('data-cwnd', '12');
  await expect(page.getByTestId('inspector-cwnd')).toHaveText('12 segments');
  await page.screenshot({ path: `${SHOTS}/tlp-cwnd-en-1366.png` });
});

test('the same in Chinese: TLP 探测 in the ladder, 拥塞窗口 in the peer panel and the inspector', async ({ page }) => {
  await open(page, `s=${s}&t=1.6&lesson=0&lang=zh-CN`);
  await expect(page.getByTestId('cwnd-client')).toContainText('拥塞窗口 13 × 1460 字节 = 18980 字节');
  const probe = page.locator('[data-testid="segment"][data-tlp="true"]');
  await expect(probe.getByTestId('tlp-tag')).toHaveText(/^\s*TLP 探测\s*$/);
  await expect(probe).toHaveAttribute('aria-label', /尾部丢包探测（TLP）/);
  for (const [w, h] of [[390, 844], [1280, 720]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${SHOTS}/tlp-cwnd-zh-${w}.png`, fullPage: w < 500 });
  }
  // the ladder is laid out again for the new width: a click made while it moves may miss the probe
  await expect(async () => {
    await probe.click();
    await expect(page.getByTestId('inspector')).toBeVisible({ timeout: 1000 });
  }).toPass();
  await expect(page.getByTestId('inspector')).toContainText('发送方拥塞窗口');
  await expect(page.getByTestId('inspector-cwnd')).toHaveText('12 个报文段');
  await expect(page.getByTestId('inspector-tlp')).toContainText('是');
  await page.screenshot({ path: `${SHOTS}/tlp-cwnd-zh-1366.png` });
});

test('rfc9293 has no congestion control to show and sends no probe: an RTO retransmits the lost segment', async ({ page }) => {
  await open(page, `s=${LZString.compressToEncodedURIComponent(JSON.stringify({ ...scenario, profile: 'rfc9293' }))}&t=4&lesson=0`);
  await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'ESTABLISHED');
  await expect(page.getByTestId('cwnd-client')).toHaveCount(0);
  await expect(page.locator('[data-testid="segment"][data-tlp="true"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="segment"][data-retransmit="true"]')).toHaveCount(1);
});
