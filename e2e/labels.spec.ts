/**
 * The ladder's labels, read as a person sees them: every segment label's box as drawn (its text
 * box turned along its arrow), never over another segment label, a state name or the "now" label,
 * over the first seconds of every library scenario, at the desk and in presenter mode.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { LIBRARY_ORDER } from '../src/scenarios/order.ts';
import { ladderCrowding, open, SHOTS, simSeconds, startPacketdrillExample } from './helpers';

/**
 * Pairs of labels (selectors a and b) whose drawn boxes meet: each box is the text's own box mapped
 * to the screen by its transform (so a label turned along its arrow is a turned rectangle, not its
 * much larger axis-aligned bounds), shrunk by `inset` px; the test is the separating-axis one.
 * Selectors are inside the ladder unless they start with `[`.
 */
export async function labelClashes(page: Page, a: string, b: string, inset = 1): Promise<string[]> {
  return page.evaluate(
    ([sa, sb, ins]) => {
      type P = [number, number];
      const quad = (el: SVGGraphicsElement): P[] | null => {
        if (getComputedStyle(el).opacity === '0' || el.getBoundingClientRect().width === 0) return null;
        const b = el.getBBox();
        const m = el.getScreenCTM();
        if (!m || b.width === 0) return null;
        // inset in screen px, converted to the element's own units
        const k = Math.hypot(m.a, m.b) || 1;
        const dx = Math.min(ins / k, b.width / 4);
        const dy = Math.min(ins / k, b.height / 4);
        const pts: P[] = [
          [b.x + dx, b.y + dy],
          [b.x + b.width - dx, b.y + dy],
          [b.x + b.width - dx, b.y + b.height - dy],
          [b.x + dx, b.y + b.height - dy],
        ];
        return pts.map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
      };
      const apart = (p: P[], q: P[]) => {
        for (const poly of [p, q]) {
          for (let i = 0; i < 4; i++) {
            const [x0, y0] = poly[i]!;
            const [x1, y1] = poly[(i + 1) % 4]!;
            const ax = y0 - y1;
            const ay = x1 - x0;
            const pp = p.map(([x, y]) => x * ax + y * ay);
            const qq = q.map(([x, y]) => x * ax + y * ay);
            if (Math.max(...pp) <= Math.min(...qq) || Math.max(...qq) <= Math.min(...pp)) return true;
          }
        }
        return false;
      };
      const shown = (sel: string) =>
        [...document.querySelectorAll<SVGGraphicsElement>(sel.startsWith('[') ? sel : `[data-testid="sequence-diagram"] ${sel}`)].flatMap((el) => {
          const q = quad(el);
          return q ? [{ el, q }] : [];
        });
      // a box behind a label (a backing rect) is named by its label's text
      const name = (el: Element) => el.textContent || el.parentElement?.querySelector('text')?.textContent || el.tagName;
      const as = shown(sa);
      const bs = sa === sb ? as : shown(sb);
      const out: string[] = [];
      for (let i = 0; i < as.length; i++)
        for (let j = sa === sb ? i + 1 : 0; j < bs.length; j++)
          if (as[i]!.el !== bs[j]!.el && !apart(as[i]!.q, bs[j]!.q)) out.push(`"${name(as[i]!.el)}" / "${name(bs[j]!.el)}"`);
      return out;
    },
    [a, b, inset] as const,
  );
}

const SEG = '.seq-seg-label';
const NAME = '.seq-band-label';
const NOW = '.seq-now-label';

async function expectNoClash(page: Page, what: string) {
  // the segments drawn so far have their labels (the lesson may still be before its first segment)
  await expect(page.getByTestId('sequence-diagram')).toBeVisible();
  expect(await labelClashes(page, SEG, SEG), `${what}: segment labels`).toEqual([]);
  expect(await labelClashes(page, SEG, NAME), `${what}: segment label over a state name`).toEqual([]);
  expect(await labelClashes(page, NOW, NAME), `${what}: "now" over a state name`).toEqual([]);
  expect(await labelClashes(page, NOW, SEG), `${what}: "now" over a segment label`).toEqual([]);
}

for (const id of LIBRARY_ORDER) {
  test(`${id}: no ladder label over another in its first seconds (1366×768, desk and presenter)`, async ({ page }) => {
    test.setTimeout(60_000);
    // early at the desk (the "now" label among the first segments), later in presenter mode (the
    // larger type, with every label of the first seconds drawn; placement keeps earlier labels put)
    for (const [present, t] of [
      [false, 0.6],
      [true, 3],
    ] as const) {
      await open(page, `scenario=${id}&t=${t}&lesson=0${present ? '&present=1' : ''}`);
      await expect(page.getByTestId('sim-time')).toHaveAttribute('data-seconds', String(t));
      await expectNoClash(page, `${present ? 'presenter' : 'desk'} t=${t}`);
    }
  });
}

