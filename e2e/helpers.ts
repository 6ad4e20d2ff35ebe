import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export const SHOTS = 'test-results/screenshots';

/** Open the app with URL parameters (English unless given), with a fresh language preference. */
export async function open(page: Page, query = '') {
  const q = new URLSearchParams(query);
  if (!q.has('lang')) q.set('lang', 'en');
  await page.goto(`./?${q.toString()}`);
  // the first load can take several seconds on a busy machine
  await expect(page.getByTestId('sim-time')).toBeVisible({ timeout: 15_000 });
}

export const peer = (page: Page, p: 'client' | 'server') => page.getByTestId(`peer-${p}`);

export async function expectState(page: Page, p: 'client' | 'server', state: string) {
  await expect(peer(page, p)).toHaveAttribute('data-tcp-state', state);
}

/** Process events with the "step" button until the predicate holds (bounded). */
export async function stepUntil(page: Page, done: () => Promise<boolean>, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await done()) return;
    await page.getByTestId('step').click();
  }
  throw new Error('condition not reached by stepping');
}

export async function simSeconds(page: Page): Promise<number> {
  return Number(await page.getByTestId('sim-time').getAttribute('data-seconds'));
}

/**
 * Waits until the event log shows the clock's moment: it renders deferred (useDeferredValue), so
 * right after a step or a step back it may still show the moment before. Its last entry is then
 * at the clock's time (or there is no log yet).
 */
export async function logCaughtUp(page: Page): Promise<void> {
  await expect
    .poll(async () => {
      const log = page.getByTestId('event-log');
      if ((await log.count()) === 0) return true;
      const times = (await log.innerText())
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => /^\d+(\.\d+)?$/.test(l));
      return times.length === 0 || Number(times.at(-1)) === (await simSeconds(page));
    })
    .toBe(true);
}

/**
 * What is wrong with the top of the ladder: a zoom button overlapping a lane title, a title not
 * wholly inside the diagram, the "now" label cut by the edge of the scrolling box.
 */
export async function ladderHeadProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const box = (e: Element) => e.getBoundingClientRect();
    const meets = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const inside = (a: DOMRect, b: DOMRect) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
    const seq = document.querySelector('[data-testid="sequence-diagram"]');
    if (!seq) return ['no ladder'];
    const cell = box(seq);
    const titles = [...seq.querySelectorAll('.seq-peer-title')];
    if (titles.length !== 2) out.push(`${titles.length} lane titles`);
    for (const ti of titles) {
      const r = box(ti);
      if (r.width === 0) out.push(`title ${ti.textContent} not shown`);
      if (!inside(r, cell)) out.push(`title ${ti.textContent} cut by the diagram's edge`);
      for (const b of seq.querySelectorAll('.seq-tools button')) if (meets(r, box(b))) out.push(`zoom button ${b.textContent?.trim()} over title ${ti.textContent}`);
    }
    const label = seq.querySelector('.seq-now-label');
    const scroll = seq.querySelector('.seq-scroll');
    if (label && scroll && box(label).width > 0 && !inside(box(label), box(scroll))) out.push(`now label "${label.textContent}" cut`);
    return out;
  });
}

/**
 * Where the ladder's words collide, as a person would see it: each visible text's glyphs (one
 * box per character, rotated with the text) meeting another text's glyphs, an arrow or the now
 * line; and any text drawn smaller than 11 px. Only what is inside the ladder's scroll box counts.
 */
