import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { open } from './helpers';
import { englishIn } from './zhText.ts';

test('speed=7 puts the speed slider between 5× and 10× and shows 7×', async ({ page }) => {
  await open(page, 'scenario=handshake&speed=7');
  const slider = page.getByTestId('speed');
  await expect(slider).toHaveAttribute('aria-valuetext', '7×');
  await expect(page.locator('.speed strong')).toHaveText('7×');
  // the thumb sits where 7 is: between 5× and 10× (stop 6 of 0.1 … 1000 with 7 added), not at 1×
  await expect(slider).toHaveAttribute('value', '6');
  await expect(slider).toHaveAttribute('max', '9');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', '10×');
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuetext', '5×');
});

for (const [lang, unit, nowWord] of [
  ['en', 's', 'now'],
  ['zh-CN', '秒', '现在'],
] as const) {
  test(`one "now": the clock, the note and the ladder show the same time and unit (${lang})`, async ({ page }) => {
    // the teardown lesson's third note is at 2.1 s
    await open(page, `scenario=teardown&t=2.1&lang=${lang}`);
    await expect(page.getByTestId('note')).toHaveAttribute('data-at', '2.1');
    const clock = (await page.getByTestId('sim-time').locator('output').textContent())!.trim();
    const note = (await page.getByTestId('note-time').textContent())!.trim();
    const ladder = (await page.getByTestId('sequence-now').locator('text').textContent())!.trim();
    expect(clock).toBe(`2.100 ${unit}`);
    expect(note).toContain(`2.100 ${unit}`);
    expect(ladder).toBe(`${nowWord} 2.100 ${unit}`);
    if (lang === 'zh-CN') {
      expect(note).toBe('现在（2.100 秒）：');
      // durations on the ladder use 秒 too
      for (const txt of await page.locator('.seq-timer-text, .seq-break-label').allTextContents()) expect(txt).not.toMatch(/\d s\b/);
    }
  });
}

/** Latin words allowed in Chinese text: state names, flags, timer names, errno names, calls, knob names. */
const ALLOWED =
  /\b(CLOSED|LISTEN|SYN_SENT|SYN_RCVD|ESTABLISHED|FIN_WAIT_1|FIN_WAIT_2|CLOSE_WAIT|CLOSING|LAST_ACK|TIME_WAIT|SYN|FIN|RST|PSH|ACK|RTO|KEEPALIVE|DELACK|TLP|E[A-Z]{3,}|tcp_[a-z0-9_]+)\b|\b[a-z_]+\(\)/g;

for (const scenario of ['lost-syn', 'lost-fin', 'keepalive-dead-peer', 'close-wait-leak']) {
  test(`zh-CN log lines of ${scenario}: no English words, full-width parentheses`, async ({ page }) => {
    await open(page, `scenario=${scenario}&t=200&lang=zh-CN&lesson=0`);
    // the log is virtualised: read it screen by screen
    const seen = new Set<string>();
    const box = page.locator('.log-scroll');
    await expect(box).toBeVisible();
    for (let top = 0; ; ) {
      await box.evaluate((el, y) => (el.scrollTop = y), top);
      await page.waitForTimeout(50);
      for (const x of await page.locator('.log-text').allTextContents()) seen.add(x);
      const { h, ch } = await box.evaluate((el) => ({ h: el.scrollHeight, ch: el.clientHeight }));
      if (top + ch >= h) break;
      top += Math.max(50, ch - 40);
    }
    const lines = [...seen];
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      // calls like close() are allowed; any other ASCII parenthesis should be full-width
      const rest = line.replace(ALLOWED, '');
      expect(rest, line).not.toMatch(/[A-Za-z()]/);
    }
    // the peers panel's results and the inspector speak Chinese too
    for (const txt of await page.locator('.results li').allTextContents()) expect(txt.replace(ALLOWED, '')).not.toMatch(/[A-Za-z]/);
    // and so does everything else the page shows or a screen reader says
    expect(await englishIn(page)).toEqual([]);
  });
}

