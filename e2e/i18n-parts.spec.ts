/**
 * The texts of panels and views no embed shows on its first screen (knobs, scenario editor, capture,
 * packetdrill) are parts of each language's dictionary of their own (src/ui/i18n/parts.ts): never
 * fetched by an embed, fetched with the UI that shows them, in the page's language, before it renders.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { open, scripts, SHOTS } from './helpers.ts';
import { englishIn } from './zhText.ts';
import { en } from '../src/ui/i18n/en.ts';
import { texts as knobsEn } from '../src/ui/i18n/parts/knobs.en.ts';
import { texts as editorEn } from '../src/ui/i18n/parts/editor.en.ts';
import { texts as captureEn } from '../src/ui/i18n/parts/capture.en.ts';
import { texts as pktEn } from '../src/ui/i18n/parts/pkt.en.ts';
import { texts as appEn } from '../src/ui/i18n/parts/app.en.ts';

const PARTS = ['knobs', 'editor', 'capture', 'pkt', 'app'];
const PART_CHUNK = (part: string, lang: string) => new RegExp(`/assets/${part}\\.${lang}-[A-Za-z0-9_-]{8}\\.js$`);

/** The texts of an English part (long ones by their first words) found in the page's visible text, titles and labels. */
async function partEnglish(page: Page, part: Readonly<Record<string, string>>): Promise<string[]> {
  const shown = await page.locator('body').evaluate((el) => [(el as HTMLElement).innerText, ...[...el.querySelectorAll('[title], [aria-label]')].flatMap((e) => [e.getAttribute('title') ?? '', e.getAttribute('aria-label') ?? ''])].join('\n'));
  return Object.values(part)
    .map((v) => v.split('{')[0]!.slice(0, 30).trim())
    .filter((v) => v.length > 3 && shown.includes(v));
}

/** Every key with a dot of the dictionary and its parts (a text shown as its key is one of these). */
const KEYS = [en, knobsEn, editorEn, captureEn, pktEn, appEn].flatMap((d) => Object.keys(d)).filter((k) => k.includes('.'));

/** Dictionary keys shown as text (a part that was not there when its UI rendered). */
async function rawKeys(root: Locator): Promise<string[]> {
  const text = await root.evaluate((el) => [el.textContent ?? '', ...[...el.querySelectorAll('[title], [aria-label]')].flatMap((e) => [e.getAttribute('title') ?? '', e.getAttribute('aria-label') ?? ''])].join('\n'));
  return KEYS.filter((k) => text.includes(k));
}

test('an embed in Chinese fetches none of the parts: only its dictionary', async ({ page }) => {
  const fetched = scripts(page);
  await open(page, 'scenario=teardown&embed=1&lang=zh-CN');
  await page.waitForLoadState('networkidle');
  expect(fetched()).toContain('zh-CN');
  for (const part of PARTS) for (const lang of ['en', 'zh-CN']) expect(fetched(), `${part}.${lang}`).not.toContain(`${part}.${lang}`);
});

