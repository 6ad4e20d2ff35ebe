import { expect, test } from '@playwright/test';
import { open } from './helpers.ts';

/** The engine's chunk arrived and the live simulation took over (its first state is handed up before paint). */
async function engineHere(page: import('@playwright/test').Page, fetched: string[]) {
  await expect.poll(() => fetched.some((u) => /\/useSimulation-[A-Za-z0-9_-]{8}\.js$/.test(u))).toBe(true);
  await page.waitForLoadState('networkidle');
  // two frames: the host's layout effect and the page's commit are done
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

for (const [w, h] of [
  [1366, 768],
  [390, 844],
] as const) {
  for (const query of ['scenario=teardown', 'scenario=handshake&lang=zh-CN', '']) {
    test(`the page looks the same before and after the engine arrives (${w}×${h}, ${query || 'free play'})`, async ({ page }) => {
      await page.setViewportSize({ width: w, height: h });
      const fetched: string[] = [];
      page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
      await open(page, query);
      await page.waitForLoadState('networkidle');
      expect(fetched.some((u) => u.includes('/useSimulation-'))).toBe(false);
      const before = await page.screenshot({ animations: 'disabled', caret: 'hide' });
      // a key that does nothing on the page is a sign of use
      await page.keyboard.press('Shift');
      await engineHere(page, fetched);
      const after = await page.screenshot({ animations: 'disabled', caret: 'hide' });
      await test.info().attach('before', { body: before, contentType: 'image/png' });
      await test.info().attach('after', { body: after, contentType: 'image/png' });
      expect(after.equals(before), 'the screenshot changed when the engine took over').toBe(true);
    });
  }
}