test('the inspector gives a drop reason in Chinese with full-width parentheses', async ({ page }) => {
  await open(page, 'scenario=lost-syn&t=3&lang=zh-CN&lesson=0');
  await page.locator('[data-testid="segment"][data-status="dropped"]').first().click();
  const details = page.getByTestId('inspector');
  await expect(details).toContainText('“丢弃下一个”规则');
  await expect(details).not.toContainText('drop-next');
  expect(await details.textContent()).not.toMatch(/[()]/);
});

for (const [lang, text] of [
  ['en', 'press Play'],
  ['zh-CN', '按“播放”'],
] as const) {
  test(`Connect while paused says to press Play (${lang})`, async ({ page }) => {
    await open(page, `scenario=free&lang=${lang}`);
    await expect(page.getByTestId('paused-hint')).toHaveCount(0);
    const server = page.getByRole('group', { name: lang === 'en' ? 'Socket API of the server' : '服务器端的套接字 API' });
    await server.getByRole('button', { name: lang === 'en' ? 'Listen' : '监听 listen()', exact: true }).click();
    const client = page.getByRole('group', { name: lang === 'en' ? 'Socket API of the client' : '客户端的套接字 API' });
    await client.getByRole('button', { name: lang === 'en' ? 'Connect' : '连接 connect()', exact: true }).click();
    await expect(page.getByTestId('paused-hint')).toContainText(text);
    await expect(page.getByTestId('paused-hint')).toBeInViewport();
    // the hint goes once the clock moves
    await page.getByTestId('step').click();
    await expect(page.getByTestId('paused-hint')).toHaveCount(0);
  });
}

test('teardown: the zigzag of the TIME_WAIT skip does not run through its "skipped" label', async ({ page }) => {
  await open(page, 'scenario=teardown&t=2.15');
  const brk = page.getByTestId('time-break').first();
  await expect(brk).toHaveCount(1);
  const clash = await brk.evaluate((g) => {
    const label = (g.querySelector('.seq-break-label') as SVGTextElement).getBBox();
    const d = g.querySelector('.seq-break-zigzag')!.getAttribute('d')!;
    // every drawn stroke (an L after a point) must lie outside the label's span
    const pts = [...d.matchAll(/([ML])([\d.]+),/g)].map((m) => ({ cmd: m[1], x: Number(m[2]) }));
    return pts.some((p, i) => p.cmd === 'L' && i > 0 && Math.max(p.x, pts[i - 1]!.x) > label.x && Math.min(p.x, pts[i - 1]!.x) < label.x + label.width);
  });
  expect(clash).toBe(false);
});

/** Pairs of elements (by selector) whose boxes on screen overlap by more than a sliver. */
async function overlapping(page: Page, a: string, b: string): Promise<string[]> {
  return page.evaluate(
    ([sa, sb]) => {
      const shown = (sel: string) =>
        [...document.querySelectorAll(sel)].map((el) => ({ el, r: el.getBoundingClientRect() })).filter(({ el, r }) => r.width > 0 && r.height > 0 && getComputedStyle(el).opacity !== '0');
      const out: string[] = [];
      const as = shown(sa);
      const bs = sa === sb ? as : shown(sb);
      for (let i = 0; i < as.length; i++) {
        for (let j = sa === sb ? i + 1 : 0; j < bs.length; j++) {
          const p = as[i]!.r;
          const q = bs[j]!.r;
          if (as[i]!.el === bs[j]!.el) continue;
          const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
          const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
          if (w > 1 && h > 1) out.push(`"${as[i]!.el.textContent}" / "${bs[j]!.el.textContent}"`);
        }
      }
      return out;
    },
    [a, b] as const,
  );
}