test('the checker sees a clash: two labels moved onto each other are reported', async ({ page }) => {
  await open(page, 'scenario=handshake&t=0.6&lesson=0');
  expect(await labelClashes(page, SEG, SEG)).toEqual([]);
  // put the second label where the first one is: the check must report it
  await page.evaluate(() => {
    const [a, b] = document.querySelectorAll('[data-testid="sequence-diagram"] .seq-seg-label');
    b!.setAttribute('transform', a!.getAttribute('transform')!);
    b!.setAttribute('y', a!.getAttribute('y') ?? '0');
  });
  expect((await labelClashes(page, SEG, SEG)).length).toBeGreaterThan(0);
});

for (const lang of ['en', 'zh-CN'] as const) {
  test(`handshake at 1366×768, desk and presenter (${lang}): SYN,ACK and ACK labels keep a gap`, async ({ page }) => {
    for (const present of [false, true]) {
      await open(page, `scenario=handshake&t=0.3&lang=${lang}${present ? '&present=1' : ''}`);
      // a visible gap: boxes grown by 1 px still do not meet
      expect(await labelClashes(page, SEG, SEG, -1), present ? 'presenter' : 'desk').toEqual([]);
      expect(await labelClashes(page, NOW, NAME), present ? 'presenter' : 'desk').toEqual([]);
    }
  });
}

for (const lang of ['en', 'zh-CN'] as const) {
  test(`the main page's handshake, stepped through at 1366×768, 1280×720 and 390×844 (${lang}): no arrow runs across a label, no word over another (screenshots)`, async ({ page }) => {
    test.setTimeout(60_000);
    for (const [w, h] of [
      [1366, 768],
      [1280, 720],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await open(page, `scenario=handshake&lesson=0&lang=${lang}`);
      const seq = page.getByTestId('sequence-diagram');
      await seq.scrollIntoViewIfNeeded();
      const problems: string[] = [];
      // the handshake, then the first data segment and its ACK
      for (let k = 0; k < 8 && (await page.getByTestId('step').isEnabled()); k++) {
        const before = await page.getByTestId('sim-time').getAttribute('data-seconds');
        await page.getByTestId('step').click();
        await expect(page.getByTestId('sim-time')).not.toHaveAttribute('data-seconds', before!);
        const t = await page.getByTestId('sim-time').getAttribute('data-seconds');
        // the ladder follows the now line with a smooth scroll: read it once it has settled
        await page.waitForTimeout(150);
        problems.push(...(await ladderCrowding(page)).map((p) => `t=${t}: ${p}`));
      }
      await expect(seq.locator('[data-testid="segment"][data-flags="ACK"]').first()).toBeVisible();
      await seq.screenshot({ path: `${SHOTS}/handshake-ladder-${w}x${h}-${lang}.png` });
      expect(problems, `${w}×${h}`).toEqual([]);
    }
  });
}

test('presenter at 1366×768, teardown at t=2: the "now" label is off the newest state name', async ({ page }) => {
  for (const lang of ['en', 'zh-CN'] as const) {
    for (const t of [2, 2.1, 2.15]) {
      await open(page, `scenario=teardown&t=${t}&present=1&lang=${lang}`);
      expect(await labelClashes(page, NOW, NAME), `${lang} t=${t}`).toEqual([]);
      expect(await labelClashes(page, NOW, '.seq-timer-text'), `${lang} t=${t}`).toEqual([]);
    }
  }
});

// a timer's bar sits in the lane's outer margin, beside the state names of that lane
const BAR = '.seq-timer-bar rect';
for (const [w, h, mode] of [
  [1366, 768, 'present'],
  [1280, 720, 'present'],
  [1366, 768, 'desk'],
  [390, 844, 'desk'],
  [700, 450, 'embed'],
] as const) {
  test(`state names stay off the timer bars, ${w}×${h} ${mode}`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: w, height: h });
    // teardown at 2.25: the server enters LAST_ACK on the now line, beside its RTO label
    for (const q of ['scenario=teardown&t=2.25', 'scenario=fin-wait-2-timeout&t=2.3', 'scenario=lost-syn&t=7.17', 'scenario=time-wait-reuse&t=3']) {
      const extra = mode === 'present' ? '&present=1' : mode === 'embed' ? '&embed=1' : '';
      await page.goto(`./?${q}&lesson=0&lang=en${extra}`);
      await expect(page.getByTestId('sim-time')).toBeAttached({ timeout: 15_000 });
      await expect(page.getByTestId('timer-bar').first()).toBeAttached();
      expect(await labelClashes(page, NAME, BAR), q).toEqual([]);
      expect(await labelClashes(page, '.seq-timer-text', BAR), q).toEqual([]);
      // the "now" label is off the state names and the timer labels too
      expect(await labelClashes(page, NOW, NAME), q).toEqual([]);
      expect(await labelClashes(page, NOW, '.seq-timer-text'), q).toEqual([]);
    }
  });
}