export async function ladderCrowding(page: Page, root = page.getByTestId('sequence-diagram')): Promise<string[]> {
  return root.evaluate((seq) => {
    type P = { x: number; y: number };
    const out: string[] = [];
    const view = seq.querySelector('.seq-scroll')!.getBoundingClientRect();
    const on = (el: Element) => {
      for (let e: Element | null = el; e && e !== seq; e = e.parentElement) {
        const cs = getComputedStyle(e);
        if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0 || e.getAttribute('opacity') === '0') return false;
      }
      return true;
    };
    const shown = (ps: P[]) => ps.some((p) => p.x >= view.left && p.x <= view.right && p.y >= view.top && p.y <= view.bottom);
    const texts: { name: string; quads: P[][]; halo: boolean; el: Element }[] = [];
    for (const t of seq.querySelectorAll<SVGTextElement>('svg text')) {
      if (!on(t) || !t.textContent?.trim()) continue;
      const m = t.getScreenCTM()!;
      const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      const quads: P[][] = [];
      for (let i = 0; i < t.getNumberOfChars(); i++) {
        if (/\s/.test(t.textContent[i] ?? '')) continue;
        const r = t.getExtentOfChar(i);
        // the glyph's ink, not its line box: a quarter of the box off the top (accents) and a bit off the bottom
        const y0 = r.y + r.height * 0.22;
        const y1 = r.y + r.height * 0.92;
        quads.push(
          [
            [r.x + 0.5, y0],
            [r.x + r.width - 0.5, y0],
            [r.x + r.width - 0.5, y1],
            [r.x + 0.5, y1],
          ].map(([x, y]) => new DOMPoint(x, y).matrixTransform(m)).map((p) => ({ x: p.x, y: p.y })),
        );
      }
      if (!quads.length || !shown(quads.flat())) continue;
      const name = `${t.getAttribute('class')} "${t.textContent}"`;
      if (px < 11) out.push(`${name} drawn at ${px.toFixed(1)} px`);
      // a halo (a stroke of the background painted under the glyphs) cuts a line drawn before the text
      const cs = getComputedStyle(t);
      const halo = cs.paintOrder.startsWith('stroke') && parseFloat(cs.strokeWidth) >= 2 && cs.stroke !== 'none';
      texts.push({ name, quads, halo, el: t });
    }
    const lines: { name: string; seg: P[]; el: Element }[] = [];
    for (const l of seq.querySelectorAll<SVGLineElement>('svg line.seq-seg-line, svg line.seq-now')) {
      if (!on(l)) continue;
      const m = l.getScreenCTM()!;
      const seg = [new DOMPoint(l.x1.baseVal.value, l.y1.baseVal.value).matrixTransform(m), new DOMPoint(l.x2.baseVal.value, l.y2.baseVal.value).matrixTransform(m)].map((p) => ({ x: p.x, y: p.y }));
      const g = l.closest('[data-testid="segment"]');
      lines.push({ name: g ? `arrow ${g.getAttribute('data-flags')} #${g.getAttribute('data-id')}` : 'now line', seg, el: l });
    }
    // separating axis test for convex polygons (a segment is a polygon of two points)
    const apart = (a: P[], b: P[]) => {
      for (const poly of [a, b])
        for (let i = 0; i < poly.length; i++) {
          const p = poly[i]!;
          const q = poly[(i + 1) % poly.length]!;
          const nx = q.y - p.y;
          const ny = p.x - q.x;
          if (nx === 0 && ny === 0) continue;
          const pa = a.map((v) => v.x * nx + v.y * ny);
          const pb = b.map((v) => v.x * nx + v.y * ny);
          if (Math.max(...pa) <= Math.min(...pb) || Math.max(...pb) <= Math.min(...pa)) return true;
        }
      return false;
    };
    for (let i = 0; i < texts.length; i++) {
      const a = texts[i]!;
      for (let j = i + 1; j < texts.length; j++) {
        const b = texts[j]!;
        if (a.quads.some((qa) => b.quads.some((qb) => !apart(qa, qb)))) out.push(`${a.name} over ${b.name}`);
      }
      for (const l of lines) {
        if (a.halo && l.name === 'now line' && l.el.compareDocumentPosition(a.el) & Node.DOCUMENT_POSITION_FOLLOWING) continue;
        // a lost segment's ✕ marks where its own arrow stops
        if (a.el.classList.contains('seq-drop-x') && a.el.closest('[data-testid="segment"]') === l.el.closest('[data-testid="segment"]')) continue;
        if (a.quads.some((q) => !apart(q, l.seg))) out.push(`${a.name} on the ${l.name}`);
      }
    }
    return out;
  });
}

/**
 * Ladder words drawn condensed: segment labels squeezed to fit their lane (SVG textLength) by more
 * than a tenth of their width (text, drawn and natural width), and any state name squeezed at all
 * (textLength, lengthAdjust or a scale: a state name keeps its glyphs, its margin makes room or it wraps).
 */
export async function squeezedLabels(page: Page, root = page.getByTestId('sequence-diagram')): Promise<string[]> {
  return root.evaluate((seq) => {
    const out: string[] = [];
    for (const el of seq.querySelectorAll<SVGTextContentElement>('.seq-seg-label, .seq-seg-label tspan')) {
      const forced = el.getAttribute('textLength');
      if (!forced) continue;
      const copy = el.cloneNode(true) as SVGTextContentElement;
      copy.removeAttribute('textLength');
      copy.removeAttribute('lengthAdjust');
      el.parentNode!.appendChild(copy);
      const natural = copy.getComputedTextLength();
      copy.remove();
      if (Number(forced) < 0.9 * natural) out.push(`"${el.textContent}" drawn ${Number(forced).toFixed(0)} wide of ${natural.toFixed(0)}`);
    }
    for (const el of seq.querySelectorAll<SVGTextElement>('.seq-band-label, .seq-band-label tspan')) {
      const name = `state name "${el.textContent}"`;
      if (el.hasAttribute('textLength') || el.hasAttribute('lengthAdjust')) out.push(`${name} condensed to ${el.getAttribute('textLength')}`);
      // a scale on the text or its group: its glyphs narrower than tall
      const m = el.getCTM();
      const g = seq.querySelector('svg')!.getScreenCTM();
      if (m && g && Math.abs(Math.hypot(m.a, m.b) / Math.hypot(m.c, m.d) - 1) > 0.01) out.push(`${name} scaled ${Math.hypot(m.a, m.b).toFixed(2)} × ${Math.hypot(m.c, m.d).toFixed(2)}`);
    }
    return out;
  });
}

/** The script files the page fetches from now on, by chunk name (assets/App-Ab12cd34.js → App). */
export function scripts(page: Page): () => string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const m = /\/assets\/([A-Za-z0-9_.-]+?)-[A-Za-z0-9_-]{8}\.js$/.exec(new URL(r.url()).pathname);
    if (m) seen.push(m[1]!);
  });
  return () => seen;
}

/** The packetdrill view in `lang` with example `file` run (and passed) and its player started at the first line. */
export async function startPacketdrillExample(page: Page, lang: string, file: string): Promise<void> {
  await page.goto(`./?view=packetdrill&lang=${lang}`);
  await page.getByTestId('pkt-example').selectOption(file);
  await page.getByTestId('pkt-run').click();
  await expect(page.getByTestId('pkt-verdict')).toHaveAttribute('data-status', 'pass');
  await page.getByTestId('pkt-start').click();
}
