import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { open, SHOTS } from './helpers';

/** Rendered font size (px) of the smallest of these elements (SVG text scaled by its drawing). */
async function smallestFont(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    let min = Infinity;
    for (const el of document.querySelectorAll<HTMLElement | SVGGraphicsElement>(sel)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(el).display === 'none') continue;
      let px = parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGGraphicsElement) {
        // text panned out of its drawing's view is not shown; the rest is scaled by the drawing and its zoom
        const view = el.ownerSVGElement?.getBoundingClientRect();
        if (view && (r.right <= view.left || r.left >= view.right || r.bottom <= view.top || r.top >= view.bottom)) continue;
        const m = el.getScreenCTM();
        px *= m ? Math.hypot(m.a, m.b) : 1;
      }
      min = Math.min(min, px);
    }
    return min;
  }, selector);
}

async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const els = [...document.querySelectorAll(sel)];
    return els.length > 0 && els.every((el) => {
      const r = el.getBoundingClientRect();
      return r.left >= 0 && r.top >= 0 && r.right <= innerWidth + 0.5 && r.bottom <= innerHeight + 0.5;
    });
  }, selector);
}

for (const [w, h] of [
  [1366, 768],
  [1280, 720],
  [1920, 1080],
] as const) {
  for (const lang of ['en', 'zh-CN'] as const) {
    test(`presenter mode fits ${w}×${h} (${lang}): every state, both lanes and the note, text ≥ 16 px`, async ({ page }) => {
      await page.setViewportSize({ width: w, height: h });
      await open(page, `scenario=teardown&t=2.15&present=1&lang=${lang}`);
      await expect(page.getByTestId('app')).toHaveAttribute('data-present', '1');
      await expect(page.getByTestId('diagram-state')).toHaveCount(11);
      expect(await inViewport(page, '[data-testid="diagram-state"]')).toBe(true);
      expect(await inViewport(page, '.seq-peer-title')).toBe(true);
      // the lane titles (and a noted title's underline, 7 px under the text) sit above the ladder's
      // scroll box, not over its labels (a stray "-" of a label once showed beside "client")
      const clear = await page.evaluate(() => {
        const top = document.querySelector('.seq-scroll')!.getBoundingClientRect().top;
        return [...document.querySelectorAll('.seq-peer-title')].map((el) => Math.round(top - el.getBoundingClientRect().bottom));
      });
      for (const gap of clear) expect(gap, 'px between a lane title and the ladder').toBeGreaterThanOrEqual(3);
      expect(await inViewport(page, '[data-testid="scenario-note"]')).toBe(true);
      for (const sel of ['[data-testid="scenario-note"]', '[data-testid="sim-time"] output', '.sd-name', '.sd-edge-label', '.seq-seg-label', '.seq-peer-title', '.seq-band-label']) {
        expect(await smallestFont(page, sel), sel).toBeGreaterThanOrEqual(15.9);
      }
      // the note, the story the room follows, is drawn no smaller than the diagram's edge labels
      // (on a large screen the diagrams grow with it; the note did not)
      const note = await smallestFont(page, '[data-testid="scenario-note"]');
      expect(note, 'note px against edge label px').toBeGreaterThanOrEqual((await smallestFont(page, '.sd-edge-label')) - 0.5);
      expect(await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight + 1 && document.documentElement.scrollWidth <= innerWidth + 1)).toBe(true);
      await page.screenshot({ path: `${SHOTS}/present-${w}x${h}-${lang}.png` });
    });
  }
}

test('presenter mode on a phone (390×844): one column, the note readable, both diagrams with room, nothing off screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, 'scenario=teardown&t=2.15&present=1&lang=en');
  await expect(page.getByTestId('app')).toHaveAttribute('data-present', '1');
  const box = async (sel: string) => (await page.locator(sel).first().boundingBox())!;
  const note = await box('[data-testid="scenario-note"]');
  const state = await box('[data-testid="state-diagram"]');
  const ladder = await box('[data-testid="sequence-diagram"]');
  // the note gets the width of the screen, not a word per line beside the buttons
  expect(note.width).toBeGreaterThan(300);
  // the diagrams stack under it, each with real height, all inside the screen
  expect(state.height).toBeGreaterThan(180);
  expect(ladder.height).toBeGreaterThan(180);
  expect(state.y).toBeGreaterThanOrEqual(note.y + note.height - 1);
  expect(ladder.y).toBeGreaterThanOrEqual(state.y + state.height - 1);
  expect(await inViewport(page, '[data-testid="sim-time"]')).toBe(true);
  expect(await inViewport(page, '.present-tools button')).toBe(true);
  expect(ladder.y + ladder.height).toBeLessThanOrEqual(845);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth + 1)).toBe(true);
  await page.screenshot({ path: `${SHOTS}/present-390x844-en.png` });
});

