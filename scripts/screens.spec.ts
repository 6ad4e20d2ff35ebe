/** Screenshots to look at (see screens.config.ts); each test writes one PNG and asserts nothing else. */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

const OUT = 'test-results/screens';
const SIZES = [
  [1366, 768],
  [1280, 720],
  [390, 844],
] as const;
const LANGS = ['en', 'zh-CN'] as const;

async function shoot(page: Page, name: string, full = false) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: full });
}

const PAGES: [string, string][] = [
  ['teardown', 'scenario=teardown&t=2.15'],
  ['handshake', 'scenario=handshake&t=0.3'],
  ['lostsyn', 'scenario=lost-syn&t=31.3&lesson=0'],
  ['finwait2', 'scenario=fin-wait-2-timeout&t=2.3&lesson=0'],
  ['lostfinalack', 'scenario=lost-final-ack&t=2.6&lesson=0'],
  ['lostfin', 'scenario=lost-fin&t=2.3&lesson=0'],
  ['free', 'scenario=free'],
];

for (const [w, h] of SIZES)
  for (const lang of LANGS)
    for (const [name, q] of PAGES)
      test(`${name} ${w}x${h} ${lang}`, async ({ page }) => {
        await page.setViewportSize({ width: w, height: h });
        await page.goto(`./?${q}&lang=${lang}`);
        await expect(page.getByTestId('sim-time')).toBeVisible({ timeout: 15_000 });
        await shoot(page, `${name}-${w}x${h}-${lang}`);
        await shoot(page, `${name}-${w}x${h}-${lang}-full`, true);
      });

for (const [w, h] of SIZES.slice(0, 2))
  for (const lang of LANGS)
    for (const [name, q] of PAGES.slice(0, 4))
      test(`present ${name} ${w}x${h} ${lang}`, async ({ page }) => {
        await page.setViewportSize({ width: w, height: h });
        await page.goto(`./?${q}&present=1&lang=${lang}`);
        await expect(page.getByTestId('sim-time')).toBeVisible({ timeout: 15_000 });
        await shoot(page, `present-${name}-${w}x${h}-${lang}`);
      });

// a docs author's frames: sizes, lesson pacing, control bars, the dark theme
const EMBEDS: [string, string][] = [
  ['t215', 't=2.15'],
  ['lesson', 'lesson=1'],
  ['minimal', 'controls=minimal&t=2.15'],
  ['full', 'controls=full&t=2.15'],
  ['dark', 'theme=dark&t=2.15'],
];
for (const lang of LANGS) {
  for (const [fw, fh] of [
    [700, 450],
    [360, 640],
  ] as const)
    for (const [name, q] of EMBEDS)
      test(`embed iframe ${name} ${fw}x${fh} ${lang}`, async ({ page, baseURL }) => {
        await page.setViewportSize({ width: fw + 40, height: fh + 40 });
        await page.setContent(`<body style="margin:20px"><iframe id="f" src="${baseURL}?scenario=teardown&embed=1&lang=${lang}&${q}" width="${fw}" height="${fh}" style="border:1px solid #888"></iframe></body>`);
        await expect(page.frameLocator('#f').getByTestId('sim-time')).toBeVisible({ timeout: 15_000 });
        await shoot(page, `embed-${name}-${fw}x${fh}-${lang}`);
      });
  for (const [w, h] of [...SIZES, [700, 450]] as const) {
    test(`fleet ${w}x${h} ${lang}`, async ({ page }) => {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`./?view=fleet&preset=fin-wait-2&lang=${lang}&t=75`);
      await page.waitForTimeout(1500);
      await shoot(page, `fleet-${w}x${h}-${lang}`);
      await shoot(page, `fleet-${w}x${h}-${lang}-full`, true);
    });
    test(`packetdrill ${w}x${h} ${lang}`, async ({ page }) => {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`./?view=packetdrill&lang=${lang}${w === 700 ? '&embed=1' : ''}`);
      await page.getByTestId('pkt-example').selectOption('common/active-close.pkt');
      await page.getByTestId('pkt-run').click();
      await expect(page.getByTestId('pkt-verdict')).toHaveAttribute('data-status', 'pass');
      await page.getByTestId('pkt-start').click();
      for (let k = 0; k < 6; k++) await page.getByTestId('step').click();
      await shoot(page, `pkt-${w}x${h}-${lang}`);
      await shoot(page, `pkt-${w}x${h}-${lang}-full`, true);
    });
  }
}

