/**
 * Load-failure notices: one notice however many chunks failed (in the embed and in the app), never
 * over the embed's title, and sentences whose lines read well in both languages at every size the
 * project supports (no last line holding one character, "试。" under a full line of Chinese).
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { open, SHOTS } from './helpers.ts';
import { en } from '../src/ui/i18n/en.ts';
import { zhCN } from '../src/ui/i18n/zh-CN.ts';
import { texts as appEn } from '../src/ui/i18n/parts/app.en.ts';
import { texts as appZh } from '../src/ui/i18n/parts/app.zh-CN.ts';

test.describe.configure({ timeout: 90_000 });
expect.configure({ timeout: 15_000 });

type Lang = 'en' | 'zh-CN';
const OTHER: Record<Lang, Lang> = { en: 'zh-CN', 'zh-CN': 'en' };
const RETRY: Record<Lang, string> = { en: 'Try again', 'zh-CN': '重试' };
const APP_SIZES = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
];
const FRAME_SIZES = [
  { width: 700, height: 450 },
  { width: 360, height: 640 },
];

const ENGINE_CHUNK = /\/assets\/useSimulation-[A-Za-z0-9_-]{8}\.js$/;
/** A language's dictionary chunk (the core of its texts, not a part). */
const DICT_CHUNK = (lang: string) => new RegExp(`/assets/${lang}-[A-Za-z0-9_-]{8}\\.js$`);
const PART_CHUNK = (part: string, lang: string) => new RegExp(`/assets/${part}\\.${lang}-[A-Za-z0-9_-]{8}\\.js$`);

/**
 * The lines of each text matching `select` in `root`, as laid out, read from the layout itself: each
 * character's box (a Range over it in its text node, getClientRects), a new line wherever a box
 * starts below the line before. With `sentences`: the lines each of them would take, laid out in a
 * copy of `root` beside it (same width, same styles) whose first `select` holds the sentence.
 */
function laidLines(root: Element, { select, sentences }: { select: string; sentences: readonly string[] | null }): string[][] {
  const linesOf = (el: Element): string[] => {
    const lines: string[] = [];
    let top: number | null = null;
    const range = document.createRange();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      let at = 0;
      for (const c of n.data) {
        range.setStart(n, at);
        range.setEnd(n, at + c.length);
        at += c.length;
        const box = [...range.getClientRects()].find((r) => r.width > 0);
        if (!box) continue;
        if (top === null || box.top > top + box.height / 2) {
          lines.push('');
          top = box.top;
        }
        lines[lines.length - 1] += c;
      }
    }
    return lines;
  };
  if (!sentences) return [...root.querySelectorAll(select)].map(linesOf);
  const copy = root.cloneNode(true) as HTMLElement;
  copy.removeAttribute('data-testid');
  root.after(copy);
  const text = copy.querySelector(select)!;
  const out = sentences.map((s) => {
    text.textContent = s;
    return linesOf(text);
  });
  copy.remove();
  return out;
}

/** The lines with less than three visible characters: a lone character, a character and its full stop, a pair of punctuation marks. */
const shortLines = (lines: readonly string[]): string[] => (lines.length > 1 ? lines.filter((l) => [...l.replace(/\s/g, '')].length < 3) : []);

/** The sentence's lines of the notice in `root`, with the short ones. */
/** The one notice for the engine and the other language's texts failing together: both named in one sentence, one Try again. */
async function expectEngineAndTextsNamed(failed: Locator, lang: Lang) {
  await expect(failed).toHaveAttribute('data-count', '2');
  await expect(failed).toHaveCount(1);
  const names = lang === 'en' ? ['the simulation engine', 'the Chinese texts'] : ['模拟引擎', '英文文本'];
  for (const n of names) await expect(failed).toContainText(n);
  await expect(failed.locator('.load-failed-text')).toHaveText(
    lang === 'en'
      ? 'Could not load the simulation engine and the Chinese texts: their files could not be downloaded (a network or server problem). Check the network connection and try again.'
      : '无法加载模拟引擎和英文文本：文件无法下载（网络或服务器问题）。请检查网络连接后重试。',
  );
  await expect(failed.getByRole('button', { name: RETRY[lang] })).toHaveCount(1);
}

