/**
 * What a reader sees of the state diagram at every size: legible names in a docs page's frame,
 * zoom buttons that never cover a state, edge labels off the boxes and inside the drawing.
 */
import { expect, test } from '@playwright/test';
import type { FrameLocator, Page } from '@playwright/test';
import { open } from './helpers';

type Root = Page | FrameLocator;

/** Each state box drawn inside the diagram's view: its name, rendered font size (px) and box. */
async function statesInView(root: Root) {
  return root.getByTestId('state-diagram').evaluate((svg) => {
    const view = svg.getBoundingClientRect();
    const out: { state: string; px: number; active: boolean }[] = [];
    for (const g of svg.querySelectorAll<SVGGElement>('[data-testid="diagram-state"]')) {
      const r = g.querySelector('.sd-box')!.getBoundingClientRect();
      if (r.left < view.left - 1 || r.right > view.right + 1 || r.top < view.top - 1 || r.bottom > view.bottom + 1) continue;
      const name = g.querySelector<SVGTextElement>('.sd-name')!;
      const m = name.getScreenCTM()!;
      out.push({ state: g.dataset.state!, px: parseFloat(getComputedStyle(name).fontSize) * Math.hypot(m.a, m.b), active: g.dataset.activePeers !== '' });
    }
    return out;
  });
}

/** Zoom buttons of the state diagram drawn over a visible part of a state box. */
async function toolsOverStates(root: Root): Promise<string[]> {
  return root.locator('.sd-wrap').evaluate((wrap) => {
    const view = wrap.querySelector('svg.sd')!.getBoundingClientRect();
    const out: string[] = [];
    for (const b of wrap.querySelectorAll('.sd-tools button')) {
      const p = b.getBoundingClientRect();
      if (p.width === 0) continue;
      for (const g of wrap.querySelectorAll<SVGGElement>('[data-testid="diagram-state"]')) {
        const r = g.querySelector('.sd-box')!.getBoundingClientRect();
        // only the part of the box inside the drawing's view can be seen
        const left = Math.max(r.left, view.left, p.left);
        const right = Math.min(r.right, view.right, p.right);
        const top = Math.max(r.top, view.top, p.top);
        const bottom = Math.min(r.bottom, view.bottom, p.bottom);
        if (right - left > 1 && bottom - top > 1) out.push(`${b.textContent} over ${g.dataset.state}`);
      }
    }
    return out;
  });
}

/** Elements matching `a` drawn over elements matching `b`. */
async function clashes(root: Root, a: string, b: string): Promise<string[]> {
  return root.locator('body').evaluate(
    (_, [sa, sb]) => {
      const out: string[] = [];
      for (const x of document.querySelectorAll(sa!))
        for (const y of document.querySelectorAll(sb!)) {
          const p = x.getBoundingClientRect();
          const q = y.getBoundingClientRect();
          if (p.width && q.width && Math.min(p.right, q.right) - Math.max(p.left, q.left) > 0.5 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 0.5) out.push(`${x.textContent} / ${y.textContent}`);
        }
      return out;
    },
    [a, b] as const,
  );
}

/** State names drawn wider than their box (less a 2-unit margin each side), in the diagram's units. */
async function namesOverflowing(root: Root): Promise<string[]> {
  return root.getByTestId('state-diagram').evaluate((svg) => {
    const out: string[] = [];
    for (const g of svg.querySelectorAll<SVGGElement>('[data-testid="diagram-state"]')) {
      const name = g.querySelector<SVGTextElement>('.sd-name')!;
      const box = g.querySelector<SVGRectElement>('.sd-box')!;
      const drawn = name.getComputedTextLength();
      // 0: not laid out yet (a name that is not drawn fits nothing)
      if (drawn === 0 || drawn > box.width.baseVal.value - 4) out.push(`${g.dataset.state}: ${drawn.toFixed(0)} in ${box.width.baseVal.value}`);
    }
    return out;
  });
}

/**
 * Edge labels whose backing box does not cover their words: the halo hides lines only around the
 * glyphs, and a line crossing a label showed through the gaps between words (presenter size).
 */