test('the app in Chinese: the capture panel’s texts at once, the knobs’ and the editor’s with their panels, all in Chinese; a switch of language brings their English', async ({ page }) => {
  const fetched = scripts(page);
  await open(page, 'scenario=teardown&lang=zh-CN');
  await page.waitForLoadState('networkidle');
  expect(fetched()).toEqual(expect.arrayContaining(['zh-CN', 'capture.zh-CN', 'app.zh-CN']));
  for (const moved of ['knobs.zh-CN', 'editor.zh-CN', 'pkt.zh-CN', 'en', 'capture.en', 'app.en']) expect(fetched(), moved).not.toContain(moved);
  const capture = page.getByTestId('capture-panel');
  await capture.locator('summary').click();
  await expect(capture.locator('summary')).toHaveText('抓包（Wireshark）');
  expect(await rawKeys(capture)).toEqual([]);
  expect(await englishIn(page, capture)).toEqual([]);

  await page.locator('summary', { hasText: '参数' }).click();
  const help = page.getByTestId('knob-help');
  await expect(help.first()).toBeVisible();
  expect(fetched()).toContain('knobs.zh-CN');
  const knobs = page.locator('details', { has: page.locator('summary', { hasText: '参数' }) });
  // knob names are the kernel's (English words): each knob's help and default are what must be Chinese
  expect(await rawKeys(knobs)).toEqual([]);
  for (const d of await knobs.locator('.knob-def').allTextContents()) expect(d).toMatch(/[\u4e00-\u9fff]/);
  for (const h of await help.allTextContents()) expect(h).toMatch(/[\u4e00-\u9fff]/);

  await page.getByTestId('editor-open').click();
  const editor = page.getByTestId('editor');
  await expect(editor).toBeVisible();
  expect(fetched()).toContain('editor.zh-CN');
  expect(await rawKeys(editor)).toEqual([]);
  expect(await englishIn(page, editor)).toEqual([]);
  expect(fetched()).not.toContain('pkt.zh-CN');

  // English: the open panels' parts come with the dictionary, before the page re-renders (no key, no Chinese)
  const before = fetched().length;
  await page.getByTestId('lang-en').click();
  await expect(page.locator('h1')).toHaveText('TCP state machine simulator');
  expect(fetched().slice(before).sort()).toEqual(['app.en', 'capture.en', 'editor.en', 'en', 'knobs.en']);
  expect(await rawKeys(page.locator('body'))).toEqual([]);
  for (const h of await help.allTextContents()) expect(h).not.toMatch(/[\u4e00-\u9fff]/);
  await expect(page.getByLabel('time_wait_len', { exact: true })).toBeVisible();
  await expect(capture.locator('summary')).toHaveText('Capture (Wireshark)');
  await expect(editor.getByTestId('editor-use')).toHaveText('Use this scenario');
});

test('the knobs’ texts fail to arrive: the load-failed notice and Try again, then the panel in Chinese', async ({ page }) => {
  await page.route(PART_CHUNK('knobs', 'zh-CN'), (r) => r.abort('internetdisconnected'));
  await open(page, 'scenario=teardown&lang=zh-CN');
  await page.locator('summary', { hasText: '参数' }).click();
  const failed = page.getByTestId('load-failed');
  await expect(failed).toBeVisible();
  await expect(failed.getByRole('button')).toHaveText('重试');
  await expect(page.getByTestId('knob-help')).toHaveCount(0);
  await page.unroute(PART_CHUNK('knobs', 'zh-CN'));
  await failed.getByRole('button').click();
  await expect(page.getByTestId('knob-help').first()).toBeVisible();
  await expect(failed).toHaveCount(0);
  for (const h of await page.getByTestId('knob-help').allTextContents()) expect(h).toMatch(/[\u4e00-\u9fff]/);
});

test('the packetdrill view in Chinese fetches its own part, and no other', async ({ page }) => {
  const fetched = scripts(page);
  await page.goto('./?view=packetdrill&lang=zh-CN');
  await expect(page.locator('h1')).toHaveText('packetdrill 脚本');
  await page.getByTestId('pkt-example').selectOption('common/active-close.pkt');
  await page.getByTestId('pkt-run').click();
  await expect(page.getByTestId('pkt-verdict')).toHaveAttribute('data-status', 'pass');
  expect(await rawKeys(page.locator('body'))).toEqual([]);
  expect(await englishIn(page)).toEqual([]);
  expect(fetched()).toEqual(expect.arrayContaining(['zh-CN', 'pkt.zh-CN']));
  for (const other of ['knobs.zh-CN', 'editor.zh-CN', 'capture.zh-CN', 'app.zh-CN', 'pkt.en']) expect(fetched(), other).not.toContain(other);
});

