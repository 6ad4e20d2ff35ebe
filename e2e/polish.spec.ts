import { expect, test } from '@playwright/test';
import { open } from './helpers';

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
