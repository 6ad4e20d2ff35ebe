import { expect, test } from '@playwright/test';
import type { Frame, Page } from '@playwright/test';
import { SHOTS, ladderHeadProblems } from './helpers.ts';
import { englishIn } from './zhText.ts';

// frames inside frames: give a loaded machine room (nothing here waits on wall-clock time)
test.describe.configure({ timeout: 90_000 });
expect.configure({ timeout: 15_000 });

type Ev = { source: string; type: string; [k: string]: unknown };

const events = (page: Page) => page.evaluate(() => (window as unknown as { frameEvents: Ev[] }).frameEvents);
const iframe = (page: Page) => page.frameLocator('#frame');
const elementFrame = (page: Page) => page.frameLocator('tcp-state-sim iframe');

async function openExample(page: Page, query = '') {
  await page.goto(`./embed-example.html${query}`);
  await expect(iframe(page).getByTestId('player')).toBeVisible();
  await expect.poll(async () => (await events(page)).some((e) => e.type === 'ready')).toBe(true);
}

async function send(page: Page, data: Record<string, unknown>) {
  await page.evaluate((d) => (document.getElementById('frame') as HTMLIFrameElement).contentWindow!.postMessage({ target: 'tcp-state-sim', ...d }, location.origin), data);
}

async function frameOf(page: Page, selector: string): Promise<Frame> {
  const handle = await page.locator(selector).elementHandle();
  const f = await handle!.contentFrame();
  return f!;
}