for (const { part, english } of [
  { part: 'capture', english: captureEn },
  { part: 'app', english: appEn },
])
  test(`the app in Chinese whose ${part} texts fail to arrive at start: the notice in Chinese, no English from them; Try again brings the app whole in Chinese`, async ({ page }) => {
    const fetched = scripts(page);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.route(PART_CHUNK(part, 'zh-CN'), (r) => r.abort('internetdisconnected'));
    await page.goto('./?scenario=teardown&lang=zh-CN');
    const failed = page.getByTestId('load-failed');
    await expect(failed).toBeVisible();
    await expect(failed).toContainText('无法加载');
    await expect(failed.getByRole('button')).toHaveText('重试');
    await expect(page.locator('h1')).toHaveText('TCP 状态机模拟器');
    expect(await partEnglish(page, english)).toEqual([]);
    // the page never fell back to English for the part (nor for anything else)
    expect(fetched()).not.toContain(`${part}.en`);
    expect(fetched()).not.toContain('en');
    await page.screenshot({ path: `${SHOTS}/i18n-parts-${part}-blocked-zh.png` });

    await page.unroute(PART_CHUNK(part, 'zh-CN'));
    await failed.getByRole('button').click();
    await expect(page.getByTestId('sim-time')).toBeVisible();
    await expect(failed).toHaveCount(0);
    const capture = page.getByTestId('capture-panel');
    await expect(capture.locator('summary')).toHaveText('抓包（Wireshark）');
    await capture.locator('summary').click();
    expect(await rawKeys(capture)).toEqual([]);
    expect(await englishIn(page, capture)).toEqual([]);
    expect(await partEnglish(page, english)).toEqual([]);
    expect(fetched()).not.toContain(`${part}.en`);
    await capture.locator('summary').click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}/i18n-parts-${part}-retried-zh.png` });
  });

test('the packetdrill view in Chinese whose texts fail to arrive: the notice in Chinese, never English; Try again brings the view in Chinese', async ({ page }) => {
  const fetched = scripts(page);
  await page.route(PART_CHUNK('pkt', 'zh-CN'), (r) => r.abort('internetdisconnected'));
  await page.goto('./?view=packetdrill&lang=zh-CN');
  const failed = page.getByTestId('load-failed');
  await expect(failed).toBeVisible();
  await expect(failed).toContainText('无法加载');
  await expect(failed.getByRole('button')).toHaveText('重试');
  expect(await partEnglish(page, pktEn)).toEqual([]);
  expect(fetched()).not.toContain('pkt.en');

  await page.unroute(PART_CHUNK('pkt', 'zh-CN'));
  await failed.getByRole('button').click();
  await expect(page.locator('h1')).toHaveText('packetdrill 脚本');
  await expect(failed).toHaveCount(0);
  expect(await rawKeys(page.locator('body'))).toEqual([]);
  expect(await englishIn(page)).toEqual([]);
  expect(fetched()).not.toContain('pkt.en');
});

for (const view of [
  { name: 'the app', query: 'scenario=teardown', part: 'capture', english: captureEn, title: 'TCP state machine simulator', chineseTitle: 'TCP 状态机模拟器' },
  { name: 'the packetdrill view', query: 'view=packetdrill', part: 'pkt', english: pktEn, title: 'Packetdrill scripts', chineseTitle: 'packetdrill 脚本' },
])
  test(`${view.name}: a switch to Chinese whose ${view.part} texts fail keeps the page in English, whole, with the notice; Try again switches it whole`, async ({ page }) => {
    await page.goto(`./?${view.query}&lang=en`);
    await expect(page.locator('h1')).toHaveText(view.title);
    await page.route(PART_CHUNK(view.part, 'zh-CN'), (r) => r.abort('internetdisconnected'));
    await page.getByTestId('lang-zh-CN').click();
    const failed = page.getByTestId('load-failed').filter({ hasText: 'the Chinese texts' });
    await expect(failed).toBeVisible();
    await expect(failed.getByRole('button', { name: 'Try again' })).toBeVisible();
    await expect(page.locator('h1')).toHaveText(view.title);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    // nothing Chinese but the language's own name (in the switch and the notice)
    const body = await page.locator('body').innerText();
    expect(body.replaceAll('简体中文', '')).not.toMatch(/[\u4e00-\u9fff]/);

    await page.unroute(PART_CHUNK(view.part, 'zh-CN'));
    await failed.getByRole('button', { name: 'Try again' }).click();
    await expect(page.locator('h1')).toHaveText(view.chineseTitle);
    await expect(page.getByTestId('load-failed')).toHaveCount(0);
    expect(await partEnglish(page, view.english)).toEqual([]);
    expect(await rawKeys(page.locator('body'))).toEqual([]);
  });

for (const lang of ['en', 'zh-CN'])
  test(`the app in ${lang} fetches its own part at start, in its language only, and shows it (no key, no other language)`, async ({ page }) => {
    const fetched = scripts(page);
    await open(page, `scenario=teardown&lang=${lang}`);
    expect(fetched()).toContain(`app.${lang}`);
    expect(fetched()).not.toContain(`app.${lang === 'en' ? 'zh-CN' : 'en'}`);
    const panels = { 'timers.title': 'Timers', 'net.title': 'Network', 'insp.title': 'Segment details', 'log.title': 'Event log' } as const;
    for (const [key, en] of Object.entries(panels)) {
      const shown = page.locator('h2, h3').filter({ hasText: lang === 'en' ? en : /[\u4e00-\u9fff]/ }).first();
      await expect(shown, key).toBeVisible();
    }
    expect(await rawKeys(page.locator('body'))).toEqual([]);
    await expect(page.getByText('Event log', { exact: true })).toHaveCount(lang === 'en' ? 1 : 0);
    if (lang === 'zh-CN') {
      await expect(page.getByText('事件日志', { exact: true })).toBeVisible();
      expect(await partEnglish(page, appEn)).toEqual([]);
    }
  });

test('a blocked chunk in Chinese: the notice’s sentence is all Chinese (no browser message), the details hold the browser’s own words', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.route(PART_CHUNK('capture', 'zh-CN'), (r) => r.abort('internetdisconnected'));
  await page.goto('./?scenario=teardown&lang=zh-CN');
  const failed = page.getByTestId('load-failed');
  await expect(failed).toBeVisible();
  await expect(failed).toHaveAttribute('data-reason', 'unreachable');
  // what the reader sees: the sentence, the details' label and the button, with no Latin letter at all
  await expect(failed.locator('.load-failed-text')).toHaveText('无法加载模拟器：文件无法下载（网络或服务器问题）。请检查网络连接后重试。');
  const seen = await failed.innerText();
  expect(seen).not.toContain('Failed to fetch');
  expect(seen).not.toMatch(/[A-Za-z]/);
  const details = failed.locator('details');
  await expect(details.locator('summary')).toHaveText('技术详情');
  await expect(details.locator('code')).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/load-failed-zh-1366.png` });
  // for whoever debugs: the browser's message, naming the chunk, in the details and their tooltip
  const raw = /Failed to fetch dynamically imported module: .*\/assets\/capture\.zh-CN-[A-Za-z0-9_-]{8}\.js/;
  await expect(details).toHaveAttribute('title', raw);
  await details.locator('summary').click();
  await expect(details.locator('code')).toBeVisible();
  await expect(details.locator('code')).toHaveText(raw);
  await expect(failed.locator('.load-failed-text')).not.toContainText('Failed');
  await page.screenshot({ path: `${SHOTS}/load-failed-zh-1366-details.png` });
});