/**
 * Ladder texts a person sees spoiled at a note stop: a segment label, state name or timer label cut
 * in half by the top edge of the ladder's scroll box (under the lane titles), or a timer label with
 * the "now" line running through it.
 */
async function ladderEdgeProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const scroll = document.querySelector('[data-testid="sequence-diagram"] .seq-scroll')!.getBoundingClientRect();
    const texts = document.querySelectorAll('[data-testid="sequence-diagram"] :is(.seq-seg-label, .seq-band-label, .seq-timer-text)');
    for (const t of texts) {
      const r = t.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(t).opacity === '0' || t.getAttribute('opacity') === '0') continue;
      if (r.top < scroll.top - 1 && r.bottom > scroll.top + 1) out.push(`"${t.textContent}" cut at the top by ${(scroll.top - r.top).toFixed(1)} px`);
    }
    const now = document.querySelector('[data-testid="sequence-diagram"] .seq-now')!.getBoundingClientRect();
    const y = (now.top + now.bottom) / 2;
    for (const t of document.querySelectorAll('[data-testid="sequence-diagram"] .seq-timer-text')) {
      const r = t.getBoundingClientRect();
      if (r.top < y - 1 && r.bottom > y + 1) out.push(`timer label "${t.textContent}" on the now line`);
    }
    return out;
  });
}

const CHIPS = '[data-testid="edge-token"], [data-testid="flight-token"]';
// the diagram's labels as drawn: each one's backing box, the extent of its text
const EDGE_LABELS = '[data-testid="state-diagram"] g[data-edge-label] > rect.sd-edge-label-bg';
// a peer's pill above (or beside) its state's box, and the state names
const BADGES = '[data-testid="state-diagram"] g.sd-badge > rect';
const NAMES = '[data-testid="state-diagram"] .sd-name';

/**
 * Steps lesson `id` through its first `stops` note stops, in both languages, at the desk and in
 * presenter mode, and calls `visit` at each with where it is (for messages). Exact pace at 10×:
 * the chips stop at the same note instants as at 1×, without the wait.
 */
async function atEveryNoteStop(page: Page, id: string, stops: number, visit: (at: string) => Promise<void>): Promise<void> {
  for (const lang of ['en', 'zh-CN'] as const) {
    for (const present of [false, true]) {
      await open(page, `scenario=${id}&speed=10&pace=exact&lang=${lang}${present ? '&present=1' : ''}`);
      for (let i = 0; i < stops; i++) {
        await page.getByTestId(present ? 'present-next' : 'note-next').click();
        await expect(page.getByTestId('player')).toHaveAttribute('data-status', 'note', { timeout: 20_000 });
        await visit(`${lang}${present ? ' presenter' : ''} note at ${await page.getByTestId('sim-time').getAttribute('data-seconds')} s`);
      }
    }
  }
}

for (const [id, stops] of [
  ['teardown', 6],
  ['lost-fin', 6],
] as const) {
  test(`a chip waiting at a note stop is off every state name, edge label and peer's badge; no ladder text cut under the lane titles or on the now line (${id} lesson, 1366×768 and presenter, both languages)`, async ({ page }) => {
    test.setTimeout(120_000);
    let chips = 0;
    await atEveryNoteStop(page, id, stops, async (at) => {
      // polled: the picture settles a frame or two after the player stops (a busy machine draws late)
      await expect.poll(() => labelClashes(page, CHIPS, '[data-testid="state-diagram"] .sd-name'), { message: `${at}: chip over a state name` }).toEqual([]);
      await expect.poll(() => labelClashes(page, CHIPS, EDGE_LABELS), { message: `${at}: chip over an edge label` }).toEqual([]);
      await expect.poll(() => labelClashes(page, CHIPS, BADGES), { message: `${at}: chip over a peer's badge` }).toEqual([]);
      await expect.poll(() => ladderEdgeProblems(page), { message: at }).toEqual([]);
      chips += await page.locator(CHIPS).filter({ visible: true }).count();
    });
    // the checks above mean something only if chips were waiting at the stops
    expect(chips).toBeGreaterThan(0);
  });
}

