import { expect, test } from '@playwright/test';
import { expectState, open, SHOTS, simSeconds } from './helpers.ts';

const player = (page: import('@playwright/test').Page) => page.getByTestId('player');
const note = (page: import('@playwright/test').Page) => page.getByTestId('note');


test('a chip is placed by the clock: the same instant shows it at the same spot, paused or sought', async ({ page }) => {
  await open(page, 'scenario=handshake&lesson=0&t=0.12');
  const chip = page.locator('[data-testid="edge-token"][data-peer="client"]');
  await expect(chip).toHaveAttribute('data-progress', '0.400');
  const first = await chip.getAttribute('transform');
  await page.getByTestId('step').click();
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-seconds', '0.15');
  // back to the instant before the step: the chip where it was
  await page.getByTestId('step-back').click();
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-seconds', '0.12');
  await expect(chip).toHaveAttribute('transform', first!);
  await page.getByTestId('step-back').click();
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-seconds', '0.1');
  await expect(chip).toHaveAttribute('data-progress', '0.000');
});

test('a segment on the wire is on the state diagram too, and a crossing is recorded as pictures', async ({ page }, testInfo) => {
  for (const [i, t] of [0.1, 0.11, 0.125, 0.14, 0.15].entries()) {
    await open(page, `scenario=handshake&lesson=0&t=${t}`);
    const syn = page.locator('[data-testid="segment"][data-id="1"]');
    if (t < 0.15) {
      await expect(syn).toHaveAttribute('data-status', 'in-flight');
      await expect(page.locator('[data-testid="flight-token"][data-id="1"]')).toHaveAttribute('data-flags', 'SYN');
    } else {
      await expect(syn).toHaveAttribute('data-status', 'delivered');
      await expect(syn).toHaveAttribute('data-progress', '1.000');
    }
    const path = `${SHOTS}/syn-crossing-${i}.png`;
    await page.locator('.diagrams').screenshot({ path });
    await testInfo.attach(`syn-crossing-${i} (t=${t})`, { path, contentType: 'image/png' });
  }
});

test('teardown as a lesson stops at each note in order, continues on PageDown, and Previous is exact', async ({ page }) => {
  await open(page, 'scenario=teardown&speed=100');
  await expect(player(page)).toHaveAttribute('data-status', 'idle');
  const ats = ['2', '2.05', '2.1', '2.25', '2.3', '2.35', '62.3'];
  for (const [i, at] of ats.entries()) {
    await page.keyboard.press('PageDown');
    await expect(player(page)).toHaveAttribute('data-status', 'note', { timeout: 20_000 });
    await expect(note(page)).toHaveAttribute('data-index', String(i));
    await expect(note(page)).toHaveAttribute('data-at', at);
    await expect(page.getByTestId('sim-time')).toHaveAttribute('data-seconds', at);
    if (i === 2) {
      // Previous: back to the earlier note's exact instant and state
      await page.keyboard.press('PageUp');
      await expect(note(page)).toHaveAttribute('data-index', '1');
      await expect(page.getByTestId('sim-time')).toHaveAttribute('data-seconds', '2.05');
      await expectState(page, 'client', 'FIN_WAIT_1');
      await expectState(page, 'server', 'CLOSE_WAIT');
      await page.keyboard.press('PageDown');
      await expect(note(page)).toHaveAttribute('data-index', '2');
      await expectState(page, 'client', 'FIN_WAIT_2');
    }
  }
  await page.keyboard.press('PageDown');
  await expect(player(page)).toHaveAttribute('data-status', 'ended', { timeout: 20_000 });
  await expectState(page, 'client', 'CLOSED');
});

test('step back works after Play → Pause and after opening a link with t=', async ({ page }) => {
  await open(page, 'scenario=teardown&lesson=0&pace=exact');
  await page.getByTestId('play').click();
  await expect.poll(() => simSeconds(page)).toBeGreaterThan(1.2);
  await page.getByTestId('play').click();
  await expect(player(page)).toHaveAttribute('data-status', 'paused');
  const t = await simSeconds(page);
  await expect(page.getByTestId('step-back')).toBeEnabled();
  await page.getByTestId('step-back').click();
  await expect.poll(() => simSeconds(page)).toBeLessThan(t);

  await open(page, 'scenario=teardown&t=2.2&lesson=0');
  await expectState(page, 'server', 'CLOSE_WAIT');
  await page.getByTestId('step-back').click();
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-seconds', '2.1');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-seconds', '2.05');
  await expectState(page, 'client', 'FIN_WAIT_1');
});

test('reduced motion: no travelling chips, the cause is shown at once', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await open(page, 'scenario=handshake&lesson=0&t=0.3');
  await expect(page.getByTestId('edge-label').first()).toBeVisible();
  await expect(page.locator('[data-testid="edge-label"][data-peer="client"]')).toHaveAttribute('data-label', 'SYN,ACK');
  await expect(page.getByTestId('edge-token')).toHaveCount(0);
});

test('a note highlights what it names: the peer, the state, the segment and the timer, also in presenter mode', async ({ page }) => {
  for (const query of ['scenario=lost-fin&t=2', 'scenario=lost-fin&t=2&present=1', 'scenario=lost-fin&t=2&lang=zh-CN']) {
    await open(page, query);
    // "The client calls close(): it sends FIN, enters FIN_WAIT_1 and starts its retransmission timer."
    await expect(note(page)).toHaveAttribute('data-at', '2');
    await expect(page.locator('[data-testid="diagram-state"][data-state="FIN_WAIT_1"]')).toHaveAttribute('data-noted', 'true');
    const seg = page.locator('[data-testid="segment"][data-noted="true"]');
    await expect(seg).toHaveCount(1);
    await expect(seg).toHaveAttribute('data-flags', 'FIN,ACK');
    await expect(seg).toHaveAttribute('data-from', 'client');
    await expect(page.locator('[data-testid="timer"][data-timer="RTO"][data-peer="client"]')).toHaveAttribute('data-noted', 'true');
    await expect(page.locator('[data-testid="timer-bar"][data-timer="RTO"][data-peer="client"]')).toHaveAttribute('data-noted', 'true');
    if (!query.includes('present')) {
      await expect(page.getByTestId('peer-card-client')).toHaveAttribute('data-noted', 'true');
      await expect(page.getByTestId('peer-card-server')).not.toHaveAttribute('data-noted', 'true');
    }
    await page.locator('.diagrams').screenshot({ path: `${SHOTS}/note-highlight-${query.includes('present') ? 'present' : query.includes('zh') ? 'zh' : 'en'}.png` });
  }
  // the next note names other things: the highlight follows the note
  await page.keyboard.press('PageDown');
  await expect(note(page)).toHaveAttribute('data-at', '2.05');
  await expect(page.locator('[data-testid="timer"][data-noted="true"]')).toHaveCount(0);
});
