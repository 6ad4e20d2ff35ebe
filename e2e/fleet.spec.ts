/**
 * The fleet page as a person uses it: it draws the run, the readouts at the cursor say what the
 * samples say, and a connection picked in a state opens in the two-peer view in that state.
 */
import { expect, test } from '@playwright/test';
import { FleetSim } from '../src/fleet/sim.ts';
import { preset } from '../src/fleet/presets/index.ts';
import { awkOutput, ssSummary } from '../src/fleet/readouts.ts';

const finished = '[data-testid="fleet-page"][data-finished="1"]';

test.describe('fleet view', () => {
  test.setTimeout(240_000);

  test('is reachable from the header, draws the run and shows its progress', async ({ page }) => {
    await page.goto('./?lang=en');
    await page.getByTestId('nav-fleet').click();
    await expect(page.getByTestId('fleet-page')).toBeVisible();
    await page.getByTestId('fleet-preset').selectOption('fin-wait-2');
    await expect(page.getByTestId('fleet-progress')).toBeVisible();
    await expect(page.locator(finished)).toBeVisible({ timeout: 200_000 });
    await expect(page.getByTestId('fleet-page')).toHaveAttribute('data-samples', '300');
    for (const st of ['LISTEN', 'FIN_WAIT_2', 'TIME_WAIT']) await expect(page.locator(`[data-testid="fleet-chart"] [data-testid="fleet-band"][data-state="${st}"]`)).toHaveCount(1);
    const d = await page.locator('[data-testid="fleet-band"][data-state="FIN_WAIT_2"]').getAttribute('d');
    expect(d?.length ?? 0).toBeGreaterThan(200);
  });

  test('readouts at the cursor match the samples', async ({ page }) => {
    await page.goto('./?view=fleet&preset=fin-wait-2&lang=en&t=75');
    const sim = new FleetSim(preset('fin-wait-2'));
    sim.runUntil(75);
    const s = sim.samples[74]!;
    await expect(page.getByTestId('fleet-readouts')).toHaveAttribute('data-t', '75', { timeout: 200_000 });
    await expect(page.getByTestId('fleet-awk')).toContainText(awkOutput(s).join('\n'));
    await expect(page.getByTestId('fleet-ss-s')).toContainText(ssSummary(s));
    await expect(page.locator('[data-testid="fleet-count"][data-state="FIN_WAIT_2"]')).toHaveText(s.states.FIN_WAIT_2.toLocaleString('en'));
    // moving the cursor with the keyboard moves the readouts with it
    await page.getByTestId('fleet-chart').locator('svg').focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('fleet-readouts')).toHaveAttribute('data-t', '74');
    await expect(page.getByTestId('fleet-ss-s')).toContainText(ssSummary(sim.samples[73]!));
  });

  test('a connection picked in a state opens in the two-peer view in that state', async ({ page }) => {
    await page.goto('./?view=fleet&preset=fin-wait-2&lang=en');
    await expect(page.locator(finished)).toBeVisible({ timeout: 200_000 });
    const band = page.locator('[data-testid="fleet-chart"] [data-testid="fleet-band"][data-state="FIN_WAIT_2"]');
    const box = (await band.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6);
    await page.mouse.down();
    await page.mouse.up();
    const summary = page.getByTestId('fleet-drill-summary');
    await expect(summary).toHaveAttribute('data-state', 'FIN_WAIT_2', { timeout: 120_000 });
    const open = page.getByTestId('fleet-drill-open').first();
    await expect(open).toBeVisible();
    await open.click();
    await expect(page.getByTestId('peer-server')).toHaveAttribute('data-tcp-state', 'FIN_WAIT_2', { timeout: 30_000 });
    await expect(page.locator('[data-testid="diagram-state"][data-state="FIN_WAIT_2"]')).toHaveAttribute('data-active-peers', /server/);
  });

  test('a what-if draws the run after the change next to the one before, with its marker', async ({ page }) => {
    await page.goto('./?view=fleet&preset=fin-wait-2&lang=en&t=120');
    await expect(page.getByTestId('fleet-readouts')).toHaveAttribute('data-t', '120', { timeout: 200_000 });
    await page.getByTestId('fleet-whatif-knob').selectOption('tcp_fin_timeout');
    await page.getByTestId('fleet-whatif-value').fill('banana');
    await page.getByTestId('fleet-whatif-apply').click();
    await expect(page.getByTestId('fleet-whatif-error')).toContainText('tcp_fin_timeout');
    await page.getByTestId('fleet-whatif-value').fill('30');
    await page.getByTestId('fleet-whatif-apply').click();
    await expect(page.getByTestId('fleet-chart-after')).toBeVisible();
    await expect(page.getByTestId('fleet-chart-after').getByTestId('fleet-marker')).toHaveAttribute('data-t', '120');
  });
});