// reduced motion: no chip travels; each transition's cause waits beside the state entered, each segment beside its sender's state
const STILL = '[data-testid="edge-label"], [data-testid="flight-token"]';

for (const [id, stops] of [
  ['teardown', 6],
  ['lost-fin', 6],
] as const) {
  test(`reduced motion: the causes beside the states entered and the waiting segments are off every state name, edge label, badge and each other at the note stops (${id} lesson, 1366×768 and presenter, both languages)`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    let still = 0;
    await atEveryNoteStop(page, id, stops, async (at) => {
      await expect.poll(() => labelClashes(page, STILL, NAMES), { message: `${at}: over a state name` }).toEqual([]);
      await expect.poll(() => labelClashes(page, STILL, EDGE_LABELS), { message: `${at}: over an edge label` }).toEqual([]);
      await expect.poll(() => labelClashes(page, STILL, BADGES), { message: `${at}: over a peer's badge` }).toEqual([]);
      await expect.poll(() => labelClashes(page, STILL, STILL), { message: `${at}: over each other` }).toEqual([]);
      still += await page.locator('[data-testid="edge-label"]').filter({ visible: true }).count();
    });
    // no travelling chip was drawn, and the still ones were there to check
    await expect(page.getByTestId('edge-token')).toHaveCount(0);
    expect(still).toBeGreaterThan(0);
  });
}

test('the chip checker sees a chip over an edge label: a chip moved onto one is reported', async ({ page }) => {
  await open(page, 'scenario=lost-fin&t=2.3');
  const chip = page.getByTestId('flight-token');
  await expect(chip).toHaveCount(1);
  await expect.poll(() => labelClashes(page, CHIPS, EDGE_LABELS)).toEqual([]);
  // put the chip on the middle of the label "close() / snd FIN"
  await page.evaluate(() => {
    const bg = document.querySelector<SVGRectElement>('[data-testid="state-diagram"] g[data-edge-label="ESTABLISHED->FIN_WAIT_1"] > rect.sd-edge-label-bg')!.getBBox();
    document.querySelector('[data-testid="flight-token"]')!.setAttribute('transform', `translate(${bg.x + bg.width / 2}, ${bg.y + bg.height / 2})`);
  });
  expect((await labelClashes(page, CHIPS, EDGE_LABELS)).length).toBeGreaterThan(0);
});

test('ladder on a phone: a lost segment’s ✕ grows with the type, as every word does (11 px at least)', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const q of ['scenario=lost-syn&t=31.3&lesson=0', 'scenario=keepalive-dead-peer&t=7300&lesson=0']) {
    await page.goto(`./?${q}&lang=zh-CN`);
    const seq = page.getByTestId('sequence-diagram');
    await expect(page.getByTestId('sim-time')).toBeVisible({ timeout: 15_000 });
    await seq.scrollIntoViewIfNeeded();
    await expect(seq.getByTestId('segment-drop').first()).toBeVisible();
    expect((await ladderCrowding(page)).filter((p) => p.includes(' drawn at ')), q).toEqual([]);
  }
});

test('a tail loss probe leaving now: its TLP tag, the re-armed timer and the now label each stand clear (lost-fin at 2.3 s, desk, presenter and a docs frame, both languages)', async ({ page }) => {
  for (const [w, h, q] of [
    [1366, 768, ''],
    [1280, 720, '&present=1'],
    [700, 450, '&embed=1'],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    for (const lang of ['en', 'zh-CN']) {
      await page.goto(`./?scenario=lost-fin&t=2.3&lang=${lang}${q}`);
      const tag = page.getByTestId('tlp-tag');
      await expect(tag).toHaveCount(1, { timeout: 15_000 });
      const where = `${w}×${h}${q} ${lang}`;
      for (const other of ['.seq-now-label', '.seq-timer-text', '.seq-band-label']) {
        await expect.poll(() => labelClashes(page, '[data-testid="tlp-tag"]', other), { message: `${where}: TLP and ${other}` }).toEqual([]);
      }
      await expect.poll(() => labelClashes(page, '.seq-now-label', '.seq-timer-text'), { message: `${where}: now and timer` }).toEqual([]);
    }
  }
});

/** Each peer's badge clear of every edge label, the other badge and every state name, as drawn now. */
async function badgeProblems(page: Page, at: string): Promise<string[]> {
  const found = [
    ...(await labelClashes(page, BADGES, EDGE_LABELS)).map((p) => `${at}: badge over an edge label ${p}`),
    ...(await labelClashes(page, BADGES, BADGES)).map((p) => `${at}: badges over each other ${p}`),
    ...(await labelClashes(page, BADGES, NAMES)).map((p) => `${at}: badge over a state name ${p}`),
  ];
  return found;
}

/** The badges drawn now, as "peer@state" (a check is meaningful only where some are). */
const badgesShown = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="state-diagram"] g.sd-badge')]
      .filter((g) => g.getBoundingClientRect().width > 0)
      .map((g) => `${g.classList.contains('sd-badge--client') ? 'client' : 'server'}@${g.closest('[data-state]')?.getAttribute('data-state')}`),
  );