async function labelsUnbacked(root: Root): Promise<string[]> {
  return root.getByTestId('state-diagram').evaluate((svg) => {
    const out: string[] = [];
    for (const g of svg.querySelectorAll<SVGGElement>('g[data-edge-label]')) {
      const t = g.querySelector<SVGTextElement>('.sd-edge-label')!.getBBox();
      const r = g.querySelector<SVGRectElement>('.sd-edge-label-bg')!.getBBox();
      const covers = r.x <= t.x + 0.5 && r.y <= t.y + 0.5 && r.x + r.width >= t.x + t.width - 0.5 && r.y + r.height >= t.y + t.height - 0.5;
      if (!covers || t.width === 0) out.push(`${g.dataset.edgeLabel}: text ${t.x.toFixed(0)},${t.y.toFixed(0)} ${t.width.toFixed(0)}×${t.height.toFixed(0)}, box ${r.width.toFixed(0)}×${r.height.toFixed(0)}`);
    }
    return out;
  });
}

// the desk's larger type (1366, 1280), the presenter's largest, a phone's and a docs frame's
for (const [w, h, query] of [
  [1366, 768, ''],
  [1280, 720, ''],
  [1280, 720, '&present=1'],
  [1920, 1080, '&present=1'],
  [390, 844, ''],
  [700, 450, '&embed=1'],
] as const) {
  test(`every state name fits inside its box at ${w}×${h}${query}`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto(`./?scenario=handshake&t=0.3&lang=en${query}`);
    await expect(page.getByTestId('diagram-state')).toHaveCount(11, { timeout: 15_000 });
    await expect.poll(() => namesOverflowing(page)).toEqual([]);
  });

  test(`every edge label covers the lines under its words at ${w}×${h}${query}, in both languages`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    for (const lang of ['en', 'zh-CN']) {
      await page.goto(`./?scenario=handshake&t=0.3&lang=${lang}${query}`);
      await expect(page.getByTestId('diagram-state')).toHaveCount(11, { timeout: 15_000 });
      await expect.poll(() => labelsUnbacked(page), { message: lang }).toEqual([]);
    }
  });
}

test('a lesson frame before anything is sent: "No segments yet" is clear of the now label (700×450, both languages)', async ({ page }) => {
  await page.setViewportSize({ width: 700, height: 450 });
  for (const lang of ['en', 'zh-CN'] as const) {
    await page.goto(`./?scenario=teardown&embed=1&lesson=1&lang=${lang}`);
    await expect(page.locator('.seq-time-label')).toBeVisible({ timeout: 15_000 });
    expect(await clashes(page, '.seq-now-label', '.seq-time-label'), lang).toEqual([]);
  }
});