test('presenter keys: PageDown moves to the next note and never scrolls; B blanks; Esc leaves', async ({ page }) => {
  // three waits for real-time lesson playback, each allowed 20 s: the test's budget must cover them
  test.setTimeout(90_000);
  await open(page, 'scenario=teardown&present=1&lesson=1&speed=10&pace=exact');
  const note = page.getByTestId('note');
  // playback runs to each note at the lesson's pace (real time; generous for a loaded machine)
  await page.keyboard.press('PageDown');
  await expect(note).toHaveAttribute('data-index', '0', { timeout: 20_000 });
  await page.keyboard.press('PageDown');
  await expect(note).toHaveAttribute('data-index', '1', { timeout: 20_000 });
  await page.keyboard.press('PageUp');
  await expect(note).toHaveAttribute('data-index', '0', { timeout: 20_000 });
  expect(await page.evaluate(() => scrollY)).toBe(0);
  // the spotlight lights what the note names
  const lit = (await page.getByTestId('app').getAttribute('data-spotlight'))!.split(' ');
  expect(lit.length).toBeGreaterThan(0);
  const dim = await page.locator(`[data-testid="diagram-state"]:not([data-state="${lit[0]}"])`).first().evaluate((el) => getComputedStyle(el).opacity);
  expect(Number(dim)).toBeLessThan(1);
  await page.keyboard.press('b');
  await expect(page.getByTestId('blank')).toBeVisible();
  await page.keyboard.press('.');
  await expect(page.getByTestId('blank')).toHaveCount(0);
  // socket buttons one key away
  await page.keyboard.press('s');
  await expect(page.getByRole('group', { name: 'Socket API of the server' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('app')).not.toHaveAttribute('data-present', '1');
  await expect(page.getByTestId('scenario-picker')).toBeVisible();
});

test('the Present button and F enter presenter mode', async ({ page }) => {
  await open(page, 'scenario=handshake');
  await page.getByTestId('present-toggle').click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-present', '1');
  // before the first segment the ladder's "No segments yet" line is whole inside its scroll box
  // (the larger type put it below the drawing's end, cut in half)
  const hint = await page.getByTestId('sequence-diagram').evaluate((el) => {
    const text = [...el.querySelectorAll('text')].find((t) => t.textContent === 'No segments yet.')!.getBoundingClientRect();
    const box = el.querySelector('.seq-paper')!.getBoundingClientRect();
    return { bottom: Math.round(text.bottom), boxBottom: Math.round(box.bottom), scroll: el.querySelector('.seq-scroll')!.scrollHeight };
  });
  expect(hint.bottom, JSON.stringify(hint)).toBeLessThanOrEqual(hint.boxBottom);
  await page.keyboard.press('Escape');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('f');
  await expect(page.getByTestId('app')).toHaveAttribute('data-present', '1');
});

test('1366×768: both diagrams and the Listen/Connect buttons on the first screen; a state explanation opens in view', async ({ page }) => {
  await open(page, '');
  expect(await inViewport(page, '[data-testid="state-diagram"]')).toBe(true);
  expect(await inViewport(page, '[data-testid="sequence-diagram"] .seq-scroll')).toBe(true);
  for (const [p, name] of [
    ['server', 'Listen'],
    ['client', 'Connect'],
  ] as const) {
    const btn = page.getByRole('group', { name: `Socket API of the ${p}` }).getByRole('button', { name, exact: true });
    const box = (await btn.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(768);
  }
  // host failures are quieter than the socket calls
  const crash = await page.getByRole('button', { name: 'Crash host' }).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const listen = await page.getByRole('button', { name: 'Listen', exact: true }).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(crash).toBeLessThan(listen);
  await page.locator('[data-testid="diagram-state"][data-state="TIME_WAIT"]').click();
  await expect(page.getByTestId('state-info')).toBeVisible();
  expect(await inViewport(page, '[data-testid="state-info"] h2')).toBe(true);
  // presenting free play (no note to show): the story box names what is on screen, not empty
  await page.getByTestId('present-toggle').click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-present', '1');
  expect(await page.locator('.story').evaluate((el) => (el as HTMLElement).innerText.trim())).toBe('Free play (no script)');
});

for (const [w, h] of [
  [390, 844],
  [768, 1024],
] as const) {
  test(`${w}×${h}: no horizontal page scroll, diagram text ≥ 11 px`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await open(page, 'scenario=teardown&t=2.15&lang=zh-CN');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
    expect(await smallestFont(page, '.sd-name')).toBeGreaterThanOrEqual(11);
    expect(await smallestFont(page, '.sd-edge-label')).toBeGreaterThanOrEqual(11);
    await page.screenshot({ path: `${SHOTS}/phone-${w}x${h}.png`, fullPage: false });
  });
}

test('390×844: the state diagram starts legible on the current state, pans by dragging, and Reset brings it back', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, 'scenario=teardown&t=2.15');
  const wrap = page.locator('.sd-wrap');
  const svg = page.getByTestId('state-diagram');
  await svg.scrollIntoViewIfNeeded();
  expect(Number(await wrap.getAttribute('data-zoom'))).toBeGreaterThan(1.2);
  // the client's state (it moved last) is inside the drawing's view
  const view = (await svg.boundingBox())!;
  const inView = async (state: string) => {
    const b = (await page.locator(`[data-testid="diagram-state"][data-state="${state}"] .sd-box`).boundingBox())!;
    return b.x >= view.x - 1 && b.x + b.width <= view.x + view.width + 1 && b.y >= view.y - 1 && b.y + b.height <= view.y + view.height + 1;
  };
  expect(await inView('FIN_WAIT_2')).toBe(true);
  expect(await smallestFont(page, '.sd-name')).toBeGreaterThanOrEqual(11);
  // drag left by 150 px: the drawing moves with the finger, the client's state leaves the view
  const before = (await page.locator('[data-testid="diagram-state"][data-state="FIN_WAIT_2"]').boundingBox())!;
  await page.mouse.move(view.x + view.width - 40, view.y + view.height - 40);
  await page.mouse.down();
  await page.mouse.move(view.x + view.width - 120, view.y + view.height - 40, { steps: 4 });
  await page.mouse.move(view.x + view.width - 190, view.y + view.height - 40, { steps: 4 });
  await page.mouse.up();
  const after = (await page.locator('[data-testid="diagram-state"][data-state="FIN_WAIT_2"]').boundingBox())!;
  expect(before.x - after.x).toBeGreaterThan(100);
  // + and − zoom; Reset comes back to the legible view of the current state
  const k0 = Number(await wrap.getAttribute('data-zoom'));
  await page.getByTestId('sd-zoom-in').click();
  await expect.poll(async () => Number(await wrap.getAttribute('data-zoom'))).toBeCloseTo(k0 * 1.5, 2);
  await page.getByTestId('sd-zoom-reset').click();
  await expect.poll(async () => Number(await wrap.getAttribute('data-zoom'))).toBeCloseTo(k0, 2);
  expect(await inView('FIN_WAIT_2')).toBe(true);
  // a tap on a state still opens its explanation
  await page.locator('[data-testid="diagram-state"][data-state="FIN_WAIT_2"]').click();
  await expect(page.getByTestId('state-info')).toBeVisible();
});