for (const lang of ['en', 'zh-CN'] as const) {
  test(`the peers' badges on the state diagram stay off the edge labels, each other and the state names: teardown lesson's note stops and free play's connect and close (1366×768, ${lang})`, async ({ page }) => {
    test.setTimeout(90_000);
    const problems: string[] = [];
    const seen = new Set<string>();
    const check = async (at: string) => {
      // polled: the labels' backing boxes are fitted a frame after they are drawn
      await expect.poll(async () => (await badgeProblems(page, at)).length === 0, { timeout: 1500 }).toBe(true).catch(() => undefined);
      problems.push(...(await badgeProblems(page, at)));
      for (const b of await badgesShown(page)) seen.add(b);
    };
    await open(page, `scenario=teardown&speed=10&pace=exact&lang=${lang}`);
    await check('start');
    for (let i = 0; i < 6; i++) {
      await page.getByTestId('note-next').click();
      await expect(page.getByTestId('player')).toHaveAttribute('data-status', 'note', { timeout: 20_000 });
      await check(`teardown note at ${await page.getByTestId('sim-time').getAttribute('data-seconds')} s`);
    }
    // free play: listen, connect, the handshake stepped through, then both close
    const en = lang === 'en';
    await open(page, `scenario=free&pace=exact&lang=${lang}`);
    const client = page.getByRole('group', { name: en ? 'Socket API of the client' : '客户端的套接字 API' });
    const server = page.getByRole('group', { name: en ? 'Socket API of the server' : '服务器端的套接字 API' });
    const state = (p: 'client' | 'server') => page.getByTestId(`peer-${p}`).getAttribute('data-tcp-state');
    await server.getByRole('button', { name: en ? 'Listen' : '监听 listen()', exact: true }).click();
    await check('free: listening');
    await client.getByRole('button', { name: en ? 'Connect' : '连接 connect()', exact: true }).click();
    const stepTo = async (p: 'client' | 'server', target: string) => {
      for (let k = 0; k < 40 && (await state(p)) !== target; k++) {
        await page.getByTestId('step').click();
        await check(`free: client ${await state('client')}, server ${await state('server')}`);
      }
      expect(await state(p)).toBe(target);
    };
    await stepTo('server', 'ESTABLISHED');
    await client.getByRole('button', { name: en ? 'Close' : '关闭 close()', exact: true }).click();
    await check('free: client closed');
    await stepTo('server', 'CLOSE_WAIT');
    await stepTo('client', 'FIN_WAIT_2');
    await server.getByRole('button', { name: en ? 'Close' : '关闭 close()', exact: true }).click();
    await check('free: server closed');
    await stepTo('client', 'TIME_WAIT');
    expect(problems).toEqual([]);
    // the badges were drawn on the states of a whole connection's life
    for (const b of ['client@SYN_SENT', 'client@ESTABLISHED', 'client@FIN_WAIT_1', 'client@FIN_WAIT_2', 'client@TIME_WAIT', 'server@LISTEN', 'server@CLOSE_WAIT', 'server@LAST_ACK']) expect([...seen]).toContain(b);
  });

  for (const [w, h] of [
    [1280, 720],
    [1366, 768],
  ] as const) {
    test(`packetdrill view at ${w}×${h} (${lang}): the peers' badges stay off the edge labels, each other and the state names, stepping through active-close.pkt`, async ({ page }) => {
      test.setTimeout(60_000);
      await page.setViewportSize({ width: w, height: h });
      await startPacketdrillExample(page, lang, 'common/active-close.pkt');
      const problems: string[] = [];
      const seen = new Set<string>();
      for (let k = 0; k < 12 && (await page.getByTestId('step').isEnabled()); k++) {
        await page.getByTestId('step').click();
        const at = `step ${k + 1}`;
        await expect.poll(async () => (await badgeProblems(page, at)).length === 0, { timeout: 1500 }).toBe(true).catch(() => undefined);
        problems.push(...(await badgeProblems(page, at)));
        for (const b of await badgesShown(page)) seen.add(b);
      }
      expect(problems).toEqual([]);
      expect(seen.size).toBeGreaterThan(2);
    });
  }
}

