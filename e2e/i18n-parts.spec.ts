/**
 * The texts of panels and views no embed shows on its first screen (knobs, scenario editor, capture,
 * packetdrill) are parts of each language's dictionary of their own (src/ui/i18n/parts.ts): never
 * fetched by an embed, fetched with the UI that shows them, in the page's language, before it renders.
 */
import { expect, test } from '@playwright/test';
import type { Locator } from '@playwright/test';
import { open, scripts } from './helpers.ts';
import { englishIn } from './zhText.ts';

const PARTS = ['knobs', 'editor', 'capture', 'pkt'];
const PART_CHUNK = (part: string, lang: string) => new RegExp(`/assets/${part}\\.${lang}-[A-Za-z0-9_-]{8}\\.js$`);


/** Dictionary keys shown as text (a part that was not there when its UI rendered). */
async function rawKeys(root: Locator): Promise<string[]> {
  const text = await root.evaluate((el) => [el.textContent ?? '', ...[...el.querySelectorAll('[title], [aria-label]')].flatMap((e) => [e.getAttribute('title') ?? '', e.getAttribute('aria-label') ?? ''])].join('\n'));
  return text.match(/\b(?:knobs?|editor|capture|pkt|unit|lazy)\.[A-Za-z_.]+[A-Za-z]/g) ?? [];
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
  expect(fetched()).toEqual(expect.arrayContaining(['zh-CN', 'capture.zh-CN']));
  for (const moved of ['knobs.zh-CN', 'editor.zh-CN', 'pkt.zh-CN', 'en', 'capture.en']) expect(fetched(), moved).not.toContain(moved);
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
  expect(fetched().slice(before).sort()).toEqual(['capture.en', 'editor.en', 'en', 'knobs.en']);
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
  for (const other of ['knobs.zh-CN', 'editor.zh-CN', 'capture.zh-CN', 'pkt.en']) expect(fetched(), other).not.toContain(other);
});