async function noticeLines(root: Locator): Promise<{ lines: string[]; short: string[] }> {
  const [lines] = await root.getByTestId('load-failed').evaluate(laidLines, { select: '.load-failed-text', sentences: null });
  return { lines: lines!, short: shortLines(lines!) };
}

/**
 * Every sentence a load-failure notice can say in `lang` (each reason, with the things that may
 * fail alone or together), laid out in a copy of the notice shown in `root`: those with a short
 * line, as their lines.
 */
async function everySentenceShort(root: Locator, lang: Lang): Promise<string[]> {
  const d: Record<string, string> = lang === 'en' ? { ...en, ...appEn } : { ...zhCN, ...appZh };
  const and = (xs: string[]) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(xs);
  const things = [d['lazy.boot']!, d['lazy.panel']!, d['lazy.engine']!, d['lazy.langEn']!, d['lazy.langZh']!, d['lazy.link']!, d['lazy.scenario']!.replace('{id}', 'fin-wait-2-timeout')];
  const several = [and([d['lazy.engine']!, d[lang === 'en' ? 'lazy.langZh' : 'lazy.langEn']!]), and([d['lazy.engine']!, d['lazy.scenario']!.replace('{id}', 'lost-fin'), d['lazy.langZh']!])];
  const reasons = (many: boolean): [string, string][] => [
    [d['lazy.offline']!, d['lazy.checkNetwork']!],
    [d[many ? 'lazy.unreachableAll' : 'lazy.unreachable']!, d['lazy.checkNetwork']!],
    [d['lazy.unexpected']!, d['lazy.reloadIfAgain']!],
  ];
  const sentences = [...things.map((w) => [w, false] as const), ...several.map((w) => [w, true] as const)].flatMap(([what, many]) =>
    reasons(many).map(([why, advice]) => d['lazy.failed']!.replace('{what}', what).replace('{why}', why).replace('{advice}', advice)),
  );
  expect(sentences.length).toBe(27);
  const laid = await root.getByTestId('load-failed').evaluate(laidLines, { select: '.load-failed-text', sentences });
  return laid.filter((ls) => shortLines(ls).length > 0).map((ls) => ls.join(' ⏎ '));
}

/** Whether two boxes overlap. */
const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