test('the badge checker sees a badge over an edge label: a badge moved onto one is reported', async ({ page }) => {
  await open(page, 'scenario=teardown&t=2.15');
  await expect.poll(() => badgesShown(page)).not.toEqual([]);
  await page.evaluate(() => {
    const bg = document.querySelector<SVGRectElement>('[data-testid="state-diagram"] g[data-edge-label="ESTABLISHED->FIN_WAIT_1"] > rect.sd-edge-label-bg')!;
    const b = bg.getBBox();
    const badge = document.querySelector<SVGGElement>('[data-testid="state-diagram"] g.sd-badge')!;
    // the badge's own group is inside its state's (translated) group: undo that offset
    const m = (badge.parentNode as SVGGElement).getCTM()!.inverse().multiply(bg.getCTM()!);
    badge.setAttribute('transform', `translate(${m.e + b.x}, ${m.f + b.y})`);
  });
  expect((await badgeProblems(page, 'moved')).length).toBeGreaterThan(0);
});

/**
 * Pairs of chips on the state diagram (travelling transition chips and segment chips) whose boxes
 * meet, named by their texts: two chips on top of each other make both unreadable.
 */
async function chipsOverEachOther(page: Page): Promise<string[]> {
  return labelClashes(page, CHIPS, CHIPS);
}

// every lesson of the scenario list whose stops have chips waiting, each stop in turn
const CHIP_LESSONS = ['handshake', 'teardown', 'lost-syn', 'lost-fin', 'lost-final-ack', 'fin-wait-2-timeout'] as const;

for (const [w, h] of [
  [1366, 768],
  [390, 844],
] as const) {
  for (const lang of ['en', 'zh-CN'] as const) {
    test(`no two chips on the state diagram over each other at any note stop of the lessons, nor at rest after a free-play step (${w}×${h}, ${lang})`, async ({ page }) => {
      test.setTimeout(240_000);
      await page.setViewportSize({ width: w, height: h });
      const problems: string[] = [];
      let pairs = 0;
      const check = async (at: string) => {
        // polled: the picture settles a frame or two after the player stops; what remains is reported
        await expect.poll(async () => (await chipsOverEachOther(page)).length, { timeout: 1500 }).toBe(0).catch(() => undefined);
        problems.push(...(await chipsOverEachOther(page)).map((p) => `${at}: ${p}`));
        const n = await page.locator(CHIPS).filter({ visible: true }).count();
        if (n >= 2) pairs++;
      };
      for (const id of CHIP_LESSONS) {
        await open(page, `scenario=${id}&speed=10&pace=exact&lang=${lang}`);
        // every stop to the lesson's end (a lesson whose first note is at 0 s opens at that stop)
        for (let i = 0; i < 10; i++) {
          const status = page.getByTestId('player');
          if ((await status.getAttribute('data-status')) === 'note') await check(`${id} note at ${await page.getByTestId('sim-time').getAttribute('data-seconds')} s`);
          if ((await status.getAttribute('data-status')) === 'ended') break;
          await page.getByTestId('note-next').click();
          await expect(status).toHaveAttribute('data-status', /^(note|ended)$/, { timeout: 20_000 });
        }
        await expect(page.getByTestId('player')).toHaveAttribute('data-status', 'ended');
      }
      // free play: the handshake and a close from each side, stepped through, each step at rest
      const en = lang === 'en';
      await open(page, `scenario=free&pace=exact&lang=${lang}`);
      const client = page.getByRole('group', { name: en ? 'Socket API of the client' : '客户端的套接字 API' });
      const server = page.getByRole('group', { name: en ? 'Socket API of the server' : '服务器端的套接字 API' });
      const state = (p: 'client' | 'server') => page.getByTestId(`peer-${p}`).getAttribute('data-tcp-state');
      const stepTo = async (p: 'client' | 'server', target: string) => {
        for (let k = 0; k < 40 && (await state(p)) !== target; k++) {
          await page.getByTestId('step').click();
          await check(`free play at ${await page.getByTestId('sim-time').getAttribute('data-seconds')} s (client ${await state('client')}, server ${await state('server')})`);
        }
        expect(await state(p)).toBe(target);
      };
      await server.getByRole('button', { name: en ? 'Listen' : '监听 listen()', exact: true }).click();
      await client.getByRole('button', { name: en ? 'Connect' : '连接 connect()', exact: true }).click();
      await check('free play: connect');
      await stepTo('server', 'ESTABLISHED');
      await client.getByRole('button', { name: en ? 'Close' : '关闭 close()', exact: true }).click();
      await check('free play: client closed');
      await stepTo('server', 'CLOSE_WAIT');
      await server.getByRole('button', { name: en ? 'Close' : '关闭 close()', exact: true }).click();
      await check('free play: server closed');
      await stepTo('client', 'TIME_WAIT');
      expect(problems).toEqual([]);
      // the check means something only where two or more chips were drawn at once
      expect(pairs).toBeGreaterThan(0);
    });
  }
}