test('a chunk that arrives but breaks is not called a network problem: an unexpected error, in Chinese, with reload advice', async ({ page }) => {
  await page.route(PART_CHUNK('knobs', 'zh-CN'), (r) => r.fulfill({ contentType: 'text/javascript', body: 'throw new Error("knobs part is broken");' }));
  await open(page, 'scenario=teardown&lang=zh-CN');
  await page.locator('summary', { hasText: '参数' }).click();
  const failed = page.getByTestId('load-failed');
  await expect(failed).toHaveAttribute('data-reason', 'other');
  await expect(failed.locator('.load-failed-text')).toHaveText(/^无法加载.+：出现了意外错误。请重试；如果仍然失败，请重新加载页面。$/);
  expect(await failed.innerText()).not.toMatch(/[A-Za-z]/);
  await expect(failed.locator('details')).toHaveAttribute('title', 'knobs part is broken');
});

test('no dictionary at all: the notice in both languages, the browser’s message only in the details', async ({ page }) => {
  const DICT = /\/assets\/(en|zh-CN)-[A-Za-z0-9_-]{8}\.js$/;
  await page.route(DICT, (r) => r.abort('internetdisconnected'));
  await page.goto('./?scenario=teardown&lang=zh-CN');
  const failed = page.getByTestId('load-failed');
  await expect(failed.locator('.load-failed-text')).toHaveText('Could not load the page. 无法加载页面。');
  expect(await failed.innerText()).not.toContain('Failed to fetch');
  await expect(failed.locator('details')).toHaveAttribute('title', /Failed to fetch dynamically imported module: .*\/assets\/(en|zh-CN)-/);
  await page.unroute(DICT);
  await failed.getByRole('button', { name: 'Reload · 重新加载' }).click();
  await expect(page.locator('h1')).toHaveText('TCP 状态机模拟器');
  await expect(failed).toHaveCount(0);
});
