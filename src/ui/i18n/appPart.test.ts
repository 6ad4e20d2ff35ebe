/**
 * The app part of the dictionary (parts/app.*.ts) is loaded by the full app only (main.tsx). Every
 * other page (the embed, the packetdrill view and its embed, the fleet page, and start-up itself)
 * would show a bare key for one of its texts. So: no module such a page can load, statically or on
 * demand, names a key of that part, either as a string or as the fixed head of a template
 * (`status.${s}`) or of a concatenation ('status.' + s).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { texts as appEn } from './parts/app.en.ts';
import { texts as appZh } from './parts/app.zh-CN.ts';
import { textPairProblems } from './textPairs.ts';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const at = (p: string) => resolve(SRC, p);
const IMPORT = /(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
/** the dictionaries name every key: they are not uses */
const DICTIONARY = /\/i18n\/(en|zh-CN)\.ts$|\/i18n\/parts\//;

/** The source modules reachable from `roots` through static and dynamic imports, never entering `skip`. */
function reach(roots: string[], skip: string[] = []): string[] {
  const seen = new Set<string>();
  const todo = roots.map(at);
  const skipped = new Set(skip.map(at));
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f) || skipped.has(f)) continue;
    seen.add(f);
    for (const m of readFileSync(f, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      if (!spec.startsWith('.')) continue;
      const p = resolve(dirname(f), spec.split('?')[0]!);
      if (/\.tsx?$/.test(p) && existsSync(p)) todo.push(p);
    }
  }
  return [...seen].map((f) => relative(SRC, f)).sort();
}

/** Each key of `keys` that `files` name, with the first file naming it. */
function keysUsed(files: string[], keys: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files) {
    if (DICTIONARY.test(`/${f}`)) continue;
    const src = readFileSync(at(f), 'utf8');
    const literals = new Set([...src.matchAll(/['"`]([A-Za-z][\w. -]*)['"`]/g)].map((m) => m[1]!));
    const heads = [...src.matchAll(/`([A-Za-z][\w.-]*\.)\$\{/g), ...src.matchAll(/['"]([A-Za-z][\w.-]*\.)['"]\s*\+/g)].map((m) => m[1]!);
    for (const k of keys) if (!out.has(k) && (literals.has(k) || heads.some((h) => k.startsWith(h)))) out.set(k, f);
  }
  return out;
}

/** Everything a page other than the full app can load: main.tsx picks the page; App.tsx is the app's. */
const notApp = reach(['ui/main.tsx'], ['ui/App.tsx']);
const appKeys = Object.keys(appEn);

describe('the app part of the dictionary', () => {
  it('is used by no module a page other than the app can load', () => {
    expect([...keysUsed(notApp, appKeys)].map(([k, f]) => `${k} in ${f}`)).toEqual([]);
  });

  it('the scan reaches every other page, and what they load on demand', () => {
    for (const f of ['ui/docs/EmbedApp.tsx', 'ui/docs/PacketdrillView.tsx', 'ui/fleet/FleetPage.tsx', 'ui/lazy/boot.tsx', 'ui/diagrams/StateInfo.tsx']) expect(notApp).toContain(f);
    expect(notApp).not.toContain('ui/App.tsx');
  });

  it('the scan sees keys named as strings and by template heads (it finds the app’s own uses)', () => {
    const used = keysUsed(reach(['ui/App.tsx']), appKeys);
    expect(used.get('peers.listen')).toBeDefined();
    expect(used.get('status.delivered')).toBe('ui/panels/Inspector.tsx');
    // and the embed's own texts, which stay in the dictionary every page loads
    expect(keysUsed(notApp, ['embed.open', 'lazy.retry', 'reason.loss']).size).toBe(3);
  });

  it('says the same in both languages', () => {
    // texts made of parameters and punctuation, and a tool's name
    expect(textPairProblems(appEn, appZh, ['timers.of', 'log.transition', 'pkt.header', 'insp.paren', 'lesson.jumpLabel'])).toEqual([]);
  });
});