for (const [w, h, lang] of [
  [700, 450, 'en'],
  [360, 640, 'zh-CN'],
] as const) {
  test(`a ${w}×${h} docs frame starts with legible state names on the active states; − zooms out to the whole diagram (${lang})`, async ({ page, baseURL }) => {
    await page.setViewportSize({ width: w + 40, height: h + 40 });
    await page.setContent(`<body style="margin:20px"><iframe id="f" src="${baseURL}?scenario=teardown&embed=1&lang=${lang}&t=2.15" width="${w}" height="${h}"></iframe></body>`);
    const frame = page.frameLocator('#f');
    await expect(frame.getByTestId('diagram-state')).toHaveCount(11);
    await expect.poll(async () => Number(await frame.locator('.sd-wrap').getAttribute('data-zoom'))).toBeGreaterThan(1.2);
    // read once the frame's drawing is laid out and the view has come to the active states (a frame
    // the host resizes is laid out again: a read in between found no size, NaN px, or the view still
    // on CLOSED and LISTEN, under CI load)
    let shown = await statesInView(frame);
    await expect
      .poll(async () => (shown = await statesInView(frame)).length > 0 && shown.every((x) => Number.isFinite(x.px)) && shown.some((x) => x.state === 'FIN_WAIT_2'))
      .toBe(true);
    // the state the client has just entered is in view; every name in view is ≥ 11 px
    expect(shown.map((s) => s.state)).toContain('FIN_WAIT_2');
    expect(shown.some((s) => s.active)).toBe(true);
    expect(Math.min(...shown.map((s) => s.px))).toBeGreaterThanOrEqual(11);
    expect(await toolsOverStates(frame)).toEqual([]);
    // the client's edge FIN_WAIT_1 → FIN_WAIT_2 is whole in view; the server's CLOSE_WAIT cannot fit
    // beside it at this size, so a chip at the view's edge names it, legible and inside the frame
    expect(shown.map((s) => s.state)).toContain('FIN_WAIT_1');
    const away = frame.locator('[data-testid="sd-offscreen"][data-peer="server"]');
    await expect(away).toHaveAttribute('data-state', 'CLOSE_WAIT');
    await expect(away).toContainText('CLOSE_WAIT');
    const chip = await away.evaluate((el) => {
      const g = el as unknown as SVGGElement;
      const v = g.ownerSVGElement!.getBoundingClientRect();
      const r = g.getBoundingClientRect();
      const t = g.querySelector('text')!;
      return { inside: r.left >= v.left - 1 && r.right <= v.right + 1 && r.top >= v.top - 1 && r.bottom <= v.bottom + 1, px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(g.getScreenCTM()!.a, g.getScreenCTM()!.b) };
    });
    expect(chip.inside).toBe(true);
    expect(chip.px).toBeGreaterThanOrEqual(11);
    await expect(frame.locator('[data-testid="sd-offscreen"][data-peer="client"]')).toHaveCount(0);
    // stepping on (client TIME_WAIT, server LAST_ACK), each peer's
    // state is either whole in view or named by a chip that covers no state in view
    const peersIn = (st: string) => frame.locator(`[data-testid="diagram-state"][data-state="${st}"]`).getAttribute('data-active-peers');
    for (let i = 0; i < 15 && !((await peersIn('LAST_ACK')) === 'server' && (await peersIn('TIME_WAIT')) === 'client'); i++) await frame.getByTestId('step').click();
    expect([await peersIn('TIME_WAIT'), await peersIn('LAST_ACK')]).toEqual(['client', 'server']);
    for (const [peer, st] of [
      ['client', 'TIME_WAIT'],
      ['server', 'LAST_ACK'],
    ] as const) {
      const inView = (await statesInView(frame)).some((s) => s.state === st);
      await expect(frame.locator(`[data-testid="sd-offscreen"][data-peer="${peer}"]`), `${peer} ${st}`).toHaveCount(inView ? 0 : 1);
    }
    expect((await statesInView(frame)).some((s) => s.state === 'TIME_WAIT'), 'the state just entered').toBe(true);
    expect(await clashes(frame, '.sd-away', '[data-testid="diagram-state"] .sd-box')).toEqual([]);
    // the ladder's state names (type raised to stay legible) keep off the timer bars in the margin
    expect(await clashes(frame, '.seq-band-label', '.seq-timer-bar rect')).toEqual([]);
    // the reader can step back to the whole picture, and Reset returns to the legible view
    const out = frame.getByTestId('sd-zoom-out');
    for (let i = 0; i < 6 && (await out.isEnabled()); i++) await out.click();
    await expect(frame.locator('.sd-wrap')).toHaveAttribute('data-zoom', '1.000');
    expect(await statesInView(frame)).toHaveLength(11);
    expect(await toolsOverStates(frame)).toEqual([]);
    await frame.getByTestId('sd-zoom-reset').click();
    await expect.poll(async () => Number(await frame.locator('.sd-wrap').getAttribute('data-zoom'))).toBeGreaterThan(1.2);
  });
}

