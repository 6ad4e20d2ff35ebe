import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { open, SHOTS } from './helpers.ts';

test('the language switch changes the log and is remembered', async ({ page }) => {
  await page.goto('./?scenario=handshake&t=1');
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('event-log')).toContainText('The server received SYN and answered SYN,ACK');
  await page.getByTestId('lang-zh-CN').click();
  await expect(page.getByTestId('event-log')).toContainText('服务器端收到 SYN，回复 SYN,ACK');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.goto('./?scenario=handshake&t=1');
  await expect(page.getByTestId('event-log')).toContainText('服务器端收到 SYN');
});

test('keyboard-only operation', async ({ page }) => {
  await open(page, 'pace=exact');
  // reach the server's Listen button with Tab only
  let found = false;
  for (let i = 0; i < 80 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return !!el && el.textContent === 'Listen' && !!el.closest('.peer-server');
    });
  }
  expect(found).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('peer-server')).toHaveAttribute('data-tcp-state', 'LISTEN');
  // Tab on to the client's Connect (the server's card comes first)
  found = false;
  for (let i = 0; i < 80 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return !!el && el.textContent === 'Connect' && !!el.closest('.peer-client');
    });
  }
  expect(found).toBe(true);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'SYN_SENT');
  // global keys, away from any control
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('peer-server')).toHaveAttribute('data-tcp-state', 'SYN_RCVD');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('peer-server')).toHaveAttribute('data-tcp-state', 'LISTEN');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'ESTABLISHED');
  // nothing is left to run: the player says so and stops the clock
  await expect(page.getByTestId('player')).toHaveAttribute('data-status', 'ended');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  // focus is visible
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`no axe violations on the main view (${scheme})`, async ({ page }) => {
    test.slow(); // a full-page axe scan of the diagrams takes most of the default budget on a busy machine
    await page.emulateMedia({ colorScheme: scheme });
    await open(page, 'scenario=teardown&t=3');
    const r = await new AxeBuilder({ page }).analyze();
    expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
  });
}

test('no axe violations in Chinese with knobs open and a server timer running', async ({ page }) => {
  test.slow();
  await open(page, 'scenario=teardown&t=2.3&lang=zh-CN');
  await page.locator('summary', { hasText: '参数' }).click();
  // the knobs table arrives with its own chunk; scan it too
  await expect(page.getByTestId('knob-help').first()).toBeVisible();
  await expect(page.locator('[data-testid="timer"][data-peer="server"]')).toHaveCount(1);
  const r = await new AxeBuilder({ page }).analyze();
  expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
});

for (const lang of ['en', 'zh-CN'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`screenshot ${lang} ${scheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await open(page, `scenario=lost-fin&t=2.6&lang=${lang}`);
      await page.screenshot({ path: `${SHOTS}/main-${lang}-${scheme}.png` });
      await page.screenshot({ path: `${SHOTS}/main-${lang}-${scheme}-full.png`, fullPage: true });
    });
  }
}

test('screenshot narrow 768', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await open(page, 'scenario=teardown&t=3');
  await page.screenshot({ path: `${SHOTS}/narrow-768.png`, fullPage: true });
});

/** Rendered size (CSS px) of SVG text: its font size scaled by the SVG's viewBox. */
async function renderedFontSizes(page: import('@playwright/test').Page, svgSel: string, textSel: string): Promise<number[]> {
  return page.evaluate(
    ([svgSel, textSel]) => {
      const svg = document.querySelector<SVGSVGElement>(svgSel)!;
      const k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return [...svg.querySelectorAll(textSel)].map((el) => parseFloat(getComputedStyle(el).fontSize) * k);
    },
    [svgSel, textSel] as const,
  );
}

test('readable on a 1366×768 projector: diagrams side by side, labels ≥ 11 px, state names ≥ 12 px', async ({ page }) => {
  await open(page, 'scenario=lost-fin&t=2.6');
  const sd = await page.getByTestId('state-diagram').boundingBox();
  const seq = await page.getByTestId('sequence-diagram').boundingBox();
  expect(Math.abs(sd!.y - seq!.y)).toBeLessThan(60); // side by side
  expect(seq!.x).toBeGreaterThan(sd!.x + sd!.width);
  const edge = await renderedFontSizes(page, '[data-testid="state-diagram"]', '.sd-edge-label');
  const names = await renderedFontSizes(page, '[data-testid="state-diagram"]', '.sd-name');
  expect(edge.length).toBeGreaterThan(10);
  expect(Math.min(...edge)).toBeGreaterThanOrEqual(11);
  expect(Math.min(...names)).toBeGreaterThanOrEqual(12);
  const segLabels = await renderedFontSizes(page, '[data-testid="sequence-diagram"] svg', '.seq-seg-label');
  expect(Math.min(...segLabels)).toBeGreaterThanOrEqual(11);
  // the zoom buttons sit in their own row, above the peer titles
  const tools = await page.locator('.seq-tools').boundingBox();
  const title = await page.locator('.seq-peer-title--server').boundingBox();
  expect(tools!.y + tools!.height).toBeLessThanOrEqual(title!.y + 1);
});

for (const width of [1100, 768]) {
  test(`diagrams stacked at ${width} px, no sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await open(page, 'scenario=lost-fin&t=2.6');
    const sd = await page.getByTestId('state-diagram').boundingBox();
    const seq = await page.getByTestId('sequence-diagram').boundingBox();
    expect(seq!.y).toBeGreaterThanOrEqual(sd!.y + sd!.height);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    const edge = await renderedFontSizes(page, '[data-testid="state-diagram"]', '.sd-edge-label');
    expect(Math.min(...edge)).toBeGreaterThanOrEqual(11);
  });
}