for (const lang of ['en', 'zh-CN'] as const)
  test(`the start-up failure's notice in ${lang}: no line of one character at ${APP_SIZES.map((s) => `${s.width}×${s.height}`).join(', ')}`, async ({ page }) => {
    // the review's case: the capture panel's texts blocked, the page cannot start
    await page.route(PART_CHUNK('capture', lang), (r) => r.abort('internetdisconnected'));
    await page.setViewportSize(APP_SIZES[0]!);
    await page.goto(`./?scenario=teardown&lang=${lang}`);
    const failed = page.getByTestId('load-failed');
    await expect(failed).toBeVisible();
    for (const size of APP_SIZES) {
      await page.setViewportSize(size);
      const { lines, short } = await noticeLines(page.locator('main'));
      expect(short, `${size.width}×${size.height}: ${lines.join(' ⏎ ')}`).toEqual([]);
      expect(await everySentenceShort(page.locator('main'), lang), `${size.width}×${size.height}`).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/notice-boot-${lang}-${size.width}.png` });
    }
  });

for (const lang of ['en', 'zh-CN'] as const)
  test(`the app in ${lang}: the engine and a language switch fail together: one notice naming both, whole lines at every size; one Try again brings both`, async ({ page }) => {
    await page.setViewportSize(APP_SIZES[0]!);
    await open(page, `scenario=teardown&lang=${lang}`);
    await page.waitForLoadState('networkidle');
    const to = OTHER[lang];
    await page.route(ENGINE_CHUNK, (r) => r.abort('internetdisconnected'));
    await page.route(DICT_CHUNK(to), (r) => r.abort('internetdisconnected'));
    // the pointer over Play is a sign of use: the engine's fetch starts, and fails
    await page.getByTestId('play').hover();
    const failed = page.getByTestId('load-failed');
    await expect(failed).toBeVisible();
    await page.getByTestId(`lang-${to}`).click();
    await expectEngineAndTextsNamed(failed, lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    for (const size of APP_SIZES) {
      await page.setViewportSize(size);
      const { lines, short } = await noticeLines(page.getByTestId('notices'));
      expect(short, `${size.width}×${size.height}: ${lines.join(' ⏎ ')}`).toEqual([]);
      expect(await everySentenceShort(page.getByTestId('notices'), lang), `${size.width}×${size.height}`).toEqual([]);
      // over the page, inside the window
      const box = (await failed.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(size.width);
      expect(box.y + box.height).toBeLessThanOrEqual(size.height);
      await page.screenshot({ path: `${SHOTS}/notice-app-two-${lang}-${size.width}.png` });
    }
    await page.setViewportSize(APP_SIZES[0]!);
    await page.unroute(ENGINE_CHUNK);
    await page.unroute(DICT_CHUNK(to));
    await failed.getByRole('button', { name: RETRY[lang] }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', to);
    await expect(failed).toHaveCount(0);
    // the engine is here: a step moves the clock
    await page.getByTestId('step').click();
    await expect(page.getByTestId('sim-time')).not.toHaveAttribute('data-seconds', '0');
  });

async function openExample(page: Page, query: string) {
  await page.goto(`./embed-example.html${query}`);
  await expect(page.frameLocator('#frame').getByTestId('player')).toBeVisible();
  await expect.poll(() => events(page, 'ready')).toHaveLength(1);
}

const events = (page: Page, type: string) => page.evaluate((t) => (window as unknown as { frameEvents: { type: string }[] }).frameEvents.filter((e) => e.type === t), type);

async function send(page: Page, data: Record<string, unknown>) {
  await page.evaluate((d) => (document.getElementById('frame') as HTMLIFrameElement).contentWindow!.postMessage({ target: 'tcp-state-sim', ...d }, location.origin), data);
}

/** The frame at a documentation page's size (fixed: the page would otherwise follow its resize messages). */
async function sizeFrame(page: Page, size: { width: number; height: number }) {
  await page.addStyleTag({ content: `#frame { width: ${size.width}px !important; height: ${size.height}px !important; }` });
  await expect.poll(() => page.locator('#frame').evaluate((f) => (f as HTMLIFrameElement).contentWindow!.innerWidth)).toBe(size.width);
}

/** Whether what is drawn at the middle of `target` is `target` itself (nothing over it). */
const uncovered = (target: Locator) =>
  target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && el.contains(hit);
  });

