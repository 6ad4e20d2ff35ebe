import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import LZString from 'lz-string';
import { SHOTS, ladderCrowding, ladderHeadProblems, squeezedLabels, startPacketdrillExample } from './helpers.ts';
import { englishIn } from './zhText.ts';

test.describe.configure({ timeout: 60_000 });
expect.configure({ timeout: 15_000 });

const activePeers = (page: Page, state: string) => page.locator(`[data-testid="diagram-state"][data-state="${state}"]`).getAttribute('data-active-peers');
const nowLine = (page: Page) => page.getByTestId('sim-time').getAttribute('data-line');

test('the packetdrill view passes one of the project\'s scripts, draws its segments in the ladder, and steps through it', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.getByTestId('open-packetdrill').click();
  await page.getByTestId('pkt-example').selectOption('common/passive-open.pkt');
  await page.getByTestId('pkt-run').click();
  await expect(page.getByTestId('pkt-verdict')).toHaveAttribute('data-status', 'pass');
  await expect(page.getByTestId('pkt-verdict')).toHaveText('PASS common/passive-open.pkt');

  // the stack listens, so it is the server lane; the script's peer is the client
  await expect(page.getByTestId('pkt-stage')).toHaveAttribute('data-engine', 'server');
  const titles = page.getByTestId('sequence-diagram').locator('.seq-peer-title');
  await expect(titles).toHaveText(['script', 'engine']);
  // the whole run is drawn: the handshake, the 4380-byte write as three segments, the ACKs
  const segs = page.getByTestId('segment');
  await expect(segs).toHaveCount(7);
  const drawn = await segs.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-from')}:${e.getAttribute('data-flags')}:${e.getAttribute('data-status')}`));
  expect(drawn.slice(0, 3)).toEqual(['client:SYN:delivered', 'server:SYN,ACK:delivered', 'client:ACK:delivered']);
  expect(drawn.at(-1)).toBe('client:ACK:delivered');
  // both lanes' states: the engine's from the run, the script's inferred by the engine
  await expect(page.getByTestId('peer-server')).toHaveAttribute('data-tcp-state', 'ESTABLISHED');
  await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'ESTABLISHED');

  // from the start, Step moves the state diagram and the line being run
  await page.getByTestId('pkt-start').click();
  await expect(page.getByTestId('segment')).toHaveCount(0);
  expect(await activePeers(page, 'LISTEN')).toBe('server');
  const seen: string[] = [];
  for (let i = 0; i < 12 && (await activePeers(page, 'ESTABLISHED')) !== 'client server'; i++) {
    await page.getByTestId('step').click();
    seen.push(`${await nowLine(page)} ${await activePeers(page, 'SYN_RCVD')}`);
  }
  expect(await activePeers(page, 'ESTABLISHED')).toBe('client server');
  // the SYN line (9), then the SYN,ACK line (10) with the server in SYN_RCVD
  expect(seen).toContain('10 server');
  await expect(page.getByTestId('pkt-listing').locator('li[data-now="true"]')).toHaveCount(1);
  // Step back returns the diagram to SYN_RCVD
  await page.getByTestId('back').click();
  await expect(page.locator('[data-testid="diagram-state"][data-state="SYN_RCVD"]')).toHaveAttribute('data-active-peers', 'server');
  // the keyboard drives the same player: → steps, ← steps back
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-testid="diagram-state"][data-state="ESTABLISHED"]')).toHaveAttribute('data-active-peers', 'client server');
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('[data-testid="diagram-state"][data-state="SYN_RCVD"]')).toHaveAttribute('data-active-peers', 'server');

  // the runner's own log is there too
  await page.locator('.pkt-log summary').click();
  await expect(page.getByTestId('pkt-ladder').locator('li').first()).toBeVisible();
});