test('the state diagram’s zoom buttons never cover a state box (1366, 1280, 390, 360)', async ({ page }) => {
  for (const [w, h] of [
    [1366, 768],
    [1280, 720],
    [390, 844],
    [360, 640],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await open(page, 'scenario=handshake&t=0.05');
    await expect(page.getByTestId('diagram-state')).toHaveCount(11);
    expect(await toolsOverStates(page), `${w}×${h}`).toEqual([]);
    // zoomed in and panned so CLOSED sits in the top corner: still nothing under the buttons
    if (w < 700) {
      await page.getByTestId('sd-zoom-in').click();
      expect(await toolsOverStates(page), `${w}×${h} zoomed`).toEqual([]);
    }
  }
});

/** Edge labels drawn over a state box, or past the edge of the drawing (cut off). */
async function edgeLabelProblems(page: Page): Promise<string[]> {
  return page.getByTestId('state-diagram').evaluate((svg) => {
    const s = svg as SVGSVGElement;
    const vb = s.viewBox.baseVal;
    const m = s.getScreenCTM()!;
    const a = new DOMPoint(vb.x, vb.y).matrixTransform(m);
    const b = new DOMPoint(vb.x + vb.width, vb.y + vb.height).matrixTransform(m);
    const out: string[] = [];
    const boxes = [...s.querySelectorAll<SVGGElement>('[data-testid="diagram-state"]')].map((g) => ({ st: g.dataset.state, r: g.querySelector('.sd-box')!.getBoundingClientRect() }));
    for (const el of s.querySelectorAll('.sd-edge-label')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < a.x - 0.5 || r.right > b.x + 0.5 || r.top < a.y - 0.5 || r.bottom > b.y + 0.5) out.push(`"${el.textContent}" cut at the edge`);
      for (const { st, r: q } of boxes) {
        const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
        const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
        if (w > 1 && h > 1) out.push(`"${el.textContent}" over ${st}`);
      }
    }
    return out;
  });
}

for (const present of [false, true])
  test(`no edge label of the state diagram over a state box or cut off, 1366×768 and 1280×720 in both languages${present ? ', presenter mode' : ''}`, async ({ page }) => {
    for (const [w, h] of [
      [1366, 768],
      [1280, 720],
    ] as const)
      for (const lang of ['en', 'zh-CN'] as const) {
        await page.setViewportSize({ width: w, height: h });
        await open(page, `scenario=teardown&t=2.15&lang=${lang}${present ? '&present=1' : ''}`);
        await expect(page.locator('.sd-edge-label').first()).toBeVisible();
        expect(await edgeLabelProblems(page), `${w}×${h} ${lang}`).toEqual([]);
        // and none over another (the ladder's own checks are in polish.spec.ts)
        const labels = await page.locator('.sd-edge-label').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => [r.left, r.top, r.right, r.bottom]));
        for (let i = 0; i < labels.length; i++)
          for (let j = i + 1; j < labels.length; j++) {
            const [p, q] = [labels[i]!, labels[j]!];
            expect(Math.min(p[2]!, q[2]!) - Math.max(p[0]!, q[0]!) > 1 && Math.min(p[3]!, q[3]!) - Math.max(p[1]!, q[1]!) > 1, `${w}×${h} ${lang} labels ${i}/${j}`).toBe(false);
          }
      }
  });

/**
 * Peers' badges drawn partly outside the state diagram's view (cut at its edge) or under its zoom
 * buttons: each badge must be whole in view and uncovered unless its peer's state is out of view
 * and named by a chip at the edge.
 */
async function badgesCut(root: Root): Promise<string[]> {
  return root.getByTestId('state-diagram').evaluate((svg) => {
    const v = svg.getBoundingClientRect();
    const out: string[] = [];
    for (const g of svg.querySelectorAll<SVGGElement>('g.sd-badge')) {
      const peer = g.classList.contains('sd-badge--client') ? 'client' : 'server';
      if (svg.querySelector(`[data-testid="sd-offscreen"][data-peer="${peer}"]`)) continue;
      const r = g.querySelector('rect')!.getBoundingClientRect();
      const cut = [v.left - r.left, r.right - v.right, v.top - r.top, r.bottom - v.bottom];
      if (r.width === 0 || cut.some((c) => c > 0.5))
        out.push(`${peer} on ${g.closest<SVGGElement>('[data-state]')!.dataset.state} (${g.dataset.spot}) cut by ${cut.map((c) => Math.max(0, c).toFixed(0)).join('/')} px (left/right/top/bottom)`);
      // nor under the zoom buttons drawn over the view's corner
      for (const b of svg.parentElement!.querySelectorAll('.sd-tools button')) {
        const q = b.getBoundingClientRect();
        if (q.width && Math.min(q.right, r.right) - Math.max(q.left, r.left) > 0.5 && Math.min(q.bottom, r.bottom) - Math.max(q.top, r.top) > 0.5) out.push(`${peer} under the ${b.textContent?.trim()} button`);
      }
    }
    return out;
  });
}