// Where the labels met: the server's SYN_RCVD with its SYN,ACK RTO; the client's FIN_WAIT_2 with
// its FIN_WAIT_2 timer; the handshake's crossing labels; each at the desk and in presenter mode.
const LABEL_CASES = [
  ['handshake: SYN_RCVD and its RTO', 'scenario=handshake&t=0.17&lesson=0'],
  ['lost SYNs: SYN_RCVD and its RTO', 'scenario=lost-syn&t=7.17&lesson=0'],
  ['teardown: FIN_WAIT_2 and its timer', 'scenario=teardown&t=2.15'],
  ['fin-wait-2 timeout: FIN_WAIT_2 and its timer', 'scenario=fin-wait-2-timeout&t=2.3&lesson=0'],
] as const;
for (const [w, h, present, lang] of [
  [1366, 768, false, 'en'],
  [1366, 768, true, 'zh-CN'],
  [1280, 720, true, 'zh-CN'],
  [1280, 720, true, 'en'],
  [390, 844, false, 'zh-CN'],
] as const) {
    test(`no label over another in the ladder and the state diagram, ${w}×${h}${present ? ' presenter' : ''} (${lang})`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width: w, height: h });
      for (const [what, q] of LABEL_CASES) {
        await open(page, `${q}&lang=${lang}${present ? '&present=1' : ''}`);
        await expect(page.getByTestId('timer-bar').first()).toBeAttached({ timeout: 15_000 });
        const timers = '.seq-timer-text';
        const names = '.seq-band-label';
        expect(await page.locator(timers).count(), what).toBeGreaterThan(0);
        // a timer's label is never over a state name, a lifeline's band, the now label or another timer's
        expect(await overlapping(page, timers, names), what).toEqual([]);
        expect(await overlapping(page, timers, '.seq-band'), what).toEqual([]);
        expect(await overlapping(page, timers, '.seq-now-label'), what).toEqual([]);
        expect(await overlapping(page, timers, timers), what).toEqual([]);
        expect(await overlapping(page, names, names), what).toEqual([]);
        // the state diagram's edge labels stay apart
        expect(await overlapping(page, '.sd-edge-label', '.sd-edge-label'), what).toEqual([]);
      }
    });
}

/** Labels of the ladder cut by the top edge of its scrolling box (half hidden under the lane titles). */
async function cutAtTop(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const box = document.querySelector('[data-testid="sequence-diagram"] .seq-scroll')!.getBoundingClientRect();
    const out: string[] = [];
    for (const el of document.querySelectorAll('.seq-seg-label, .seq-band-label, .seq-timer-text, .seq-now-label')) {
      const r = el.getBoundingClientRect();
      if (r.height > 0 && r.top < box.top - 1 && r.bottom > box.top + 1) out.push(`${el.textContent} (${Math.round(r.top)}..${Math.round(r.bottom)} under ${Math.round(box.top)})`);
    }
    return out;
  });
}

for (const [w, h, q] of [
  [1366, 768, 'scenario=teardown&t=2.15&lesson=0'],
  [1280, 720, 'scenario=teardown&t=2.2&lesson=0'],
  [1366, 768, 'scenario=lost-syn&t=5.2&lesson=0'],
  [390, 844, 'scenario=teardown&t=2.15&lesson=0'],
] as const) {
  test(`the ladder's top label is whole below its lane titles, at load and after scrolling (${w}×${h}, ${q})`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await open(page, q);
    const scroll = page.locator('[data-testid="sequence-diagram"] .seq-scroll');
    await scroll.scrollIntoViewIfNeeded();
    const head = (await page.locator('.seq-head').boundingBox())!;
    // the lane titles sit above the drawing, never over it
    expect(head.y + head.height).toBeLessThanOrEqual((await scroll.boundingBox())!.y + 1);
    expect(await cutAtTop(page)).toEqual([]);
    // the page scrolled: still whole; the ladder followed the clock: still whole
    await page.mouse.wheel(0, 200);
    expect(await cutAtTop(page)).toEqual([]);
    for (let i = 0; i < 3; i++) {
      await expect(page.getByTestId('step')).toBeEnabled({ timeout: 15_000 });
      await page.getByTestId('step').click();
    }
    expect(await cutAtTop(page)).toEqual([]);
  });
}

