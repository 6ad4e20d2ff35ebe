import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { open } from './helpers';

const ladder = (page: Page) => page.getByTestId('sequence-diagram');
const zoomOf = async (page: Page) => Number(await ladder(page).getAttribute('data-zoom'));

/** Screen y of the start of segment `id`'s arrow. */
async function segTop(page: Page, id: number): Promise<number> {
  return page.locator(`[data-testid="segment"][data-id="${id}"] .seq-seg-line`).evaluate((el) => {
    const line = el as SVGLineElement;
    const p = new DOMPoint(line.x1.baseVal.value, line.y1.baseVal.value).matrixTransform(line.getScreenCTM()!);
    return p.y;
  });
}

test('the ladder zooms with Ctrl + wheel about the pointer, pans by dragging, and keeps its −/+ and reset buttons', async ({ page }) => {
  await open(page, 'scenario=teardown&t=2.15');
  const scroll = ladder(page).locator('.seq-scroll');
  await expect(page.locator('[data-testid="segment"][data-id="6"]')).toHaveCount(1);
  expect(await zoomOf(page)).toBe(1);
  // segments 5 and 6 (the client's FIN and the server's ACK of it) are on screen around the now line
  const gap0 = (await segTop(page, 6)) - (await segTop(page, 5));
  expect(gap0).toBeGreaterThan(5);

  // Ctrl + wheel over segment 6: time stretches, and segment 6 stays about where the pointer is
  const box = (await scroll.boundingBox())!;
  const y3 = await segTop(page, 6);
  expect(y3).toBeGreaterThan(box.y);
  expect(y3).toBeLessThan(Math.min(box.y + box.height, 768));
  await page.mouse.move(box.x + box.width / 2, y3);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await expect.poll(() => zoomOf(page)).toBeGreaterThan(1.5);
  const k1 = await zoomOf(page);
  await expect.poll(async () => (await segTop(page, 6)) - (await segTop(page, 5))).toBeGreaterThan(gap0 * 1.4);
  // (without the anchor it would move by about half its distance from the top, hundreds of px)
  expect(Math.abs((await segTop(page, 6)) - y3)).toBeLessThan(80);

  // a plain wheel scrolls the box, it does not zoom
  const st0 = await scroll.evaluate((el) => el.scrollTop);
  await page.mouse.wheel(0, 120);
  await expect.poll(() => scroll.evaluate((el) => el.scrollTop)).toBeGreaterThan(st0);
  expect(await zoomOf(page)).toBe(k1);

  // drag down by 80 px: the picture follows the pointer (back towards the start)
  const st1 = await scroll.evaluate((el) => el.scrollTop);
  const before = await segTop(page, 6);
  expect(st1).toBeGreaterThan(100);
  const cy = box.y + 30;
  await page.mouse.move(box.x + box.width / 2, cy);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, cy + 40, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2, cy + 80, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => scroll.evaluate((el) => el.scrollTop)).toBeLessThan(st1 - 60);
  expect((await segTop(page, 6)) - before).toBeGreaterThan(60);
  // a drag is not a click: no segment got selected
  await expect(page.locator('[data-testid="segment"][aria-pressed="true"]')).toHaveCount(0);

  // the buttons go through the same zoom
  await page.getByTestId('seq-zoom-in').click();
  await expect.poll(() => zoomOf(page)).toBeCloseTo(k1 * 1.5, 2);
  await page.getByTestId('seq-zoom-out').click();
  await page.getByTestId('seq-zoom-out').click();
  await expect.poll(() => zoomOf(page)).toBeCloseTo(k1 / 1.5, 2);
  await page.getByTestId('seq-zoom-reset').click();
  await expect.poll(() => zoomOf(page)).toBe(1);
  // reset comes back to the present: the now line is in view
  const now = (await ladder(page).locator('.seq-now').boundingBox())!;
  const sb = (await scroll.boundingBox())!;
  expect(now.y).toBeGreaterThanOrEqual(sb.y);
  expect(now.y).toBeLessThanOrEqual(sb.y + sb.height);
  // a click (no drag) still selects a segment (one by the now line, in view)
  await page.locator('[data-testid="segment"][data-id="6"] .seq-seg-label').click();
  await expect(page.locator('[data-testid="segment"][data-id="6"]')).toHaveAttribute('aria-pressed', 'true');
});

