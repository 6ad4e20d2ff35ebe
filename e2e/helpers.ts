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

/**
 * What is wrong with the top of the ladder: a zoom button overlapping a lane title, a title not
 * wholly inside the diagram, the "now" label cut by the edge of the scrolling box.
 */
export async function ladderHeadProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const box = (e: Element) => e.getBoundingClientRect();
    const meets = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const inside = (a: DOMRect, b: DOMRect) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
    const seq = document.querySelector('[data-testid="sequence-diagram"]');
    if (!seq) return ['no ladder'];
    const cell = box(seq);
    const titles = [...seq.querySelectorAll('.seq-peer-title')];
    if (titles.length !== 2) out.push(`${titles.length} lane titles`);
    for (const ti of titles) {
      const r = box(ti);
      if (r.width === 0) out.push(`title ${ti.textContent} not shown`);
      if (!inside(r, cell)) out.push(`title ${ti.textContent} cut by the diagram's edge`);
      for (const b of seq.querySelectorAll('.seq-tools button')) if (meets(r, box(b))) out.push(`zoom button ${b.textContent?.trim()} over title ${ti.textContent}`);
    }
    const label = seq.querySelector('.seq-now-label');
    const scroll = seq.querySelector('.seq-scroll');
    if (label && scroll && box(label).width > 0 && !inside(box(label), box(scroll))) out.push(`now label "${label.textContent}" cut`);
    return out;
  });
}
