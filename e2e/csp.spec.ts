import { expect, test } from '@playwright/test';
import LZString from 'lz-string';
import type { Page } from '@playwright/test';

test.describe.configure({ timeout: 60_000 });

async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

test('the page carries a Content-Security-Policy without eval or inline scripts, and nothing of the app breaks it', async ({ page }) => {
  const violations = await watchViolations(page);
  for (const q of ['scenario=teardown&lang=en&t=2.3', 'scenario=teardown&embed=1&lang=zh-CN&t=2.3']) {
    await page.goto(`./?${q}`);
    await expect(page.getByTestId('sim-time')).toBeVisible();
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    await page.getByTestId('play').click();
    await expect(page.getByTestId('sim-time')).not.toHaveAttribute('data-seconds', '2.3');
    expect(await violations()).toEqual([]);
  }
});

test('text from a scenario link is shown as text, never as markup', async ({ page }) => {
  const violations = await watchViolations(page);
  const evil = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
  const scenario = {
    id: 'evil',
    title: { en: evil, 'zh-CN': evil },
    summary: { en: evil, 'zh-CN': evil },
    steps: [{ at: 0, peer: 'server', do: 'listen' }],
    notes: [{ at: 0, text: { en: evil, 'zh-CN': evil } }],
  };
  await page.goto(`./?embed=1&lang=en&s=${LZString.compressToEncodedURIComponent(JSON.stringify(scenario))}`);
  await expect(page.locator('h1')).toHaveText(evil);
  await expect(page.getByTestId('note')).toHaveText(evil);
  expect(await page.locator('img[src="x"], main script, .embed script').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  expect(await violations()).toEqual([]);
});