test('d3-zoom loads on the first gesture: a Ctrl + wheel made while it loads still zooms about the pointer, and a failed load is retried', async ({ page }) => {
  const zoomChunk = '**/assets/d3ZoomBehaviour-*.js';
  const fetched: string[] = [];
  page.on('request', (r) => {
    if (/d3ZoomBehaviour-[\w-]+\.js$/.test(r.url())) fetched.push(r.url());
  });
  // the first request for the chunk fails (offline, never stored), the next ones are held until released
  let failed = false;
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => (release = r));
  await page.route(zoomChunk, async (route) => {
    if (!failed) {
      failed = true;
      await route.abort('internetdisconnected');
      return;
    }
    await released;
    await route.continue();
  });
  await open(page, 'scenario=teardown&t=2.15');
  await page.waitForLoadState('networkidle');
  // the first picture needs no zoom code
  expect(fetched).toHaveLength(0);
  await expect(page.locator('[data-testid="segment"][data-id="6"]')).toHaveCount(1);

  // the + button asks for it; the load fails: nothing zooms, nothing breaks
  await page.getByTestId('seq-zoom-in').click();
  await expect.poll(() => fetched.length).toBe(1);
  expect(await zoomOf(page)).toBe(1);
  await expect(page.getByTestId('seq-zoom-in')).toBeEnabled();
  await expect(page.locator('[data-testid="segment"][data-id="6"]')).toBeVisible();

  // the next gesture tries again: Ctrl + wheel over segment 6 while the chunk is still on its way
  const scroll = ladder(page).locator('.seq-scroll');
  const box = (await scroll.boundingBox())!;
  const y6 = await segTop(page, 6);
  await page.mouse.move(box.x + box.width / 2, y6);
  await expect.poll(() => fetched.length).toBe(2);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  // the page itself did not zoom, and the ladder waits for d3-zoom
  expect(await page.evaluate(() => window.visualViewport?.scale ?? 1)).toBe(1);
  expect(await zoomOf(page)).toBe(1);
  release();
  await expect.poll(() => zoomOf(page)).toBeGreaterThan(1.5);
  // the held step zoomed about its pointer, as a live one does
  expect(Math.abs((await segTop(page, 6)) - y6)).toBeLessThan(80);
});

test('a drag made while d3-zoom is still loading pans the state diagram, and d3 carries on from there', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  // the zoom chunk is held until released, as on a slow connection
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => (release = r));
  await page.route('**/assets/d3ZoomBehaviour-*.js', async (route) => {
    await released;
    await route.continue();
  });
  await open(page, 'scenario=teardown&t=2.15');
  const svg = page.getByTestId('state-diagram');
  await svg.scrollIntoViewIfNeeded();
  const view = (await svg.boundingBox())!;
  const state = page.locator('[data-testid="diagram-state"][data-state="FIN_WAIT_2"]');
  const x0 = (await state.boundingBox())!.x;
  const drag = async (dx: number) => {
    await page.mouse.move(view.x + view.width - 40, view.y + view.height - 40);
    await page.mouse.down();
    await page.mouse.move(view.x + view.width - 40 + dx / 2, view.y + view.height - 40, { steps: 4 });
    await page.mouse.move(view.x + view.width - 40 + dx, view.y + view.height - 40, { steps: 4 });
    await page.mouse.up();
  };
  await drag(-150);
  const x1 = (await state.boundingBox())!.x;
  expect(x0 - x1).toBeGreaterThan(100);
  // once d3-zoom is there it continues from the panned view instead of jumping back
  const loaded = page.waitForResponse(/d3ZoomBehaviour-[\w-]+\.js$/);
  release();
  await loaded;
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await drag(60);
  await expect.poll(async () => (await state.boundingBox())!.x - x1).toBeGreaterThan(30);
  expect((await state.boundingBox())!.x).toBeLessThan(x0);
});