for (const lang of ['en', 'zh-CN'] as const) {
  test(`700×450 embed (${lang}): no label of the ladder half hidden under its lane titles`, async ({ page }) => {
    await page.setViewportSize({ width: 700, height: 450 });
    for (const t of [2.15, 2.3, 62.4]) {
      await page.goto(`./?scenario=teardown&embed=1&lang=${lang}&t=${t}`);
      await expect(page.getByTestId('sim-time')).toBeVisible({ timeout: 15_000 });
      await expect(page.locator('.seq-seg-label').first()).toBeAttached();
      expect(await cutAtTop(page), `t=${t}`).toEqual([]);
    }
  });

  test(`390×844: the ladder fits the phone, both lanes in view, text ≥ 11 px, no sideways scroll (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, `scenario=teardown&t=2.15&lang=${lang}`);
    const seq = page.getByTestId('sequence-diagram');
    await seq.scrollIntoViewIfNeeded();
    for (const p of ['client', 'server'] as const) {
      const b = (await seq.locator(`.seq-peer-title--${p}`).boundingBox())!;
      expect(b.x, p).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width, p).toBeLessThanOrEqual(390);
    }
    // both lifelines are drawn inside the viewport
    for (const x of await seq.locator('.seq-lifeline').evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect().left))) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(390);
    }
    // the ladder's box does not scroll sideways, nor does the page
    expect(await seq.locator('.seq-scroll').evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const smallest = await seq.evaluate((root) => {
      let min = Infinity;
      for (const el of root.querySelectorAll<SVGTextElement>('.seq-seg-label, .seq-band-label, .seq-timer-text, .seq-now-label, .seq-break-label')) {
        const m = el.getScreenCTM();
        if (el.getBoundingClientRect().width === 0 || !m) continue;
        min = Math.min(min, parseFloat(getComputedStyle(el).fontSize) * Math.hypot(m.a, m.b));
      }
      return min;
    });
    expect(smallest).toBeGreaterThanOrEqual(11);
    expect(smallest).toBeLessThan(100);
  });
}

test('zh-CN peer panel: the congestion window line is whole inside its card, no separator left at a line end', async ({ page }) => {
  await open(page, 'scenario=teardown&t=2.15&lang=zh-CN');
  for (const p of ['client', 'server'] as const) {
    const card = (await page.getByTestId(`peer-card-${p}`).boundingBox())!;
    const parts = page.getByTestId(`cwnd-${p}`).locator(':scope > *');
    expect(await parts.count()).toBeGreaterThanOrEqual(2);
    for (const part of await parts.all()) {
      const b = (await part.boundingBox())!;
      expect(b.x + b.width, await part.textContent() ?? '').toBeLessThanOrEqual(card.x + card.width - 4);
      // one line each (the figure is never broken inside)
      const lh = await part.evaluate((el) => parseFloat(getComputedStyle(el).fontSize) * 1.6);
      expect(b.height).toBeLessThanOrEqual(lh);
    }
    expect(await page.getByTestId(`cwnd-${p}`).textContent()).not.toMatch(/·\s*$/);
  }
});

test('zh-CN clock: the "pause at the note" badge is one line', async ({ page }) => {
  // exact pace at 10×: the same note stop without waiting for it in real time
  await open(page, 'scenario=teardown&lang=zh-CN&speed=10&pace=exact');
  await page.getByTestId('note-next').click();
  await expect(page.getByTestId('player')).toHaveAttribute('data-status', 'note', { timeout: 20_000 });
  const badge = page.locator('.clock-panel .player-status');
  await expect(badge).toHaveText('在注释处暂停');
  const { h, fs } = await badge.evaluate((el) => ({ h: el.getBoundingClientRect().height, fs: parseFloat(getComputedStyle(el).fontSize) }));
  expect(h).toBeLessThan(fs * 2);
});

test('1280×720: the state diagram starts whole (only a phone starts zoomed in)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page, 'scenario=teardown&t=2.15');
  await expect(page.locator('.sd-wrap')).toHaveAttribute('data-zoom', '1.000');
});