for (const lang of ['en', 'zh-CN'] as const)
  test(`the embed in ${lang}: the engine and set-lang fail together: one notice, the title and the note uncovered, whole lines in 700×450 and 360×640 frames; Try again brings both`, async ({ page }) => {
    await openExample(page, `?lang=${lang}`);
    await sizeFrame(page, FRAME_SIZES[0]!);
    const frame = page.frameLocator('#frame');
    const title = frame.locator('h1');
    const note = frame.getByTestId('note');
    const titleText = await title.textContent();
    const to = OTHER[lang];
    await page.route(ENGINE_CHUNK, (r) => r.abort('internetdisconnected'));
    await page.route(DICT_CHUNK(to), (r) => r.abort('internetdisconnected'));
    // Play from the host: queued until the engine is here, whose fetch fails
    await send(page, { cmd: 'play' });
    const failed = frame.getByTestId('load-failed');
    await expect(failed).toBeVisible();
    await send(page, { cmd: 'set-lang', lang: to });
    await expectEngineAndTextsNamed(failed, lang);
    // the host still hears the failed command, in the protocol's words
    await expect.poll(() => events(page, 'error')).toEqual([expect.objectContaining({ source: 'tcp-state-sim', type: 'error', cmd: 'set-lang', message: expect.stringMatching(new RegExp(`^lang: could not load the ${to} texts: `)) })]);
    await expect(frame.locator('html')).toHaveAttribute('lang', lang);

    for (const size of FRAME_SIZES) {
      await sizeFrame(page, size);
      await expect(title).toBeVisible();
      await expect(title).toHaveText(titleText!);
      const [t, n, f] = [(await title.boundingBox())!, (await note.boundingBox())!, (await failed.boundingBox())!];
      expect(overlap(t, f), `${size.width}×${size.height}: the notice over the title`).toBe(false);
      expect(overlap(n, f), `${size.width}×${size.height}: the notice over the note`).toBe(false);
      expect(await uncovered(title)).toBe(true);
      expect(await uncovered(note)).toBe(true);
      // the control bar is still on screen
      const frameBox = (await page.locator('#frame').boundingBox())!;
      const play = (await frame.getByTestId('play').boundingBox())!;
      expect(play.y + play.height).toBeLessThanOrEqual(frameBox.y + frameBox.height + 0.5);
      const { lines, short } = await noticeLines(frame.locator('body'));
      expect(short, `${size.width}×${size.height}: ${lines.join(' ⏎ ')}`).toEqual([]);
      expect(await everySentenceShort(frame.locator('body'), lang), `${size.width}×${size.height}`).toEqual([]);
      await page.locator('#frame').screenshot({ path: `${SHOTS}/notice-embed-two-${lang}-${size.width}x${size.height}.png` });
    }

    await sizeFrame(page, FRAME_SIZES[0]!);
    await page.unroute(ENGINE_CHUNK);
    await page.unroute(DICT_CHUNK(to));
    await failed.getByRole('button', { name: RETRY[lang] }).click();
    await expect(frame.locator('html')).toHaveAttribute('lang', to);
    await expect(failed).toHaveCount(0);
    await expect(title).not.toHaveText(titleText!);
    // the engine is here and the Play asked for while it failed is done: the lesson plays to its first note
    await expect(frame.getByTestId('player')).toHaveAttribute('data-status', 'note', { timeout: 20_000 });
    // no further error reached the host
    expect(await events(page, 'error')).toHaveLength(1);
  });

for (const lang of ['en', 'zh-CN'] as const)
  test(`the link-problems alert in ${lang}, in the app and in the embed: no line of one character`, async ({ page }) => {
    // a bad value and an unknown parameter: the alert's title and two items
    const query = `scenario=teardown&speed=fast&colour=red&lang=${lang}`;
    const check = async (where: string) => {
      const alert = page.getByTestId('url-problems');
      await expect(alert.locator('li')).toHaveCount(2);
      const laid = await alert.evaluate(laidLines, { select: 'strong, li', sentences: null });
      const short = laid.filter((ls) => shortLines(ls).length > 0).map((ls) => ls.join(' ⏎ '));
      expect(short, where).toEqual([]);
    };
    for (const size of APP_SIZES) {
      await page.setViewportSize(size);
      await page.goto(`./?${query}`);
      await check(`app ${size.width}×${size.height}`);
    }
    for (const size of FRAME_SIZES) {
      await page.setViewportSize(size);
      await page.goto(`./?${query}&embed=1`);
      await check(`embed ${size.width}×${size.height}`);
      await page.screenshot({ path: `${SHOTS}/notice-embed-url-${lang}-${size.width}x${size.height}.png` });
    }
  });