/** One sample of the chips on the state diagram: each chip's name, its centre (drawing units), its way (data-way) and progress. */
interface ChipSample {
  t: number;
  chips: { name: string; flight: boolean; x: number; y: number; way: string; progress: number }[];
}

/**
 * The chips drawn at each of `times` (virtual seconds), reached with the scrubber (a seek on the
 * virtual clock: the picture at a time is the same however it is reached), and the pairs of them
 * over each other at each instant.
 */
async function sampleChips(page: Page, times: readonly number[], where: string): Promise<{ samples: ChipSample[]; clashes: string[] }> {
  const samples: ChipSample[] = [];
  const clashes: string[] = [];
  for (const t of times) {
    await page.getByTestId('scrubber').fill(t.toFixed(3));
    // the clock and the diagram are drawn in the same render
    await expect(page.getByTestId('sim-time')).toHaveAttribute('data-seconds', String(Number(t.toFixed(3))));
    clashes.push(...(await labelClashes(page, CHIPS, CHIPS)).map((p) => `${where} at ${t.toFixed(3)} s: ${p} over each other`));
    const chips = await page.locator(CHIPS).evaluateAll((els) =>
      els.map((e) => {
        // in the diagram's units: a phone's view pans to follow the peers, the chips' places do not change with it
        const [x, y] = (/translate\(([-\d.]+),\s*([-\d.]+)\)/.exec(e.getAttribute('transform') ?? '') ?? []).slice(1).map(Number);
        const flight = e.getAttribute('data-testid') === 'flight-token';
        const name = flight ? `${e.getAttribute('data-flags')} #${e.getAttribute('data-id')}` : `${e.getAttribute('data-label')} ${e.getAttribute('data-from')}→${e.getAttribute('data-to')}`;
        return { name, flight, x: x!, y: y!, way: e.getAttribute('data-way') ?? '', progress: Number(e.getAttribute('data-progress')) };
      }),
    );
    samples.push({ t, chips });
  }
  return { samples, clashes };
}

/**
 * What a person watching would see go wrong between the samples: a chip whose way (its offset from
 * its path) changes while it is drawn, a segment chip that jumps (one step of its steady flight
 * much longer than its others).
 */
function flightProblems(samples: readonly ChipSample[], where: string): string[] {
  const problems: string[] = [];
  const seen = new Map<string, { way: string; at: number }>();
  const steps = new Map<string, { t: number; d: number }[]>();
  samples.forEach((s, i) => {
    for (const c of s.chips) {
      const first = seen.get(c.name);
      if (!first) seen.set(c.name, { way: c.way, at: s.t });
      else if (first.way !== c.way) problems.push(`${where}: ${c.name}'s way changed between ${first.at.toFixed(3)} s and ${s.t.toFixed(3)} s (${first.way} → ${c.way})`);
      const before = samples[i - 1]?.chips.find((b) => b.name === c.name);
      if (c.flight && before && c.progress > before.progress) steps.set(c.name, [...(steps.get(c.name) ?? []), { t: s.t, d: Math.hypot(c.x - before.x, c.y - before.y) }]);
    }
  });
  for (const [name, ds] of steps) {
    const sorted = ds.map((d) => d.d).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    for (const d of ds) if (d.d > 2.5 * median + 6) problems.push(`${where}: ${name} jumped ${d.d.toFixed(1)} units at ${d.t.toFixed(3)} s (its steps are ${median.toFixed(1)})`);
  }
  return problems;
}

/** Every `step` seconds from `from` to `to`, both included. */
const moments = (from: number, to: number, step = 0.005) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => from + i * step);