test('the theme switch applies and is remembered; theme= in the link wins', async ({ page }) => {
  await open(page, '');
  await page.getByTestId('theme-picker').selectOption('contrast');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'contrast');
  // the picker shows its whole choice ("High contrast") beside its arrow, on a desk screen and on a 1280 one
  for (const w of [1366, 1280]) {
    await page.setViewportSize({ width: w, height: 720 });
    const room = await page.getByTestId('theme-picker').evaluate((el: HTMLSelectElement) => {
      const cs = getComputedStyle(el);
      const c = document.createElement('canvas').getContext('2d')!;
      c.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      return el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - c.measureText(el.selectedOptions[0]!.text).width;
    });
    expect(room, `room beside "High contrast" at ${w} px`).toBeGreaterThanOrEqual(16);
  }
  await page.reload();
  await expect(page.getByTestId('theme-picker')).toHaveValue('contrast');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'contrast');
  await open(page, 'theme=dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('a chosen theme wins over the system setting, both ways; auto follows the system', async ({ page }) => {
  const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const badgeText = () =>
    page.locator('.sd-badge text').first().evaluate((el) => getComputedStyle(el).fill);
  await page.emulateMedia({ colorScheme: 'dark' });
  await open(page, 'theme=light');
  expect(await bg()).toBe('rgb(255, 255, 255)');
  expect(await badgeText()).toBe('rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'light' });
  await open(page, 'theme=dark');
  expect(await bg()).toBe('rgb(22, 24, 28)');
  expect(await badgeText()).toBe('rgb(0, 0, 0)');
  await page.getByTestId('theme-picker').selectOption('auto');
  expect(await bg()).toBe('rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await bg()).toBe('rgb(22, 24, 28)');
});
