/**
 * The embed's state diagram is the app's stage: a segment on the wire crosses it as a chip,
 * and a peer's token travels its edge, placed by the virtual clock (nothing waits on wall time).
 */
import { expect, test } from '@playwright/test';
import type { FrameLocator, Page } from '@playwright/test';

test.describe.configure({ timeout: 90_000 });
expect.configure({ timeout: 15_000 });

async function openFrame(page: Page, lang: string, t: number, w = 700, h = 450): Promise<FrameLocator> {
  await page.setViewportSize({ width: w + 40, height: h + 40 });
  await page.goto('./');
  const base = new URL('./', page.url()).href;
  await page.setContent(`<body style="margin:20px"><iframe id="f" src="${base}?scenario=teardown&embed=1&controls=full&lang=${lang}&t=${t}" width="${w}" height="${h}"></iframe></body>`);
  const f = page.frameLocator('#f');
  await expect(f.getByTestId('sim-time')).toHaveAttribute('data-seconds', String(t));
  return f;
}

for (const lang of ['en', 'zh-CN']) {
  test(`the client's FIN crosses the embed's state diagram as a chip, placed by the clock (${lang})`, async ({ page }) => {
    // teardown: close() at 2 s sends FIN,ACK, delivered 50 ms later
    let f = await openFrame(page, lang, 2.01);
    const diagram = f.getByTestId('state-diagram');
    const chip = diagram.locator('[data-testid="flight-token"]');
    await expect(chip).toHaveCount(1);
    await expect(chip).toHaveAttribute('data-flags', 'FIN,ACK');
    await expect(chip).toHaveAttribute('data-from', 'client');
    const early = Number(await chip.getAttribute('data-progress'));
    const earlyAt = await chip.getAttribute('transform');
    // the chip is drawn inside the diagram's cell, not cut off by it
    const cell = (await diagram.boundingBox())!;
    const box = (await chip.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(cell.x);
    expect(box.x + box.width).toBeLessThanOrEqual(cell.x + cell.width);
    expect(box.y).toBeGreaterThanOrEqual(cell.y);
    expect(box.y + box.height).toBeLessThanOrEqual(cell.y + cell.height);

    f = await openFrame(page, lang, 2.04);
    const later = f.getByTestId('state-diagram').locator('[data-testid="flight-token"]');
    await expect(later).toHaveAttribute('data-flags', 'FIN,ACK');
    expect(Number(await later.getAttribute('data-progress'))).toBeGreaterThan(early);
    expect(await later.getAttribute('transform')).not.toBe(earlyAt);

    // delivered: one step on, the FIN has reached the server and its chip is gone
    await f.getByTestId('step').click();
    await expect(f.getByTestId('sim-time')).toHaveAttribute('data-seconds', '2.05');
    await expect(f.getByTestId('state-diagram').locator('[data-testid="flight-token"][data-flags="FIN,ACK"]')).toHaveCount(0);
  });
}

test('with nothing on the wire the embed draws no chip', async ({ page }) => {
  const f = await openFrame(page, 'en', 2.15);
  await expect(f.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'FIN_WAIT_2');
  await expect(f.getByTestId('state-diagram').locator('[data-testid="flight-token"]')).toHaveCount(0);
});