for (const [w, h] of [
  [1366, 768],
  [390, 844],
] as const) {
  test(`chips shown together stay apart for their whole flights and keep their ways until they arrive: teardown, lost-fin, lost-final-ack, fin-wait-2-timeout and free play's ACK with FIN,ACK from LAST_ACK, sampled on the virtual clock (${w}×${h})`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: w, height: h });
    const problems: string[] = [];
    let together = 0;
    const check = async (where: string, times: readonly number[]) => {
      const { samples, clashes } = await sampleChips(page, times, where);
      problems.push(...clashes, ...flightProblems(samples, where));
      together += samples.filter((s) => s.chips.length >= 2).length;
    };
    // the teardowns, from the client's close() to the server's last chip (and the lost FIN's probe)
    for (const [id, from, to] of [
      ['teardown', 1.995, 2.405],
      ['lost-fin', 1.995, 2.705],
      ['lost-final-ack', 1.995, 2.405],
      ['fin-wait-2-timeout', 1.995, 2.155],
    ] as const) {
      await open(page, `scenario=${id}&lesson=0&t=${to}`);
      await expect(page.getByTestId('sim-time')).toHaveAttribute('data-seconds', String(to));
      await check(id, moments(from, to));
    }
    // free play: the server closes at the instant its ACK of the client's FIN leaves, so the ACK
    // and its FIN,ACK leave LAST_ACK together and the ACK is delivered first
    await open(page, 'scenario=free&pace=exact');
    const client = page.getByRole('group', { name: 'Socket API of the client' });
    const server = page.getByRole('group', { name: 'Socket API of the server' });
    const state = (p: 'client' | 'server') => page.getByTestId(`peer-${p}`).getAttribute('data-tcp-state');
    const stepTo = async (p: 'client' | 'server', target: string) => {
      for (let k = 0; k < 40 && (await state(p)) !== target; k++) await page.getByTestId('step').click();
      expect(await state(p)).toBe(target);
    };
    await server.getByRole('button', { name: 'Listen', exact: true }).click();
    await client.getByRole('button', { name: 'Connect', exact: true }).click();
    await stepTo('server', 'ESTABLISHED');
    await client.getByRole('button', { name: 'Close', exact: true }).click();
    await stepTo('server', 'CLOSE_WAIT');
    await server.getByRole('button', { name: 'Close', exact: true }).click();
    const closedAt = await simSeconds(page);
    await expect(page.locator('[data-testid="flight-token"][data-from="server"]')).toHaveCount(2);
    await stepTo('client', 'TIME_WAIT');
    await check('free play', moments(closedAt, closedAt + 0.1));
    expect(problems).toEqual([]);
    // the checks mean something only where chips were shown together
    expect(together).toBeGreaterThan(20);
  });
}

test('the flight checker sees chips over each other, a chip that changes its way mid-flight and a chip that jumps', async ({ page }) => {
  await open(page, 'scenario=teardown&lesson=0&t=2.03');
  const { samples, clashes } = await sampleChips(page, [2.005, 2.01, 2.015, 2.02, 2.025, 2.03], 'as drawn');
  expect(clashes).toEqual([]);
  expect(flightProblems(samples, 'as drawn')).toEqual([]);
  const fin = (s: ChipSample) => s.chips.find((c) => c.name === 'FIN,ACK #6')!;
  expect(samples.every((s) => fin(s))).toBe(true);
  // its way rewritten in the last sample (as a chip pushed back to its own way would be)
  const moved = samples.map((s, i) => (i === samples.length - 1 ? { ...s, chips: s.chips.map((c) => (c === fin(s) ? { ...c, way: `${c.way} 1` } : c)) } : s));
  expect(flightProblems(moved, 'rewritten')).toEqual([expect.stringContaining("FIN,ACK #6's way changed")]);
  // put 60 units aside in one sample: a jump there and back
  const jumped = samples.map((s, i) => (i === 3 ? { ...s, chips: s.chips.map((c) => (c === fin(s) ? { ...c, y: c.y + 60 } : c)) } : s));
  expect(flightProblems(jumped, 'jumped').filter((p) => p.includes('FIN,ACK #6 jumped'))).toHaveLength(2);
  // the FIN,ACK chip drawn on the close() chip: the clash is seen
  await page.evaluate(() => {
    const move = document.querySelector('[data-testid="edge-token"]')!;
    document.querySelector('[data-testid="flight-token"]')!.setAttribute('transform', move.getAttribute('transform')!);
  });
  expect((await labelClashes(page, CHIPS, CHIPS)).length).toBeGreaterThan(0);
});
