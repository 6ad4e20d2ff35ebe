/**
 * Frame sampling: what a person sees move, counted frame by frame inside the page. These tests
 * run in their own Playwright project ("frames", playwright.config.ts), after every other test and
 * alone with one browser, so they count the frames this page can draw rather than the frames
 * left over by a second browser running beside it.
 */
import { expect, test } from '@playwright/test';
import { open } from './helpers.ts';

test('a SYN visibly crosses: at 1×, default pace, its progress takes at least 20 values on the way', async ({ page }) => {
  await open(page, 'scenario=handshake&lesson=0');
  // every animation frame inside the page reads the SYN's progress, from before Play until it has arrived
  const sampling = page.evaluate(
    () =>
      new Promise<{ values: string[]; frames: number }>((resolve) => {
        const values: string[] = [];
        let frames = 0;
        const t0 = performance.now();
        const frame = () => {
          frames++;
          const p = document.querySelector('[data-testid="segment"][data-id="1"]')?.getAttribute('data-progress');
          if (p && values[values.length - 1] !== p) values.push(p);
          if (p === '1.000' || performance.now() - t0 > 20_000) resolve({ values, frames });
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
  );
  await page.getByTestId('play').click();
  const { values, frames } = await sampling;
  test.info().annotations.push({ type: 'frames', description: `${new Set(values).size} progress values in ${frames} frames` });
  expect(values.at(-1)).toBe('1.000');
  // it only ever moves forward, and it is seen at many places on the way
  expect(values.map(Number)).toEqual([...values.map(Number)].sort((a, b) => a - b));
  expect(new Set(values).size).toBeGreaterThanOrEqual(20);
  await expect(page.locator('[data-testid="segment"][data-id="1"]')).toHaveAttribute('data-flags', 'SYN');
});

test('a transition sends a chip along its state-diagram edge, moving over at least 10 frames', async ({ page }) => {
  await open(page, 'scenario=handshake&lesson=0');
  const chip = '[data-testid="edge-token"][data-peer="client"][data-to="SYN_SENT"]';
  // every animation frame: where the client's connect() chip is on screen, until it has arrived and gone
  const sampling = page.evaluate(
    (sel) =>
      new Promise<{ positions: string[]; label: string | null; from: string | null }>((resolve) => {
        const positions: string[] = [];
        let label: string | null = null;
        let from: string | null = null;
        const t0 = performance.now();
        const frame = () => {
          const el = document.querySelector(sel);
          if (el) {
            const r = el.getBoundingClientRect();
            const at = `${r.x.toFixed(1)},${r.y.toFixed(1)}`;
            if (positions[positions.length - 1] !== at) positions.push(at);
            label = el.getAttribute('data-label');
            from = el.getAttribute('data-from');
          }
          if ((!el && positions.length > 0) || performance.now() - t0 > 20_000) resolve({ positions, label, from });
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    chip,
  );
  await page.getByTestId('play').click();
  const { positions, label, from } = await sampling;
  test.info().annotations.push({ type: 'frames', description: `${positions.length} chip positions` });
  expect(label).toBe('connect()');
  expect(from).toBe('CLOSED');
  expect(positions.length).toBeGreaterThanOrEqual(10);
});
