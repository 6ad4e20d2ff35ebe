import { expect, test } from '@playwright/test';
import { open, SHOTS } from './helpers.ts';

test('a bad knob value gets an inline error and is not applied', async ({ page }) => {
  await open(page, 'scenario=teardown&t=3');
  await page.locator('summary', { hasText: 'Knobs' }).click();
  const tw = page.getByLabel('time_wait_len', { exact: true });
  await expect(tw).toHaveValue('60');
  await tw.fill('-1');
  await tw.press('Enter');
  const err = page.getByTestId('knob-error');
  await expect(err).toContainText('time_wait_len');
  await expect(err).toContainText('0 to 3600');
  await expect(page.locator('[data-testid="timer"][data-timer="TIME_WAIT"]')).toHaveAttribute('data-remaining', '59.3');
  // a good value applies: the world is rebuilt and replayed to the same time
  await tw.fill('5');
  await tw.press('Enter');
  await expect(err).toHaveCount(0);
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-seconds', '3');
  await expect(page.locator('[data-testid="timer"][data-timer="TIME_WAIT"]')).toHaveAttribute('data-remaining', '4.3');
  await page.getByRole('button', { name: 'Reset time_wait_len' }).click();
  await expect(page.locator('[data-testid="timer"][data-timer="TIME_WAIT"]')).toHaveAttribute('data-remaining', '59.3');
  await page.screenshot({ path: `${SHOTS}/knobs.png`, fullPage: true });
});

test('autoplay at 1000× runs through TIME_WAIT', async ({ page }) => {
  await open(page, 'scenario=teardown&autoplay=1&speed=1000&lesson=0');
  // it plays by itself, and stops once nothing is scheduled (it may already have by now)
  await expect(page.getByTestId('player')).toHaveAttribute('data-status', 'ended', { timeout: 20_000 });
  await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'CLOSED');
  await expect(page.getByTestId('event-log')).toContainText('TIME_WAIT timer expired');
});

test('network panel: a drop-next rule loses the next SYN and the client retransmits it', async ({ page }) => {
  await open(page);
  await page.getByLabel('Only if it carries').selectOption('SYN');
  await page.getByRole('button', { name: 'Arm drop' }).click();
  await expect(page.getByTestId('drop-rules')).toContainText('client → server SYN');
  await page.getByRole('group', { name: 'Socket API of the server' }).getByRole('button', { name: 'Listen' }).click();
  await page.getByRole('group', { name: 'Socket API of the client' }).getByRole('button', { name: 'Connect' }).click();
  await page.getByTestId('jump-timer').click();
  await page.getByTestId('jump-timer').click();
  // (scrolled back to the start of the ladder)
  await page.locator('[data-testid="sequence-diagram"] .seq-scroll').evaluate((el) => el.scrollTo(0, 0));
  await expect(page.locator('[data-testid="segment"][data-flags="SYN"][data-status="dropped"]')).toHaveCount(1);
  await expect(page.getByTestId('event-log')).toContainText('SYN (retransmission)');
});

test('embed layout', async ({ page }) => {
  await open(page, 'scenario=lost-fin&embed=1&t=2.4');
  // the embed is a layout of its own: no app header, no side panels
  await expect(page.locator('header.top')).toHaveCount(0);
  await expect(page.getByTestId('event-log')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Crash host' })).toHaveCount(0);
  await expect(page.getByTestId('open-full')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/embed.png` });
});

test('clicking a segment shows its details; the seq toggle switches numbering', async ({ page }) => {
  await open(page, 'scenario=lost-fin&t=3');
  await page.locator('[data-testid="segment"][data-flags="FIN,ACK"][data-status="dropped"]').first().click();
  const insp = page.getByTestId('inspector');
  await expect(insp).toContainText('[FIN, ACK]');
  await expect(insp).toContainText('dropped');
  await expect(insp).toContainText('40000');
  const rel = await insp.innerText();
  await page.getByLabel('Relative sequence numbers').uncheck();
  await expect(insp).not.toHaveText(rel);
  await expect(insp).toContainText('relative 1');
});

test('the inspector picker lists the newest segments once in use, and picking one shows it', async ({ page }) => {
  await open(page, 'scenario=lost-fin&t=3');
  const pick = page.getByTestId('inspector-pick');
  await pick.focus();
  // every segment sent so far is offered, newest last (the ladder follows the newest: its id is the count)
  const n = Math.max(...(await page.getByTestId('segment').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))))));
  await expect(pick.locator('option')).toHaveCount(n + 1);
  await pick.selectOption({ index: 1 });
  await expect(page.getByTestId('inspector')).toContainText('[SYN]');
  // the ladder marks it, back at its start
  await page.locator('[data-testid="sequence-diagram"] .seq-scroll').evaluate((el) => el.scrollTo(0, 0));
  await expect(page.locator('[data-testid="segment"][data-id="1"]')).toHaveAttribute('aria-pressed', 'true');
});

test('clicking a state in the diagram explains it', async ({ page }) => {
  await open(page, 'scenario=teardown&t=3');
  await page.locator('[data-testid="diagram-state"][data-state="TIME_WAIT"]').click();
  await expect(page.getByTestId('state-info')).toHaveAttribute('data-state', 'TIME_WAIT');
  await expect(page.locator('[data-testid="diagram-state"][data-state="TIME_WAIT"]')).toHaveAttribute('data-active-peers', 'client');
});

test('every knob shows a one-line description in the chosen language', async ({ page }) => {
  await open(page, 'scenario=teardown&t=3');
  await page.locator('summary', { hasText: 'Knobs' }).click();
  const rows = page.locator('.knobs > li');
  // the knobs table is fetched when the panel first opens: wait for it instead of counting at once
  await expect.poll(() => rows.count()).toBeGreaterThan(20);
  const n = await rows.count();
  await expect(page.getByTestId('knob-help')).toHaveCount(n);
  await expect(page.locator('#knob-time_wait_len-help')).toContainText('TIME_WAIT');
  await expect(page.getByLabel('time_wait_len', { exact: true })).toHaveAttribute('aria-describedby', /knob-time_wait_len-help/);
  await page.getByTestId('lang-zh-CN').click();
  await expect(page.locator('#knob-tcp_fin_timeout-help')).toContainText('孤儿套接字');
  for (const text of await page.getByTestId('knob-help').allInnerTexts()) expect(text).toMatch(/[\u4e00-\u9fff]/);
});