test('a broken copy fails with the failing line highlighted, the run drawn up to it, and travels by pkt= link', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./?view=packetdrill&lang=en');
  const text = await page.getByTestId('pkt-text').inputValue();
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes('> S 0:0(0)'));
  lines[i] = lines[i]!.replace('> S 0:0(0)', '> F 0:0(0)');
  await page.getByTestId('pkt-text').fill(lines.join('\n'));
  // in English the verdict is the CLI's own line
  await page.getByTestId('pkt-run').click();
  await expect(page.getByTestId('pkt-verdict')).toHaveText(new RegExp(`^FAIL common\\/active-open\\.pkt:${i + 1}: expected F 0:0\\(0\\), got SYN 0:0\\(0\\).*: flags SYN instead of FIN$`));
  await page.getByTestId('pkt-edit').click();
  await page.getByTestId('pkt-copy-link').click();
  const link = (await page.getByTestId('app').getAttribute('data-copy-url'))!;
  expect(LZString.decompressFromEncodedURIComponent(new URL(link).searchParams.get('pkt')!)).toBe(lines.join('\n'));

  // a linked script runs on opening, embedded too
  await page.setViewportSize({ width: 700, height: 450 });
  // the link opened in Chinese: the runner's reason is worded in Chinese too, in the verdict and at the line
  await page.goto(`${link.replace('lang=en', 'lang=zh-CN')}&embed=1`);
  await expect(page.getByTestId('pkt-verdict')).toHaveAttribute('data-status', 'fail');
  await page.getByTestId('pkt-run').click();
  await expect(page.getByTestId('pkt-verdict')).toHaveAttribute('data-status', 'fail');
  await expect(page.getByTestId('pkt-verdict')).toHaveAttribute('data-line', String(i + 1));
  const failing = page.getByTestId('pkt-fail-line');
  await expect(failing).toContainText('> F 0:0(0)');
  await expect(page.getByTestId('pkt-verdict')).toHaveText(new RegExp(`^失败 linked\\.pkt:${i + 1}：期望 F 0:0\\(0\\)，实际 SYN 0:0\\(0\\).*：标志为 SYN，应为 FIN$`));
  await expect(failing.locator('.pkt-why')).toContainText('标志为 SYN，应为 FIN');
  expect(await page.getByTestId('pkt-verdict').textContent()).not.toMatch(/expected|instead|got/);
  await expect(failing).toBeInViewport();
  expect(await page.getByTestId('pkt-listing').locator('li').nth(i).getAttribute('data-testid')).toBe('pkt-fail-line');
  // the picture stops where the run did: the stack's SYN is drawn (it sent one, not a FIN), at the failing line
  await expect(page.getByTestId('pkt-stage')).toHaveAttribute('data-engine', 'client');
  await expect(page.locator('[data-testid="segment"][data-flags="SYN"][data-from="client"]')).toHaveCount(1);
  await expect(page.getByTestId('peer-client')).toHaveAttribute('data-tcp-state', 'SYN_SENT');
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-line', String(i + 1));
  // the embed fits its frame
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(450);
});