// what a person walks through beyond the first picture: a lesson with a note open, the capture
// replay, a failing packetdrill script, presenting free play, the fleet's drill-down and what-if,
// in the dark and high-contrast themes too
for (const [w, h] of [...SIZES, [700, 450]] as const)
  for (const lang of LANGS)
    for (const theme of ['dark', 'contrast'] as const) {
      const tag = `${w}x${h}-${lang}-${theme}`;
      test(`walk lesson ${tag}`, async ({ page }) => {
        await page.setViewportSize({ width: w, height: h });
        await page.goto(`./?scenario=teardown&lang=${lang}&theme=${theme}`);
        await expect(page.getByTestId('sim-time')).toBeVisible({ timeout: 15_000 });
        for (let i = 0; i < 2; i++) {
          await page.getByTestId('note-next').click();
          await expect(page.getByTestId('player')).toHaveAttribute('data-status', 'note', { timeout: 20_000 });
        }
        await shoot(page, `walk-lesson-${tag}`);
      });
      test(`walk capture ${tag}`, async ({ page }) => {
        await page.setViewportSize({ width: w, height: h });
        await page.goto(`./?scenario=teardown&lang=${lang}&theme=${theme}`);
        await page.getByTestId('capture-panel').locator('summary').click();
        await page.getByTestId('open-capture').setInputFiles('tests/captures/linux/teardown.pcap');
        await expect(page.getByTestId('capture-dialog')).toBeVisible();
        await shoot(page, `walk-capture-${tag}`);
      });
      test(`walk packetdrill failing ${tag}`, async ({ page }) => {
        await page.setViewportSize({ width: w, height: h });
        await page.goto(`./?view=packetdrill&lang=${lang}&theme=${theme}`);
        const text = await page.getByTestId('pkt-text').inputValue();
        await page.getByTestId('pkt-text').fill(text.replace('> S 0:0(0)', '> F 0:0(0)'));
        await page.getByTestId('pkt-run').click();
        await expect(page.getByTestId('pkt-verdict')).toHaveAttribute('data-status', 'fail');
        await shoot(page, `walk-pkt-fail-${tag}`);
      });
      if (w >= 1280)
        test(`walk present free ${tag}`, async ({ page }) => {
          await page.setViewportSize({ width: w, height: h });
          await page.goto(`./?scenario=free&present=1&lang=${lang}&theme=${theme}`);
          await expect(page.getByTestId('sim-time')).toBeVisible({ timeout: 15_000 });
          await shoot(page, `walk-present-free-${tag}`);
        });
    }

// every lesson as a docs author embeds it: a 700x450 frame, Play pressed, stopped at its first note
const LESSONS = ['abort', 'close-wait-leak', 'fin-wait-2-timeout', 'half-close', 'handshake', 'keepalive-dead-peer', 'lost-fin', 'lost-final-ack', 'lost-syn', 'rst-closed-port', 'server-close', 'simultaneous-close', 'simultaneous-open', 'teardown', 'time-wait-reuse'];
for (const lang of LANGS)
  for (const id of LESSONS)
    test(`walk embed lesson ${id} ${lang}`, async ({ page, baseURL }) => {
      await page.setViewportSize({ width: 740, height: 490 });
      await page.setContent(`<body style="margin:20px"><iframe id="f" src="${baseURL}?scenario=${id}&embed=1&lang=${lang}&pace=exact&speed=10" width="700" height="450" style="border:1px solid #888"></iframe></body>`);
      const f = page.frameLocator('#f');
      await expect(f.getByTestId('sim-time')).toBeVisible({ timeout: 15_000 });
      await f.getByTestId('play').click();
      await expect(f.getByTestId('player')).toHaveAttribute('data-status', /note|ended/, { timeout: 30_000 });
      await shoot(page, `walk-embed-${id}-${lang}`);
    });

// the capture dialog's replay moved to the middle of the capture
for (const [w, h] of [[700, 450], [390, 844]] as const)
  for (const lang of LANGS)
    test(`walk capture replay ${w}x${h} ${lang}`, async ({ page }) => {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`./?scenario=teardown&lang=${lang}`);
      await page.getByTestId('capture-panel').locator('summary').click();
      await page.getByTestId('open-capture').setInputFiles('tests/captures/linux/teardown.pcap');
      await expect(page.getByTestId('capture-dialog')).toBeVisible();
      const slider = page.getByTestId('capture-time');
      const max = Number(await slider.getAttribute('max'));
      await slider.fill(String(max * 0.6));
      await shoot(page, `walk-capture-replay-${w}x${h}-${lang}`);
      await page.getByTestId('capture-dialog').evaluate((d) => d.scrollTo(0, d.scrollHeight));
      await shoot(page, `walk-capture-replay-${w}x${h}-${lang}-end`);
    });