/** Steps `root`'s player through every event, collecting the badges cut at each (read once the view has followed). */
async function stepBadges(root: Root, where: string, until: () => Promise<boolean> = async () => false, max = 40): Promise<{ problems: string[]; zoomed: number }> {
  const problems: string[] = [];
  let zoomed = 0;
  const step = root.getByTestId('step');
  await expect(step).toBeEnabled();
  for (let k = 0; k < max && (await step.isEnabled()) && !(await until()); k++) {
    await step.click();
    await expect.poll(async () => (await badgesCut(root)).length === 0, { timeout: 1500 }).toBe(true).catch(() => undefined);
    const t = await root.getByTestId('sim-time').getAttribute('data-seconds');
    problems.push(...(await badgesCut(root)).map((p) => `${where} t=${t}: ${p}`));
    if (Number(await root.locator('.sd-wrap').getAttribute('data-zoom')) > 1.001) zoomed++;
  }
  return { problems, zoomed };
}

for (const lang of ['en', 'zh-CN'] as const) {
  test(`a zoomed state diagram shows each badge whole where it is placed (below or beside its box too): a 390×844 phone through the teardown and lost-fin lessons and free play (${lang})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 390, height: 844 });
    const problems: string[] = [];
    for (const id of ['teardown', 'lost-fin']) {
      await open(page, `scenario=${id}&lesson=0&lang=${lang}`);
      const r = await stepBadges(page, id);
      problems.push(...r.problems);
      expect(r.zoomed, `${id}: the phone's view is zoomed`).toBeGreaterThan(5);
    }
    // free play: listen, connect, then both close, stepping between
    const en = lang === 'en';
    await open(page, `scenario=free&pace=exact&lang=${lang}`);
    const client = page.getByRole('group', { name: en ? 'Socket API of the client' : '客户端的套接字 API' });
    const server = page.getByRole('group', { name: en ? 'Socket API of the server' : '服务器端的套接字 API' });
    await server.getByRole('button', { name: en ? 'Listen' : '监听 listen()', exact: true }).click();
    const state = (p: 'client' | 'server') => page.getByTestId(`peer-${p}`).getAttribute('data-tcp-state');
    await client.getByRole('button', { name: en ? 'Connect' : '连接 connect()', exact: true }).click();
    problems.push(...(await stepBadges(page, 'free: connect', async () => (await state('server')) === 'ESTABLISHED')).problems);
    await client.getByRole('button', { name: en ? 'Close' : '关闭 close()', exact: true }).click();
    problems.push(...(await stepBadges(page, 'free: client close', async () => (await state('server')) === 'CLOSE_WAIT')).problems);
    await server.getByRole('button', { name: en ? 'Close' : '关闭 close()', exact: true }).click();
    problems.push(...(await stepBadges(page, 'free: server close', async () => (await state('client')) === 'TIME_WAIT')).problems);
    expect(await state('client')).toBe('TIME_WAIT');
    expect(problems).toEqual([]);
  });
}

for (const [w, h] of [
  [700, 450],
  [360, 640],
] as const) {
  test(`a zoomed state diagram in a ${w}×${h} docs frame shows each badge whole where it is placed, through the teardown and lost-fin lessons (both languages)`, async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: w + 40, height: h + 40 });
    const problems: string[] = [];
    for (const lang of ['en', 'zh-CN'])
      for (const id of ['teardown', 'lost-fin']) {
        await page.setContent(`<body style="margin:20px"><iframe id="f" src="${baseURL}?scenario=${id}&embed=1&lesson=0&lang=${lang}" width="${w}" height="${h}"></iframe></body>`);
        const frame = page.frameLocator('#f');
        await expect(frame.getByTestId('diagram-state')).toHaveCount(11);
        const r = await stepBadges(frame, `${id} ${lang}`);
        problems.push(...r.problems);
        expect(r.zoomed, `${id} ${lang}: the frame's view is zoomed`).toBeGreaterThan(5);
      }
    expect(problems).toEqual([]);
  });
}