for (const lang of ['en', 'zh-CN']) {
  for (const [w, h, embed] of [[1366, 768, false], [390, 844, false], [700, 450, true], [360, 640, true]] as const) {
    test(`the packetdrill view ${embed ? 'embedded ' : ''}at ${w}×${h} in ${lang}: ladder head clear, player on screen (screenshot)`, async ({ page }) => {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`./?view=packetdrill&lang=${lang}${embed ? '&embed=1' : ''}`);
      await page.getByTestId('pkt-example').selectOption('common/active-close.pkt');
      await page.getByTestId('pkt-run').click();
      await expect(page.getByTestId('pkt-verdict')).toHaveAttribute('data-status', 'pass');
      await page.getByTestId('pkt-start').click();
      for (let k = 0; k < 6; k++) await page.getByTestId('step').click();
      expect(await ladderHeadProblems(page)).toEqual([]);
      // on a wide screen and in an embed, the player is on the first screen (a phone scrolls to it)
      const bar = await page.getByTestId('player').boundingBox();
      if (w !== 390) expect(bar!.y + bar!.height).toBeLessThanOrEqual(h + 0.5);
      if (embed) expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(h);
      await page.screenshot({ path: `${SHOTS}/packetdrill-${w}x${h}-${lang}.png` });
      if (lang === 'zh-CN') expect(await englishIn(page)).toEqual([]);
      if (embed) return;
      // "Open .pkt…" is a button in the page's words, not the browser's "Choose File / No file chosen"
      await expect(page.getByTestId('pkt-open')).toHaveCSS('opacity', '0');
      await expect(page.locator('label.file-btn')).toHaveText(lang === 'en' ? 'Open .pkt…' : '打开 .pkt…');
      // the page switches language in place, as the app and the fleet view do
      const other = lang === 'en' ? 'zh-CN' : 'en';
      await page.getByTestId(`lang-${other}`).click();
      await expect(page.locator('.pkt-head h1')).toHaveText(other === 'en' ? 'Packetdrill scripts' : 'packetdrill 脚本');
      await expect(page.getByTestId('pkt-verdict')).toHaveAttribute('data-status', 'pass');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
      if (w !== 1366) return;
      // the parser's and the stack's own errors are worded in the page's language too, at their line
      const en = other === 'en';
      await page.getByTestId('pkt-edit').click();
      await page.getByTestId('pkt-text').fill('0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 < Q 0:0(0) win 100\n');
      await page.getByTestId('pkt-run').click();
      await expect(page.getByTestId('pkt-verdict')).toHaveText(en ? /^FAIL \S+:2:6: unknown TCP flag 'Q' \(allowed: S F R P \. -\)$/ : /^失败 \S+:2:6：未知的 TCP 标志 'Q'（可用：S F R P \. -）$/);
      await expect(page.getByTestId('pkt-fail-line').locator('.pkt-why')).toHaveText(en ? "unknown TCP flag 'Q' (allowed: S F R P . -)" : "未知的 TCP 标志 'Q'（可用：S F R P . -）");
      await page.getByTestId('pkt-edit').click();
      await page.getByTestId('pkt-text').fill('0 `sysctl -q net.ipv4.tcp_fin_timeout=99999`\n+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n');
      await page.getByTestId('pkt-run').click();
      await expect(page.getByTestId('pkt-verdict')).toHaveText(
        en ? /^FAIL \S+:\d+: sysctl\.tcp_fin_timeout: 99999 is out of range; allowed: 0\.\.3600 seconds$/ : /^失败 \S+:\d+：sysctl\.tcp_fin_timeout：99999 超出范围；允许：0\.\.3600 秒$/,
      );
      if (!en) expect(await englishIn(page)).toEqual([]);
    });
  }
}

for (const lang of ['en', 'zh-CN']) {
  test(`the packetdrill view embedded at 700×450 in ${lang}: at every step the ladder's words are clear of each other, the arrows and the now line, none squeezed (screenshot)`, async ({ page }) => {
    await page.setViewportSize({ width: 700, height: 450 });
    await page.goto(`./?view=packetdrill&lang=${lang}&embed=1`);
    await page.getByTestId('pkt-example').selectOption('common/active-close.pkt');
    await page.getByTestId('pkt-run').click();
    await expect(page.getByTestId('pkt-verdict')).toHaveAttribute('data-status', 'pass');
    await page.getByTestId('pkt-start').click();
    const problems: string[] = [];
    for (let k = 0; k < 12; k++) {
      await page.getByTestId('step').click();
      // the ladder follows the now line with a smooth scroll: wait until it stays put
      await expect.poll(async () => page.locator('.seq-scroll').evaluate(async (el) => {
        const top = el.scrollTop;
        await new Promise((r) => setTimeout(r, 150));
        return el.scrollTop === top;
      })).toBe(true);
      const at = await nowLine(page);
      problems.push(...(await ladderCrowding(page)).map((p) => `line ${at}: ${p}`));
      problems.push(...(await squeezedLabels(page)));
      if (k === 5) await page.getByTestId('sequence-diagram').screenshot({ path: `${SHOTS}/packetdrill-embed-ladder-${lang}.png` });
    }
    expect(problems).toEqual([]);
  });
}