for (const size of [{ width: 700, height: 450 }, { width: 360, height: 640 }]) {
  test(`at ${size.width}×${size.height} the embed fits without scrolling and the hosts adopt its height`, async ({ page }) => {
    await page.setViewportSize(size);
    await openExample(page);
    const frame = await frameOf(page, '#frame');
    // the iframe (resized by the page from the resize messages) shows everything: nothing scrolls inside
    await expect.poll(async () => (await events(page)).filter((e) => e.type === 'resize').length).toBeGreaterThan(0);
    const lastResize = async () => (await events(page)).filter((e) => e.type === 'resize').at(-1)!.height as number;
    await expect.poll(async () => frame.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(0);
    await expect.poll(async () => frame.evaluate(() => window.innerHeight)).toBe(await lastResize());
    if (size.width === 700) expect(await lastResize()).toBeLessThanOrEqual(450);
    // everything of the layout is on screen: title, note, both diagrams, the bar
    const outside = await frame.evaluate(() =>
      ['note', 'state-diagram', 'sequence-diagram', 'play', 'open-full'].filter((id) => {
        const r = document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
        return r.height === 0 || r.top < 0 || r.bottom > window.innerHeight + 0.5 || r.left < 0 || r.right > window.innerWidth + 0.5;
      }),
    );
    expect(outside).toEqual([]);
    // the title is whole (it may wrap in a narrow frame), never cut off with an ellipsis
    expect(await frame.evaluate(() => { const h = document.querySelector('.embed-title')!; return h.scrollWidth <= h.clientWidth + 1; })).toBe(true);

    // the custom element sizes its frame from the same messages
    await page.locator('tcp-state-sim').scrollIntoViewIfNeeded();
    const el = await frameOf(page, 'tcp-state-sim iframe');
    await expect.poll(async () => el.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(0);
    const elHeight = await el.evaluate(() => document.documentElement.scrollHeight);
    await expect.poll(async () => el.evaluate(() => window.innerHeight)).toBe(elHeight);
  });
}

test('play from an allowed origin plays; state and note events arrive in time order', async ({ page }) => {
  await openExample(page, '?speed=10&pace=exact');
  const player = iframe(page).getByTestId('player');
  await expect(player).toHaveAttribute('data-status', 'idle');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // a lesson stops at the next note
  await expect(player).toHaveAttribute('data-status', 'note');
  await expect(iframe(page).getByTestId('note')).toHaveAttribute('data-index', '0');
  await send(page, { cmd: 'next-note' });
  await expect(iframe(page).getByTestId('note')).toHaveAttribute('data-index', '1');
  // messages are delivered asynchronously: wait for the one about the note now shown
  await expect.poll(async () => (await events(page)).some((e) => e.type === 'note' && e.index === 1)).toBe(true);
  const evs = (await events(page)).filter((e) => e.type === 'state' || e.type === 'note');
  expect(evs.filter((e) => e.type === 'state').map((e) => `${e.peer} ${e.to}`)).toEqual(
    expect.arrayContaining(['server LISTEN', 'client SYN_SENT', 'client ESTABLISHED', 'client FIN_WAIT_1']),
  );
  const times = evs.map((e) => e.t as number);
  expect(times).toEqual([...times].sort((a, b) => a - b));
  expect(evs.filter((e) => e.type === 'note').map((e) => e.index)).toEqual([0, 1]);
  // the first note (t = 2 s, the client's close) comes after the state change it describes
  const firstNote = evs.findIndex((e) => e.type === 'note');
  expect(evs.slice(0, firstNote).map((e) => e.to)).toContain('FIN_WAIT_1');
});

test('commands from an origin that is not allowed are ignored', async ({ page }) => {
  await openExample(page, '?allow=https://docs.example.org');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await send(page, { cmd: 'seek', t: 3 });
  await send(page, { cmd: 'nonsense' });
  // the frame answers allowed origins even to a bad command; use that as the sync point for "nothing happened"
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  await expect(iframe(page).getByTestId('player')).toHaveAttribute('data-status', 'idle');
  await expect(iframe(page).getByTestId('sim-time')).toHaveAttribute('data-seconds', '0');
  expect((await events(page)).filter((e) => e.type === 'error')).toEqual([]);
});

test('a command with a bad shape gets an error message, and the frame keeps working', async ({ page }) => {
  await openExample(page, '?speed=10&pace=exact');
  await send(page, { cmd: 'seek', t: 'soon' });
  await send(page, { cmd: 'fly' });
  await expect.poll(async () => (await events(page)).filter((e) => e.type === 'error')).toEqual([
    { source: 'tcp-state-sim', type: 'error', cmd: 'seek', message: expect.stringMatching(/^t: expected seconds/) },
    { source: 'tcp-state-sim', type: 'error', cmd: 'fly', message: expect.stringMatching(/unknown command "fly"/) },
  ]);
  await send(page, { cmd: 'load', s: 'garbage' });
  await expect.poll(async () => (await events(page)).filter((e) => e.type === 'error').length).toBe(3);
  // next-note plays on to the next note: teardown's first is at 2 s
  await send(page, { cmd: 'next-note' });
  await expect(iframe(page).getByTestId('note')).toHaveAttribute('data-index', '0');
  await expect(iframe(page).getByTestId('sim-time')).toHaveAttribute('data-seconds', '2');
});

test('autoplay waits until the element is on screen, and pauses when it scrolls away', async ({ page }) => {
  await page.setViewportSize({ width: 700, height: 450 });
  await page.goto('./embed-example.html');
  const el = page.locator('tcp-state-sim');
  await el.evaluate((n) => n.setAttribute('lesson', '0'));
  const player = elementFrame(page).getByTestId('player');
  await expect.poll(async () => page.evaluate(() => (window as unknown as { elementEvents: { event: string }[] }).elementEvents.filter((e) => e.event === 'tcp-ready').length)).toBeGreaterThan(0);
  await expect(player).toHaveAttribute('data-status', 'idle');
  await expect(elementFrame(page).getByTestId('sim-time')).toHaveAttribute('data-seconds', '0');
  await el.scrollIntoViewIfNeeded();
  await expect(player).toHaveAttribute('data-status', 'playing');
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(player).toHaveAttribute('data-status', 'paused');
  // the clock shown may still take the frame that was under way when the pause came: read it
  // once two reads 100 ms apart agree, then it must stay put
  const simTime = elementFrame(page).getByTestId('sim-time');
  const settled = async () => {
    const a = await simTime.getAttribute('data-seconds');
    await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
    return a === (await simTime.getAttribute('data-seconds'));
  };
  await expect.poll(settled).toBe(true);
  const t = await simTime.getAttribute('data-seconds');
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  await expect(simTime).toHaveAttribute('data-seconds', t!);
  // the element re-emits the frame's events
  const names = await page.evaluate(() => (window as unknown as { elementEvents: { event: string }[] }).elementEvents.map((e) => e.event));
  expect(names).toContain('tcp-state');
});

test('the ladder\'s zoom buttons never cover a lane title, and the titles and the now label are whole, in both languages at both sizes', async ({ page }) => {
  for (const lang of ['en', 'zh-CN']) {
    for (const size of [{ width: 700, height: 450 }, { width: 360, height: 640 }]) {
      await page.setViewportSize(size);
      await page.goto(`./?scenario=teardown&embed=1&lang=${lang}`);
      await expect(page.getByTestId('sequence-now')).toBeVisible();
      expect(await ladderHeadProblems(page), `${lang} ${size.width}×${size.height}`).toEqual([]);
    }
  }
});

test('screenshots of the embed at both sizes in both languages', async ({ page }) => {
  test.setTimeout(90_000);
  for (const lang of ['en', 'zh-CN']) {
    for (const size of [{ width: 700, height: 450 }, { width: 360, height: 640 }]) {
      await page.setViewportSize(size);
      await page.goto(`./?scenario=teardown&embed=1&lang=${lang}&t=2.3`);
      await expect(page.getByTestId('note')).toHaveAttribute('data-index', '4');
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(size.height);
      expect(await ladderHeadProblems(page), `${lang} ${size.width}×${size.height}`).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/embed-${size.width}x${size.height}-${lang}.png` });
      if (lang === 'zh-CN') expect(await englishIn(page), `${size.width}×${size.height}`).toEqual([]);
    }
  }
});


/** A language's dictionary chunk (the core of its texts, not a part). */
const DICT_CHUNK = (lang: string) => new RegExp(`/assets/${lang}-[A-Za-z0-9_-]{8}\\.js$`);

// `named`: how the notice, in the embed's language, names the texts that failed
for (const { from, to, named } of [
  { from: 'en', to: 'zh-CN', named: 'the Chinese texts' },
  { from: 'zh-CN', to: 'en', named: '英文文本' },
])
  test(`set-lang ${to} whose texts fail: the embed stays whole in ${from} with the notice, the host hears an error; Try again switches`, async ({ page }) => {
    await openExample(page, `?lang=${from}`);
    // the frame at the size of a documentation page's embed
    await page.addStyleTag({ content: '#frame { width: 700px !important; height: 450px !important; }' });
    const frame = iframe(page);
    const title = await frame.locator('h1').textContent();
    const note = await frame.getByTestId('note').textContent();
    await page.route(DICT_CHUNK(to), (r) => r.abort('internetdisconnected'));
    await send(page, { cmd: 'set-lang', lang: to });

    const failed = frame.getByTestId('load-failed');
    await expect(failed).toBeVisible();
    await expect(failed).toContainText(named);
    await expect(failed).toHaveAttribute('data-reason', 'unreachable');
    await expect(failed.getByRole('button', { name: from === 'en' ? 'Try again' : '重试' })).toBeVisible();
    // nothing of the other language, not even its name; the sentence says why in the embed's language
    await expect(frame.locator('html')).toHaveAttribute('lang', from);
    await expect(frame.locator('h1')).toHaveText(title!);
    await expect(frame.getByTestId('note')).toHaveText(note!);
    const visible = await frame.locator('body').innerText();
    expect(visible).not.toMatch(from === 'en' ? /[\u4e00-\u9fff]/ : /Failed|fetch|module|http/);
    if (from === 'zh-CN') expect(await failed.innerText()).not.toMatch(/[A-Za-z]/);
    // the host is told, in the protocol's words (an `error` event naming the command)
    await expect
      .poll(async () => (await events(page)).filter((e) => e.type === 'error'))
      .toEqual([{ source: 'tcp-state-sim', type: 'error', cmd: 'set-lang', message: expect.stringMatching(new RegExp(`^lang: could not load the ${to} texts: .*Failed to fetch`)) }]);
    await page.locator('#frame').screenshot({ path: `${SHOTS}/embed-700x450-${from}-lang-failed.png` });

    await page.unroute(DICT_CHUNK(to));
    await failed.getByRole('button', { name: from === 'en' ? 'Try again' : '重试' }).click();
    await expect(frame.locator('html')).toHaveAttribute('lang', to);
    await expect(frame.getByTestId('load-failed')).toHaveCount(0);
    await expect(frame.locator('h1')).not.toHaveText(title!);
    if (to === 'zh-CN') {
      await expect(frame.locator('h1')).toHaveText(/[\u4e00-\u9fff]/);
      expect(await englishIn(page, frame.locator('body'))).toEqual([]);
    } else await expect(frame.locator('h1')).not.toHaveText(/[\u4e00-\u9fff]/);
    // Try again is the reader's, not a command: no second error, nor one for its success
    expect((await events(page)).filter((e) => e.type === 'error')).toHaveLength(1);
  });
