/**
 * The fleet page as it looks (not what it computes; fleet.spec.ts does that): at a desk, a
 * laptop and a phone, in both languages, the chart's time labels stay apart, every control of the
 * what-if is captioned on screen, the notes' buttons say what they are, and nothing sticks out.
 */
import { expect, test } from '@playwright/test';

for (const [w, h, lang] of [
  [1366, 768, 'en'],
  [1280, 720, 'zh-CN'],
  [390, 844, 'en'],
  [390, 844, 'zh-CN'],
] as const) {
  test(`fleet page at ${w}×${h} (${lang}): axes, legend, what-if and notes legible and labelled`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: w, height: h });
    // one of them in the dark theme, given by the link as in the app
    const dark = w === 1280;
    await page.goto(`./?view=fleet&preset=fin-wait-2&lang=${lang}&t=75${dark ? '&theme=dark' : ''}`);
    await expect(page.getByTestId('fleet-page')).toHaveAttribute('data-samples', /\d+/, { timeout: 60_000 });
    // the theme switch is in the header, captioned, and the page wears the theme chosen
    const themeWord = lang === 'en' ? 'Theme' : '主题';
    await expect(page.getByRole('combobox', { name: themeWord })).toHaveValue(dark ? 'dark' : 'auto');
    await expect(page.locator('.fleet-page header .theme-pick > .top-label')).toHaveText(themeWord);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(dark ? 'dark' : undefined);
    if (dark) expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(22, 24, 28)');
    await expect(page).toHaveURL(dark ? /theme=dark/ : /^(?!.*theme=)/);
    await expect(page.locator('[data-testid="fleet-chart"] [data-testid="fleet-band"]').first()).toBeAttached({ timeout: 60_000 });
    // the chart's tick labels (time along x, sockets up y), its legend chips: none over another
    const clashes = await page.evaluate(() => {
      const out: string[] = [];
      const groups = [
        [...document.querySelectorAll('[data-testid="fleet-chart"] .axis text')],
        [...document.querySelectorAll('[data-testid="fleet-legend"]')],
      ];
      for (const els of groups) {
        const rs = els.map((e) => ({ e, r: e.getBoundingClientRect() })).filter(({ r }) => r.width > 0);
        for (let i = 0; i < rs.length; i++)
          for (let j = i + 1; j < rs.length; j++) {
            const p = rs[i]!.r;
            const q = rs[j]!.r;
            if (Math.min(p.right, q.right) - Math.max(p.left, q.left) > 0.5 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 0.5) out.push(`${rs[i]!.e.textContent} / ${rs[j]!.e.textContent}`);
          }
      }
      return out;
    });
    expect(clashes).toEqual([]);
    // time labels at least a label's width apart, and there are a few of them
    const xs = await page.locator('[data-testid="fleet-chart"] .axis > text:not(.axis-title)').evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect()).map((r) => ({ l: r.left, r: r.right })));
    expect(xs.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < xs.length; i++) expect(xs[i]!.l - xs[i - 1]!.r, `tick ${i}`).toBeGreaterThan(8);
    // the axes are named
    await expect(page.locator('[data-testid="fleet-chart"] .axis-title')).toHaveCount(2);
    // every what-if control has a caption a person can read, inside the panel
    const whatif = page.getByTestId('fleet-whatif');
    await whatif.scrollIntoViewIfNeeded();
    const panel = (await whatif.boundingBox())!;
    for (const ctl of await whatif.locator('select, input').all()) {
      const caption = ctl.locator('xpath=ancestor::label[1]').locator('.field-caption');
      await expect(caption).toBeVisible();
      expect((await caption.textContent())!.trim().length).toBeGreaterThan(0);
      const b = (await ctl.boundingBox())!;
      expect(b.x + b.width).toBeLessThanOrEqual(panel.x + panel.width + 0.5);
    }
    // the notes' time buttons are introduced by a visible caption
    await expect(page.locator('.fleet-notes-caption')).toBeVisible();
    // nothing makes the page scroll sideways
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
    // the ss -tan table: whole inside its box on a phone, at a legible size; a labelled, focusable box where it must scroll
    const ss = page.getByTestId('fleet-ss-close-wait');
    await expect(ss).toHaveAttribute('aria-label', /ss -tan/);
    await expect(ss).toHaveAttribute('tabindex', '0');
    const fit = await ss.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth, px: parseFloat(getComputedStyle(el).fontSize) }));
    expect(fit.sw, 'the ss table scrolls inside its box').toBeLessThanOrEqual(fit.cw + 1);
    expect(fit.px).toBeGreaterThanOrEqual(11);
    if (w === 390) {
      // the chart is redrawn for the new width by its resize observer: wait for that frame
      await page.setViewportSize({ width: 360, height: h });
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    }
  });
}
