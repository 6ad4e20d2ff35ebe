/**
 * What a reader sees of the state diagram at every size: legible names in a docs page's frame,
 * zoom buttons that never cover a state, edge labels off the boxes and inside the drawing.
 */
import { expect, test } from '@playwright/test';
import type { FrameLocator, Page } from '@playwright/test';
import { open } from './helpers';

type Root = Page | FrameLocator;

/** Each state box drawn inside the diagram's view: its name, rendered font size (px) and box. */
async function statesInView(root: Root) {
  return root.getByTestId('state-diagram').evaluate((svg) => {
    const view = svg.getBoundingClientRect();
    const out: { state: string; px: number; active: boolean }[] = [];
    for (const g of svg.querySelectorAll<SVGGElement>('[data-testid="diagram-state"]')) {
      const r = g.querySelector('.sd-box')!.getBoundingClientRect();
      if (r.left < view.left - 1 || r.right > view.right + 1 || r.top < view.top - 1 || r.bottom > view.bottom + 1) continue;
      const name = g.querySelector<SVGTextElement>('.sd-name')!;
      const m = name.getScreenCTM()!;
      out.push({ state: g.dataset.state!, px: parseFloat(getComputedStyle(name).fontSize) * Math.hypot(m.a, m.b), active: g.dataset.activePeers !== '' });
    }
    return out;
  });
}

/** Zoom buttons of the state diagram drawn over a visible part of a state box. */
async function toolsOverStates(root: Root): Promise<string[]> {
  return root.locator('.sd-wrap').evaluate((wrap) => {
    const view = wrap.querySelector('svg.sd')!.getBoundingClientRect();
    const out: string[] = [];
    for (const b of wrap.querySelectorAll('.sd-tools button')) {
      const p = b.getBoundingClientRect();
      if (p.width === 0) continue;
      for (const g of wrap.querySelectorAll<SVGGElement>('[data-testid="diagram-state"]')) {
        const r = g.querySelector('.sd-box')!.getBoundingClientRect();
        // only the part of the box inside the drawing's view can be seen
        const left = Math.max(r.left, view.left, p.left);
        const right = Math.min(r.right, view.right, p.right);
        const top = Math.max(r.top, view.top, p.top);
        const bottom = Math.min(r.bottom, view.bottom, p.bottom);
        if (right - left > 1 && bottom - top > 1) out.push(`${b.textContent} over ${g.dataset.state}`);
      }
    }
    return out;
  });
}

for (const [w, h, lang] of [
  [700, 450, 'en'],
  [360, 640, 'zh-CN'],
] as const) {
  test(`a ${w}×${h} docs frame starts with legible state names on the active states; − zooms out to the whole diagram (${lang})`, async ({ page, baseURL }) => {
    await page.setViewportSize({ width: w + 40, height: h + 40 });
    await page.setContent(`<body style="margin:20px"><iframe id="f" src="${baseURL}?scenario=teardown&embed=1&lang=${lang}&t=2.15" width="${w}" height="${h}"></iframe></body>`);
    const frame = page.frameLocator('#f');
    await expect(frame.getByTestId('diagram-state')).toHaveCount(11);
    await expect.poll(async () => Number(await frame.locator('.sd-wrap').getAttribute('data-zoom'))).toBeGreaterThan(1.2);
    const shown = await statesInView(frame);
    // the state the client has just entered is in view; every name in view is ≥ 11 px
    expect(shown.map((s) => s.state)).toContain('FIN_WAIT_2');
    expect(shown.some((s) => s.active)).toBe(true);
    expect(Math.min(...shown.map((s) => s.px))).toBeGreaterThanOrEqual(11);
    expect(await toolsOverStates(frame)).toEqual([]);
    // the reader can step back to the whole picture, and Reset returns to the legible view
    const out = frame.getByTestId('sd-zoom-out');
    for (let i = 0; i < 6 && (await out.isEnabled()); i++) await out.click();
    await expect(frame.locator('.sd-wrap')).toHaveAttribute('data-zoom', '1.000');
    expect(await statesInView(frame)).toHaveLength(11);
    expect(await toolsOverStates(frame)).toEqual([]);
    await frame.getByTestId('sd-zoom-reset').click();
    await expect.poll(async () => Number(await frame.locator('.sd-wrap').getAttribute('data-zoom'))).toBeGreaterThan(1.2);
  });
}

test('the state diagram’s zoom buttons never cover a state box (1366, 1280, 390, 360)', async ({ page }) => {
  for (const [w, h] of [
    [1366, 768],
    [1280, 720],
    [390, 844],
    [360, 640],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await open(page, 'scenario=handshake&t=0.05');
    await expect(page.getByTestId('diagram-state')).toHaveCount(11);
    expect(await toolsOverStates(page), `${w}×${h}`).toEqual([]);
    // zoomed in and panned so CLOSED sits in the top corner: still nothing under the buttons
    if (w < 700) {
      await page.getByTestId('sd-zoom-in').click();
      expect(await toolsOverStates(page), `${w}×${h} zoomed`).toEqual([]);
    }
  }
});