for (const [w, h, lang, theme] of [
  [1366, 768, 'en', 'dark'],
  [390, 844, 'zh-CN', 'light'],
] as const)
  test(`walk fleet drill-down and what-if ${w}x${h} ${lang} ${theme}`, async ({ page }) => {
    test.setTimeout(400_000);
    const tag = `${w}x${h}-${lang}-${theme}`;
    await page.setViewportSize({ width: w, height: h });
    await page.goto(`./?view=fleet&preset=fin-wait-2&lang=${lang}&theme=${theme}`);
    await expect(page.locator('[data-testid="fleet-page"][data-finished="1"]')).toBeVisible({ timeout: 300_000 });
    const box = (await page.locator('[data-testid="fleet-chart"] [data-testid="fleet-band"][data-state="FIN_WAIT_2"]').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.6);
    await expect(page.getByTestId('fleet-drill-summary')).toHaveAttribute('data-state', 'FIN_WAIT_2', { timeout: 120_000 });
    await page.getByTestId('fleet-drill-summary').scrollIntoViewIfNeeded();
    await shoot(page, `walk-fleet-drill-${tag}`);
    await page.getByTestId('fleet-whatif-knob').selectOption('tcp_fin_timeout');
    await page.getByTestId('fleet-whatif-value').fill('30');
    await page.getByTestId('fleet-whatif-apply').click();
    await expect(page.getByTestId('fleet-chart-after')).toBeVisible();
    await page.getByTestId('fleet-chart').scrollIntoViewIfNeeded();
    await shoot(page, `walk-fleet-after-${tag}`);
    await page.getByTestId('fleet-drill-open').first().click();
    await expect(page.getByTestId('peer-server')).toBeAttached({ timeout: 30_000 });
    await shoot(page, `walk-fleet-story-${tag}`);
  });

// chips in flight on the state diagram, a few instants apart (the close() chip and the FIN,ACK
// crossing; free play's ACK and FIN,ACK leaving LAST_ACK together), and the same with reduced motion
for (const [w, h] of [SIZES[0], SIZES[2]] as const)
  for (const lang of LANGS)
    for (const reduced of [false, true])
      test(`walk chips ${w}x${h} ${lang}${reduced ? ' reduced' : ''}`, async ({ page }) => {
        await page.setViewportSize({ width: w, height: h });
        if (reduced) await page.emulateMedia({ reducedMotion: 'reduce' });
        const tag = `${w}x${h}-${lang}${reduced ? '-reduced' : ''}`;
        const diagram = page.getByTestId('state-diagram');
        const at = async (t: number) => {
          await page.getByTestId('scrubber').fill(t.toFixed(3));
          await expect(page.getByTestId('sim-time')).toHaveAttribute('data-seconds', String(t));
          await page.waitForTimeout(150);
        };
        await page.goto(`./?scenario=teardown&t=2.08&lesson=0&lang=${lang}`);
        await expect(page.getByTestId('sim-time')).toBeVisible({ timeout: 15_000 });
        for (const t of [2.005, 2.02, 2.03, 2.06, 2.08]) {
          await at(t);
          await diagram.screenshot({ path: `${OUT}/chips-teardown-${t.toFixed(3)}-${tag}.png` });
        }
        // free play: the server closes as soon as it is in CLOSE_WAIT
        await page.goto(`./?scenario=free&pace=exact&lang=${lang}`);
        await expect(page.getByTestId('sim-time')).toBeVisible({ timeout: 15_000 });
        const peerState = (p: string) => page.getByTestId(`peer-${p}`).getAttribute('data-tcp-state');
        const stepTo = async (p: string, target: string) => {
          for (let k = 0; k < 40 && (await peerState(p)) !== target; k++) await page.getByTestId('step').click();
        };
        const en = lang === 'en';
        const group = (p: 'client' | 'server') => page.getByRole('group', { name: en ? `Socket API of the ${p}` : p === 'client' ? '客户端的套接字 API' : '服务器端的套接字 API' });
        await group('server').getByRole('button', { name: en ? 'Listen' : '监听 listen()', exact: true }).click();
        await group('client').getByRole('button', { name: en ? 'Connect' : '连接 connect()', exact: true }).click();
        await stepTo('server', 'ESTABLISHED');
        await group('client').getByRole('button', { name: en ? 'Close' : '关闭 close()', exact: true }).click();
        await stepTo('server', 'CLOSE_WAIT');
        await group('server').getByRole('button', { name: en ? 'Close' : '关闭 close()', exact: true }).click();
        const t0 = Number(await page.getByTestId('sim-time').getAttribute('data-seconds'));
        await stepTo('client', 'TIME_WAIT');
        for (const dt of [0, 0.015, 0.03, 0.05]) {
          await at(Number((t0 + dt).toFixed(3)));
          await diagram.screenshot({ path: `${OUT}/chips-free-${dt.toFixed(3)}-${tag}.png` });
        }
      });
