/**
 * The app's header at every supported width, in both languages: one row on a desk or projector
 * (≥ 1200 px), a deliberate compact layout below (title and links on the first row, the controls
 * under them), never wider than the screen, no control over another.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { open } from './helpers';

interface Item {
  name: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const SIZES = [
  [1366, 768],
  [1280, 720],
  [1200, 800],
  [1024, 768],
  [768, 1024],
  [390, 844],
] as const;

// one page per language, resized through every width (a page load per size would cost CI a minute)
for (const lang of ['en', 'zh-CN'] as const) {
  test(`header (${lang}) at ${SIZES.map(([w, h]) => `${w}×${h}`).join(', ')}: one row from 1200 px, else title and links on top and controls under them; nothing cut or overlapping`, async ({ page }) => {
    await open(page, `scenario=teardown&lang=${lang}`);
    for (const [w, h] of SIZES) {
      await test.step(`${w}×${h}`, () => checkHeader(page, w, h, lang));
    }
  });
}

async function checkHeader(page: Page, w: number, h: number, lang: 'en' | 'zh-CN') {
  await page.setViewportSize({ width: w, height: h });
  // the layout of the new width, settled: two animation frames after the resize
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const items: Item[] = await page.locator('header.top').evaluate((head) =>
    [...head.querySelectorAll('h1, select, button, a:not(.skip), .seg-switch > .top-label')]
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 1 && r.height > 1)
      .map(({ el, r }) => ({ name: (el.getAttribute('data-testid') ?? el.textContent ?? '').trim().slice(0, 30), left: r.left, right: r.right, top: r.top, bottom: r.bottom })),
  );
  // every control is there and shown
  for (const id of ['scenario-picker', 'profile-linux', 'lang-en', 'theme-picker', 'present-toggle', 'copy-link', 'nav-fleet', 'open-packetdrill'])
    expect(items.map((i) => i.name), id).toContain(id);
  // inside the screen, and the page never scrolls sideways
  for (const i of items) {
    expect(i.left, i.name).toBeGreaterThanOrEqual(0);
    expect(i.right, i.name).toBeLessThanOrEqual(w);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
  // each control says what it is: its caption in words where the controls wrap onto rows of their
  // own (a phone, a tablet), else the theme's icon with a tooltip; the name is there for a screen reader
  const words = lang === 'en' ? { theme: 'Theme', profile: 'Profile' } : { theme: '主题', profile: '协议配置' };
  await expect(page.getByRole('combobox', { name: words.theme })).toBeVisible();
  await expect(page.getByRole('group', { name: words.profile })).toBeVisible();
  const caption = async (sel: string) =>
    page.locator(sel).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { text: el.textContent, w: r.width, left: r.left, right: r.right, px: parseFloat(getComputedStyle(el).fontSize) };
    });
  if (w < 1200) {
    for (const [sel, text] of [
      ['header.top .theme-pick > .top-label', words.theme],
      ['header.top .seg-switch > .top-label', words.profile],
    ] as const) {
      const c = await caption(sel);
      expect(c.text, sel).toBe(text);
      expect(c.w, sel).toBeGreaterThan(15);
      expect(c.px, sel).toBeGreaterThanOrEqual(11);
      expect(c.left, sel).toBeGreaterThanOrEqual(0);
      expect(c.right, sel).toBeLessThanOrEqual(w);
    }
  } else {
    expect((await caption('header.top .theme-icon')).w).toBeGreaterThan(6);
    await expect(page.locator('header.top .theme-pick')).toHaveAttribute('title', words.theme);
  }
  for (const id of ['nav-fleet', 'open-packetdrill']) expect(await page.getByTestId(id).getAttribute('title'), id).toBeTruthy();
  // no control over another
  for (let a = 0; a < items.length; a++)
    for (let b = a + 1; b < items.length; b++) {
      const p = items[a]!;
      const q = items[b]!;
      const meet = Math.min(p.right, q.right) - Math.max(p.left, q.left) > 0.5 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 0.5;
      expect(meet, `${p.name} / ${q.name}`).toBe(false);
    }
  const mid = (i: Item) => (i.top + i.bottom) / 2;
  // the title comes first
  const title = items[0]!;
  expect(title.name).toMatch(/TCP/);
  const nav = items.filter((i) => i.name === 'nav-fleet' || i.name === 'open-packetdrill');
  const header = (await page.locator('header.top').boundingBox())!;
  if (w >= 1200) {
    // one row: every item's middle on the title's line, a header no taller than one control row
    for (const i of items) expect(Math.abs(mid(i) - mid(title)), i.name).toBeLessThan(6);
    expect(header.height).toBeLessThan(60);
  } else {
    // the links share the title's row, at its right (on a phone: the row under the title);
    // the controls are under them, in at most two rows (four on a phone, where each keeps its caption)
    for (const n of nav) {
      const titleRow = Math.abs(mid(n) - mid(title)) < 8;
      if (w >= 500) expect(titleRow, n.name).toBe(true);
      if (titleRow) expect(n.left, n.name).toBeGreaterThan(title.right);
      else expect(n.top, n.name).toBeGreaterThanOrEqual(title.bottom - 1);
    }
    const navBottom = Math.max(...nav.map((n) => n.bottom));
    const controls = items.filter((x) => x !== title && !nav.includes(x));
    for (const i of controls) expect(i.top, i.name).toBeGreaterThanOrEqual(navBottom - 1);
    const mids = controls.map(mid).sort((a, b) => a - b);
    const rows = 1 + mids.filter((m, k) => k > 0 && m - mids[k - 1]! > 10).length;
    expect(rows).toBeLessThanOrEqual(w < 500 ? 4 : 2);
  }
}
