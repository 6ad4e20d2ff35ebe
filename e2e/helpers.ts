import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export const SHOTS = 'test-results/screenshots';

/** Open the app with URL parameters (English unless given), with a fresh language preference. */
export async function open(page: Page, query = '') {
  const q = new URLSearchParams(query);
  if (!q.has('lang')) q.set('lang', 'en');
  await page.goto(`./?${q.toString()}`);
  // the first load can take several seconds on a busy machine
  await expect(page.getByTestId('sim-time')).toBeVisible({ timeout: 15_000 });
}

export const peer = (page: Page, p: 'client' | 'server') => page.getByTestId(`peer-${p}`);

export async function expectState(page: Page, p: 'client' | 'server', state: string) {
  await expect(peer(page, p)).toHaveAttribute('data-tcp-state', state);
}

/** Process events with the "step" button until the predicate holds (bounded). */
export async function stepUntil(page: Page, done: () => Promise<boolean>, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await done()) return;
    await page.getByTestId('step').click();
  }
  throw new Error('condition not reached by stepping');
}

export async function simSeconds(page: Page): Promise<number> {
  return Number(await page.getByTestId('sim-time').getAttribute('data-seconds'));
}
