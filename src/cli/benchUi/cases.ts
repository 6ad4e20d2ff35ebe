/**
 * The cases of `npm run bench:ui`. Each is a page of the built app (its URL query), a viewport,
 * and how long to record frames; add a case by appending to CASES (the figure names use `name`).
 */
import LZString from 'lz-string';
import type { Page } from 'playwright-core';

export interface UiBenchCase {
  /** figure suffix: `frame_p95_ms.<name>` */
  name: string;
  /** URL query of the app (without `?`) */
  query: Record<string, string>;
  viewport?: { width: number; height: number };
  /** wall-clock seconds of frames recorded (after a short warm-up) */
  seconds?: number;
  /** wall-clock ms between the page being ready and the recording (700 unless told) */
  warmupMs?: number;
  /** something to do once the page is ready, before recording (press a key, open a panel) */
  prepare?(page: Page): Promise<void>;
  /** what a person does while frames are recorded (default: nothing, for `seconds`) */
  during?(page: Page, ms: number): Promise<void>;
  /** test id of the element that says the page is ready (default: the player's `sim-time`) */
  ready?: string;
}

/** `a=`: hand actions with their virtual times, as "Copy link" writes them. */
export const actions = (list: readonly Record<string, unknown>[]): string => LZString.compressToEncodedURIComponent(JSON.stringify(list));
/** `k=`: knob overrides, as "Copy link" writes them. */
export const knobs = (k: Record<string, number>): string => LZString.compressToEncodedURIComponent(JSON.stringify(k));

/**
 * Free play: a 1 MB transfer over a link losing 2 % of segments: 3,867 segments in all, flowing
 * from t = 10 s to t ≈ 6,270 s (Linux profile, engine as of the reassembly queue). A small MSS
 * (536) makes it ≥ 2,000 segments; a 3 s link delay and a two-segment receive window pace it
 * slowly enough to be watched at 1000× (6.3 s of wall time); `rto_max` = 10 s keeps the back-off
 * after a loss short.
 */
const MEGABYTE_WITH_LOSS = {
  a: actions([
    { t: 0, net: 'delay', seconds: 3 },
    { t: 0, peer: 'server', do: 'listen' },
    { t: 0, peer: 'client', do: 'connect' },
    { t: 0, net: 'loss', percent: 2 },
    { t: 10, peer: 'client', do: 'send', bytes: 1_000_000 },
  ]),
  k: knobs({ mss: 536, rcv_wnd: 1072, rto_max: 10 }),
};

/**
 * Keepalive probes every second from both peers, answered: history grows by about 15 events and
 * 4 segments per virtual second, forever (1.25 million events in 24 hours).
 */
const KEEPALIVE_1S = [
  { t: 0, peer: 'server', do: 'listen' },
  { t: 0, peer: 'client', do: 'connect' },
  { t: 1, peer: 'client', do: 'keepalive', on: true, idle: 1, intvl: 1, cnt: 9 },
  { t: 1, peer: 'server', do: 'keepalive', on: true, idle: 1, intvl: 1, cnt: 9 },
];

/** A shared link carrying 5,000 hand actions (sends every 50 ms after the handshake). */
const LINK_5000_ACTIONS = actions([
  { t: 0, peer: 'server', do: 'listen' },
  { t: 0, peer: 'client', do: 'connect' },
  ...Array.from({ length: 4998 }, (_, i) => ({ t: 1 + i * 0.05, peer: 'client', do: 'send', bytes: 10 })),
]);

/**
 * The fleet page's chart as a person reads it: the pointer sweeps back and forth over the chart
 * (hover line and tooltip follow it) while the arrow keys step the time cursor (readouts follow it).
 */
async function sweepFleetCursor(page: Page, ms: number): Promise<void> {
  const svg = page.getByTestId('fleet-chart').locator('svg');
  const box = (await svg.boundingBox())!;
  await svg.focus();
  const end = Date.now() + ms;
  for (let i = 0; Date.now() < end; i++) {
    const f = (i % 40) / 40;
    await page.mouse.move(box.x + 60 + (box.width - 80) * (i % 80 < 40 ? f : 1 - f), box.y + box.height / 2);
    if (i % 3 === 0) await page.keyboard.press(i % 240 < 120 ? 'ArrowRight' : 'ArrowLeft');
  }
}

const FLEET = { view: 'fleet', preset: 'close-wait-leak' };

export const CASES: UiBenchCase[] = [
  // the fleet page while its worker simulates 10 virtual minutes (samples arrive every ~60 ms)
  { name: 'fleet_running', query: FLEET, ready: 'fleet-chart', seconds: 5 },
  // the fleet page after its run, while the pointer scrubs the time cursor over the chart
  {
    name: 'fleet_cursor',
    query: FLEET,
    ready: 'fleet-chart',
    seconds: 5,
    prepare: (page) => page.locator('[data-testid="fleet-page"][data-finished="1"]').waitFor({ timeout: 300_000 }),
    during: sweepFleetCursor,
  },
  { name: 'teardown_1x', query: { scenario: 'teardown', autoplay: '1', lesson: '0' } },
  // opened late in the transfer (2,484 segments sent by t = 4000), still sending while recorded;
  // exact pace, so it really plays at 10× (the auto pace would slow every flight to about a second)
  { name: 'transfer_1mb_10x', query: { ...MEGABYTE_WITH_LOSS, t: '4000', speed: '10', pace: 'exact', autoplay: '1' } },
  // the transfer played from its start at 1000×: segments flow for the whole recording (5 s of
  // its 6.3 s), over 3,000 of them by its end
  { name: 'transfer_1mb_1000x', query: { ...MEGABYTE_WITH_LOSS, t: '10', speed: '1000', autoplay: '1' }, seconds: 5, warmupMs: 300 },
  // a day of keepalive opened at its end and played on at 1000×: per-frame cost and heap must not grow with history
  { name: 'keepalive_24h', query: { a: actions(KEEPALIVE_1S), t: '86400', speed: '1000', autoplay: '1' } },
  // opening a long shared link (its actions are replayed on load)
  { name: 'link_5000_actions', query: { a: LINK_5000_ACTIONS, t: '300', speed: '1', autoplay: '1' } },
  { name: 'presenter_1366', query: { scenario: 'teardown', autoplay: '1', present: '1', lesson: '0' }, viewport: { width: 1366, height: 768 } },
];
