/**
 * The ladder follows the clock at any speed: at 1000× the now line moves several screens per frame,
 * and the ladder draws only the part of the drawing its box will show. Sampled frame by frame: the
 * now line is in the box and the box is drawn to its top (no blank strip above the line);
 * scrolling by hand stops the follow even then, and "Follow latest" brings the now line back.
 */
import { expect, test } from '@playwright/test';
import LZString from 'lz-string';
import { open } from './helpers.ts';

/** Keepalive probes every second on both ends: a dense ladder however far the clock runs. */
const KEEPALIVE = LZString.compressToEncodedURIComponent(
  JSON.stringify([
    { t: 0, peer: 'server', do: 'listen' },
    { t: 0, peer: 'client', do: 'connect' },
    { t: 1, peer: 'client', do: 'keepalive', on: true, idle: 1, intvl: 1, cnt: 9 },
    { t: 1, peer: 'server', do: 'keepalive', on: true, idle: 1, intvl: 1, cnt: 9 },
  ]),
);

/**
 * Per frame: is the now line inside the box, where is the highest segment drawn in it (0 = top,
 * 1 = bottom), and how many segments and segment labels are drawn.
 */
const SAMPLE = (frames: number) =>
  new Promise<{ inBox: boolean; topmost: number; t: number; segs: number; labels: number; side: string }[]>((resolve) => {
    const out: { inBox: boolean; topmost: number; t: number; segs: number; labels: number; side: string }[] = [];
    const frame = () => {
      const box = document.querySelector('[data-testid="sequence-diagram"] .seq-scroll')!.getBoundingClientRect();
      const now = document.querySelector('[data-testid="sequence-now"] line')!.getBoundingClientRect();
      let topmost = 1;
      for (const seg of document.querySelectorAll('[data-testid="segment"]')) {
        const r = seg.getBoundingClientRect();
        if (r.bottom > box.top && r.top < box.bottom) topmost = Math.min(topmost, Math.max(0, (r.top - box.top) / box.height));
      }
      const segs = document.querySelectorAll('[data-testid="segment"]').length;
      const labels = document.querySelectorAll('[data-testid="segment"] .seq-seg-label').length;
      // the side panels' numbers: each timer's remaining time and both peer cards' last results
      const side = [...document.querySelectorAll('[data-testid="timer"], [data-testid^="results-"]')].map((e) => (e as HTMLElement).dataset.remaining ?? e.textContent).join('|');
      out.push({ inBox: now.top >= box.top && now.bottom <= box.bottom, topmost, t: Number(document.querySelector('[data-testid="sim-time"]')!.getAttribute('data-seconds')), segs, labels, side });
      if (out.length < frames) requestAnimationFrame(frame);
      else resolve(out);
    };
    requestAnimationFrame(frame);
  });

test('at 1000× the ladder keeps the now line in its box and its box drawn to the top; a hand scroll stops the follow, "Follow latest" resumes it', async ({ page }) => {
  // a minute of frames sampled one by one on a shared machine
  test.setTimeout(60_000);
  await open(page, `a=${KEEPALIVE}&t=600&speed=1000`);
  await page.getByTestId('play').click();
  await expect.poll(async () => Number(await page.getByTestId('sim-time').getAttribute('data-seconds'))).toBeGreaterThan(640);
  const frames = await page.evaluate(SAMPLE, 40);
  // the clock moved by screens of ladder while sampled
  expect(frames.at(-1)!.t - frames[0]!.t).toBeGreaterThan(30);
  // every frame: the line in view, and segments drawn near the top of the box (probes every second:
  // the widest quiet stretch between two bursts of probes is about a third of the box)
  const lost = frames.filter((f) => !f.inBox);
  const blankTop = frames.filter((f) => f.topmost > 0.45);
  expect(lost.length, JSON.stringify(lost.slice(0, 3))).toBe(0);
  expect(blankTop.length, JSON.stringify(blankTop.slice(0, 3))).toBe(0);
  // a box that jumps a screen per frame shows bare arrows: their labels could not be read
  expect(frames.filter((f) => f.segs > 0 && f.labels === 0).length).toBeGreaterThan(frames.length / 2);

  // a hand scroll back, while the follow itself scrolls every frame: it counts, and the follow stops
  const scroll = page.locator('[data-testid="sequence-diagram"] .seq-scroll');
  await scroll.hover();
  const follow = page.getByRole('button', { name: 'Follow latest' });
  // (the first wheel may only fetch the zoom code: a person turns the wheel again)
  await expect(async () => {
    await page.mouse.wheel(0, -1500);
    await expect(follow).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  const back = await page.evaluate(SAMPLE, 20);
  expect(back.every((f) => !f.inBox)).toBe(true);
  // the box stands still while the clock runs on: every arrow in it is labelled
  const unlabelled = back.filter((f) => f.labels !== f.segs);
  expect(unlabelled, JSON.stringify(unlabelled.slice(0, 3))).toEqual([]);
  expect(back.some((f) => f.segs > 0)).toBe(true);

  await follow.click();
  await expect(follow).toBeHidden();
  const again = await page.evaluate(SAMPLE, 20);
  expect(again.slice(2).every((f) => f.inBox && f.topmost <= 0.45)).toBe(true);
  // paused, the ladder shows every label again from the frame the pause lands on (even when that
  // frame's follow leapt a screen), not a moment later
  // (clicked in the page, and sampled from the very next frame on)
  const still = (await page.evaluate(`(document.querySelector('[data-testid="play"]').click(), (${SAMPLE.toString()})(3))`)) as Awaited<ReturnType<typeof SAMPLE>>;
  await expect(page.getByTestId('player')).toHaveAttribute('data-status', 'paused');
  expect(still[0]!.segs).toBeGreaterThan(0);
  expect(still.filter((f) => f.labels !== f.segs), JSON.stringify(still)).toEqual([]);
  // the side panels (redrawn only a few times a second while the clock runs this fast) are current
  // from that frame on too: nothing in them changes once the page has had time to catch up
  expect(still[0]!.side).not.toBe('');
  expect(still.map((f) => f.side)).toEqual([still[0]!.side, still[0]!.side, still[0]!.side]);
  await page.waitForTimeout(400);
  const later = await page.evaluate(SAMPLE, 1);
  expect(later[0]!.side).toBe(still[0]!.side);
});