/**
 * What of the state diagram is cut off at the edge of its visible box (the drawing's own box within
 * its cell): each edge label and legend line whose box is not wholly inside, and the smallest state
 * name drawn, in CSS px.
 */
async function stateDiagramCut(page: Page): Promise<{ cut: string[]; labels: number; legends: number; namePx: number }> {
  return page.getByTestId('state-diagram').evaluate((svg) => {
    const a = svg.getBoundingClientRect();
    const c = svg.closest('.pkt-cell')!.getBoundingClientRect();
    const v = { left: Math.max(a.left, c.left), right: Math.min(a.right, c.right), top: Math.max(a.top, c.top), bottom: Math.min(a.bottom, c.bottom) };
    const cut: string[] = [];
    let labels = 0;
    let legends = 0;
    const check = (el: Element, what: string) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0) return false;
      if (r.left < v.left - 0.5 || r.right > v.right + 0.5 || r.top < v.top - 0.5 || r.bottom > v.bottom + 0.5)
        cut.push(`${what} "${el.textContent}" [${r.left.toFixed(0)}–${r.right.toFixed(0)}, ${r.top.toFixed(0)}–${r.bottom.toFixed(0)}] outside [${v.left.toFixed(0)}–${v.right.toFixed(0)}, ${v.top.toFixed(0)}–${v.bottom.toFixed(0)}]`);
      return true;
    };
    for (const t of svg.querySelectorAll('g[data-edge-label] > text')) if (check(t, 'label')) labels++;
    for (const t of svg.querySelectorAll('.sd-legend-text')) if (check(t, 'legend')) legends++;
    const namePx = Math.min(...[...svg.querySelectorAll<SVGTextElement>('.sd-name')].map((n) => parseFloat(getComputedStyle(n).fontSize) * Math.hypot(n.getScreenCTM()!.a, n.getScreenCTM()!.b)));
    return { cut, labels, legends, namePx };
  });
}

for (const lang of ['en', 'zh-CN'] as const) {
  test(`the packetdrill view's state diagram at 1280×720, 1366×768 and 390×844 (${lang}): the whole legend and every edge label in view, names legible (a phone: legible, and − shows all)`, async ({ page }) => {
    for (const [w, h] of [
      [1280, 720],
      [1366, 768],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await startPacketdrillExample(page, lang, 'common/active-close.pkt');
      const where = `${w}×${h} ${lang}`;
      if (w === 390) {
        // a phone starts zoomed to legible type on the peers' states (the whole drawing would put
        // its words at 7 px); − zooms out to the whole of it
        await expect.poll(async () => (await stateDiagramCut(page)).namePx, { message: where }).toBeGreaterThanOrEqual(11);
        const out = page.getByTestId('sd-zoom-out');
        await expect(async () => {
          if (await out.isEnabled()) await out.click({ timeout: 1000 });
          await expect(out).toBeDisabled({ timeout: 500 });
        }).toPass();
      }
      // a desktop's first picture (no zoom to cut its edges), a phone's zoomed out; polled: it settles after a resize
      await expect.poll(async () => (await stateDiagramCut(page)).cut, { message: where }).toEqual([]);
      const seen = await stateDiagramCut(page);
      if (w !== 390) expect(seen.namePx, where).toBeGreaterThanOrEqual(11);
      expect(seen.labels, where).toBeGreaterThanOrEqual(18);
      expect(seen.legends, where).toBe(3);
      expect(seen.cut, where).toEqual([]);
      await page.getByTestId('state-diagram').screenshot({ path: `${SHOTS}/packetdrill-state-${w}x${h}-${lang}.png` });
    }
  });
}
