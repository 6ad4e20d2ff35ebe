import { expect, test } from '@playwright/test';
import { expectState, open, peer, simSeconds, stepUntil } from './helpers.ts';

test('handshake and teardown by clicking', async ({ page }) => {
  await open(page, 'pace=exact');
  const client = page.getByRole('group', { name: 'Socket API of the client' });
  const server = page.getByRole('group', { name: 'Socket API of the server' });
  await expectState(page, 'client', 'CLOSED');
  await expect(client.getByRole('button', { name: 'Close' })).toBeDisabled();

  await server.getByRole('button', { name: 'Listen' }).click();
  await expectState(page, 'server', 'LISTEN');
  await client.getByRole('button', { name: 'Connect' }).click();
  await expectState(page, 'client', 'SYN_SENT');
  await expect(page.getByTestId('results-client')).toContainText('connect() = -1 EINPROGRESS');

  // run the clock
  await page.getByTestId('play').click();
  await expectState(page, 'client', 'ESTABLISHED');
  await expectState(page, 'server', 'ESTABLISHED');
  await page.getByTestId('play').click(); // pause
  await expect(page.getByTestId('event-log')).toContainText('The server received SYN and answered SYN,ACK: LISTEN → SYN_RCVD');
  await expect(page.getByTestId('results-client')).toContainText('connect() = 0');

  // teardown: client closes first
  await client.getByRole('button', { name: 'Close' }).click();
  await expectState(page, 'client', 'FIN_WAIT_1');
  await stepUntil(page, async () => (await peer(page, 'server').getAttribute('data-tcp-state')) === 'CLOSE_WAIT');
  await expect(page.getByTestId('results-server')).toContainText('read() = 0');
  await server.getByRole('button', { name: 'Close' }).click();
  await expectState(page, 'server', 'LAST_ACK');
  // the connection ends (LAST_ACK → CLOSED) and only the listener is left: the server is listening again
  await stepUntil(page, async () => (await peer(page, 'server').getAttribute('data-tcp-state')) === 'LISTEN');
  await expect(page.locator('[data-testid="diagram-last-edge"][data-peer="server"]')).toHaveAttribute('data-edge', /LAST_ACK.*CLOSED/);
  await expectState(page, 'client', 'TIME_WAIT');
  expect(await simSeconds(page)).toBeGreaterThan(0);
});

test('an invalid call is explained, not crashed on', async ({ page }) => {
  await open(page, 'scenario=handshake&t=1');
  // the client is connected: the network panel can still do bad things, e.g. an invalid delay
  const net = page.locator('.net-panel');
  await net.getByLabel('One-way delay (s)').fill('-5');
  await net.getByRole('button', { name: 'Apply' }).first().click();
  await expect(page.getByTestId('sim-error')).toContainText('delay');
  await expectState(page, 'client', 'ESTABLISHED');
});
