/**
 * The fleet page as a person uses it: it draws the run, the readouts at the cursor say what the
 * samples say, and a connection picked in a state opens in the two-peer view in that state.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { clientAddress, SERVER_ADDR, SERVER_PORT } from '../src/fleet/addresses.ts';
import { replayOf } from '../src/fleet/drill.ts';
import { FleetSim } from '../src/fleet/sim.ts';
import { preset } from '../src/fleet/presets/index.ts';
import { awkOutput, ssSummary } from '../src/fleet/readouts.ts';
import { listStreams, readCapture, streamPackets } from '../src/pcap/capture.ts';
import { drillCapture } from '../src/ui/fleet/drillCapture.ts';
import { englishIn } from './zhText.ts';

const finished = '[data-testid="fleet-page"][data-finished="1"]';

/** Clicks into a state's band of the chart, as a person picks a connection in that state. */
async function pickBand(page: Page, state: string): Promise<void> {
  const band = page.locator(`[data-testid="fleet-chart"] [data-testid="fleet-band"][data-state="${state}"]`);
  const box = (await band.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6);
  await page.mouse.down();
  await page.mouse.up();
}

test.describe('fleet view', () => {
  test.setTimeout(240_000);

  test('is reachable from the header, draws the run and shows its progress', async ({ page }) => {
    await page.goto('./?lang=en');
    await page.getByTestId('nav-fleet').click();
    await expect(page.getByTestId('fleet-page')).toBeVisible();
    await page.getByTestId('fleet-preset').selectOption('fin-wait-2');
    await expect(page.getByTestId('fleet-progress')).toBeVisible();
    await expect(page.locator(finished)).toBeVisible({ timeout: 200_000 });
    await expect(page.getByTestId('fleet-page')).toHaveAttribute('data-samples', '300');
    for (const st of ['LISTEN', 'FIN_WAIT_2', 'TIME_WAIT']) await expect(page.locator(`[data-testid="fleet-chart"] [data-testid="fleet-band"][data-state="${st}"]`)).toHaveCount(1);
    const d = await page.locator('[data-testid="fleet-band"][data-state="FIN_WAIT_2"]').getAttribute('d');
    expect(d?.length ?? 0).toBeGreaterThan(200);
  });

  test('a run can be cancelled: it stops where it was and says so', async ({ page }) => {
    await page.goto('./?view=fleet&preset=last-ack-pileup&lang=en');
    const cancel = page.getByTestId('fleet-cancel');
    await expect(cancel).toBeVisible();
    await cancel.click();
    const progress = page.getByTestId('fleet-progress');
    await expect(progress).toContainText('Cancelled');
    await expect(cancel).toBeHidden();
    const fleet = page.getByTestId('fleet-page');
    const n = await fleet.getAttribute('data-samples');
    const done = await progress.getAttribute('data-done');
    // the worker has stopped: nothing more arrives
    await page.waitForTimeout(1500);
    await expect(fleet).toHaveAttribute('data-samples', n!);
    await expect(progress).toHaveAttribute('data-done', done!);
    await expect(fleet).toHaveAttribute('data-finished', '0');
    expect(Number(done)).toBeLessThan(600);
  });

  test('readouts at the cursor match the samples', async ({ page }) => {
    await page.goto('./?view=fleet&preset=fin-wait-2&lang=en&t=75');
    const sim = new FleetSim(preset('fin-wait-2'));
    sim.runUntil(75);
    const s = sim.samples[74]!;
    await expect(page.getByTestId('fleet-readouts')).toHaveAttribute('data-t', '75', { timeout: 200_000 });
    await expect(page.getByTestId('fleet-awk')).toContainText(awkOutput(s).join('\n'));
    await expect(page.getByTestId('fleet-ss-s')).toContainText(ssSummary(s));
    await expect(page.locator('[data-testid="fleet-count"][data-state="FIN_WAIT_2"]')).toHaveText(s.states.FIN_WAIT_2.toLocaleString('en'));
    // moving the cursor with the keyboard moves the readouts with it
    await page.getByTestId('fleet-chart').locator('svg').focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('fleet-readouts')).toHaveAttribute('data-t', '74');
    await expect(page.getByTestId('fleet-ss-s')).toContainText(ssSummary(sim.samples[73]!));
  });

  test('a connection picked in a state opens in the two-peer view in that state', async ({ page }) => {
    // linked in the dark theme: the story opens in it too
    await page.goto('./?view=fleet&preset=fin-wait-2&lang=en&theme=dark');
    await expect(page.locator(finished)).toBeVisible({ timeout: 200_000 });
    await pickBand(page, 'FIN_WAIT_2');
    const summary = page.getByTestId('fleet-drill-summary');
    await expect(summary).toHaveAttribute('data-state', 'FIN_WAIT_2', { timeout: 120_000 });
    const open = page.getByTestId('fleet-drill-open').first();
    await expect(open).toBeVisible();
    const serial = await page.getByTestId('fleet-drill-conn').first().getAttribute('data-serial');
    await open.click();
    await expect(page.getByTestId('peer-server')).toHaveAttribute('data-tcp-state', 'FIN_WAIT_2', { timeout: 30_000 });
    // the story names the connection and says where the fleet found it (not "Free play")
    await expect(page.locator('#story-h')).toHaveText(`Fleet connection #${serial}: the server in FIN_WAIT_2`);
    await expect(page.getByTestId('note')).toContainText('This is where the fleet found it: the server side in FIN_WAIT_2');
    await expect(page.locator('[data-testid="diagram-state"][data-state="FIN_WAIT_2"]')).toHaveAttribute('data-active-peers', /server/);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    // its first half second, a dozen segments on the fleet's short links, is drawn a label apart
    // (storyAxis.ts): no state name of the ladder over another (zoomed out a step: more of it in the box)
    await page.getByTestId('seq-zoom-out').click();
    await expect(page.getByTestId('sequence-diagram')).toHaveAttribute('data-zoom', '0.667');
    const names = await page.getByTestId('sequence-diagram').locator('.seq-band-label').evaluateAll((els) => els.map((el) => { const r = el.getBoundingClientRect(); return { text: el.textContent, l: r.left, t: r.top, r: r.right, b: r.bottom }; }));
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < names.length; i++)
      for (let j = i + 1; j < names.length; j++) {
        const [p, q] = [names[i]!, names[j]!];
        expect(Math.min(p.r, q.r) - Math.max(p.l, q.l) > 0.5 && Math.min(p.b, q.b) - Math.max(p.t, q.t) > 0.5, `${p.text} / ${q.text}`).toBe(false);
      }
    // and a segment's label is clear of every other by 4 px: a burst sent at one instant (the
    // response and its FIN) leaves a step apart instead of fanning out from one point, where the
    // label layout could only keep its labels from touching (each label is a box turned along its
    // arrow, grown by 2 px; separating-axis test)
    const clashes = await page.getByTestId('sequence-diagram').locator('.seq-seg-label').evaluateAll((els) => {
      type P = [number, number];
      const quads = els.flatMap((el) => {
        const g = el as SVGGraphicsElement;
        const b = g.getBBox();
        const m = g.getScreenCTM();
        if (getComputedStyle(g).opacity === '0' || !m || b.width === 0) return [];
        const k = Math.hypot(m.a, m.b) || 1;
        const [x0, y0, x1, y1] = [b.x - 2 / k, b.y - 2 / k, b.x + b.width + 2 / k, b.y + b.height + 2 / k];
        const pts: P[] = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
        return [{ text: el.textContent, q: pts.map(([x, y]): P => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]) }];
      });
      const apart = (p: P[], q: P[]) =>
        [p, q].some((poly) =>
          poly.some((a, i) => {
            const c = poly[(i + 1) % 4]!;
            const [nx, ny] = [c[1] - a[1], a[0] - c[0]];
            const span = (pts: P[]) => pts.map(([x, y]) => x * nx + y * ny);
            const [sp, sq] = [span(p), span(q)];
            return Math.max(...sp) <= Math.min(...sq) || Math.max(...sq) <= Math.min(...sp);
          }),
        );
      const out: string[] = [];
      for (let i = 0; i < quads.length; i++) for (let j = i + 1; j < quads.length; j++) if (!apart(quads[i]!.q, quads[j]!.q)) out.push(`${quads[i]!.text} / ${quads[j]!.text}`);
      return { n: quads.length, out };
    });
    expect(clashes.n).toBeGreaterThanOrEqual(6);
    expect(clashes.out).toEqual([]);
  });

  test('a what-if draws the run after the change next to the one before, with its marker', async ({ page }) => {
    await page.goto('./?view=fleet&preset=fin-wait-2&lang=en&t=120');
    await expect(page.getByTestId('fleet-readouts')).toHaveAttribute('data-t', '120', { timeout: 200_000 });
    await page.getByTestId('fleet-whatif-knob').selectOption('tcp_fin_timeout');
    await page.getByTestId('fleet-whatif-value').fill('banana');
    await page.getByTestId('fleet-whatif-apply').click();
    await expect(page.getByTestId('fleet-whatif-error')).toContainText('tcp_fin_timeout');
    await page.getByTestId('fleet-whatif-value').fill('30');
    await page.getByTestId('fleet-whatif-apply').click();
    await expect(page.getByTestId('fleet-chart-after')).toBeVisible();
    await expect(page.getByTestId('fleet-chart-after').getByTestId('fleet-marker')).toHaveAttribute('data-t', '120');
  });

  test('the connection drilled into downloads as a capture of its own segments', async ({ page }) => {
    // linked in the dark theme: the story opens in it too
    await page.goto('./?view=fleet&preset=fin-wait-2&lang=en&theme=dark');
    await expect(page.locator(finished)).toBeVisible({ timeout: 200_000 });
    await pickBand(page, 'FIN_WAIT_2');
    const summary = page.getByTestId('fleet-drill-summary');
    await expect(summary).toHaveAttribute('data-state', 'FIN_WAIT_2', { timeout: 120_000 });
    const at = Number(await summary.getAttribute('data-t'));
    const conn = page.getByTestId('fleet-drill-conn').first();
    const serial = Number(await conn.getAttribute('data-serial'));
    const peer = (await conn.getAttribute('data-peer'))!;
    const [download] = await Promise.all([page.waitForEvent('download'), conn.getByTestId('fleet-drill-capture').click()]);
    expect(download.suggestedFilename()).toBe(`fleet-fin-wait-2-conn${serial}-FIN_WAIT_2-${at}s.pcapng`);
    await expect(page.getByTestId('fleet-drill-status')).toContainText(download.suggestedFilename());
    const bytes = new Uint8Array(readFileSync((await download.path())!));

    // the project's own reader takes it: one TCP stream, the client's address to the server's port 80
    const cap = readCapture(bytes, download.suggestedFilename());
    expect(listStreams(cap)).toHaveLength(1);
    const { packets } = streamPackets(cap, 0);
    const colon = peer.lastIndexOf(':');
    expect(packets[0]).toMatchObject({ src: peer.slice(0, colon), srcPort: Number(peer.slice(colon + 1)), dst: SERVER_ADDR, dstPort: SERVER_PORT });
    expect(packets[0]!.flags).toEqual(['SYN']);
    // FIN_WAIT_2 at the server: its FIN left and the client acknowledged it
    const finAt = packets.findIndex((p) => p.src === SERVER_ADDR && p.flags.includes('FIN'));
    expect(finAt).toBeGreaterThan(0);
    expect(packets.slice(finAt + 1).some((p) => p.dst === SERVER_ADDR && p.flags.includes('ACK'))).toBe(true);

    // and it is that connection's story: the same bytes as its replay computed here
    const sim = new FleetSim(preset('fin-wait-2'), { stories: true });
    sim.runUntil(at);
    const story = sim.connectionsIn('FIN_WAIT_2', 1e9).find((c) => c.story?.serial === serial)!.story!;
    expect(clientAddress(story.port)).toBe(peer);
    const expected = drillCapture({ serial, peer, behaviour: story.behaviour, mode: story.mode, start: story.start, path: story.path, replay: replayOf(story, sim.now, sim.knobs) }, 'fin-wait-2');
    expect(Buffer.from(bytes).equals(Buffer.from(expected))).toBe(true);
  });

  test('every readout, label and tooltip is in the chosen language', async ({ page }) => {
    await page.goto('./?view=fleet&preset=close-wait-leak&lang=zh-CN&t=60');
    await expect(page.getByTestId('fleet-readouts')).toHaveAttribute('data-t', '60', { timeout: 200_000 });
    // the ss readout's tail line ("… N more" in English)
    await expect(page.getByTestId('fleet-ss-close-wait')).toContainText(/…… 另有 [\d,]+ 个/);
    await expect(page.getByTestId('fleet-ss-close-wait')).not.toContainText('more');
    const chart = page.getByTestId('fleet-chart');
    await expect(chart.locator('.axis-title')).toHaveText(['套接字数', '虚拟时间']);
    await expect(chart.locator('.axis text').filter({ hasText: / s$/ })).toHaveCount(0);
    await expect(page.getByTestId('fleet-rate-EMFILE').locator('td').first()).toHaveAttribute('title', /Too many open files/);
    await expect(page.getByTestId('fleet-rate-EMFILE').locator('td').first()).toHaveAttribute('title', /描述符/);
    // nothing the page shows or a screen reader says is left in English
    expect(await englishIn(page)).toEqual([]);
    // a what-if error is framed in the language, naming the knob
    await page.getByTestId('fleet-whatif-knob').selectOption('ulimit_n');
    await page.getByTestId('fleet-whatif-value').fill('4');
    await page.getByTestId('fleet-whatif-apply').click();
    await expect(page.getByTestId('fleet-whatif-error')).toHaveText('未应用：what-if.ulimit_n：应为整数 8..1048576（每个进程可打开的文件数（ulimit -n）），实际为 "4"');
    expect(await englishIn(page, page.getByTestId('fleet-whatif'))).toEqual([]);
    // a host knob of the kernel's listen path is listed by name and checked the same way
    await page.getByTestId('fleet-whatif-knob').selectOption('tcp_abort_on_overflow');
    await page.getByTestId('fleet-whatif-value').fill('2');
    await page.getByTestId('fleet-whatif-apply').click();
    await expect(page.getByTestId('fleet-whatif-error')).toHaveText('未应用：what-if.tcp_abort_on_overflow：应为整数 0..1（全连接队列已满时，0 = 丢弃握手的最后一个 ACK，1 = 以 RST 回应），实际为 "2"');
    // and the page's text carries none of the English strings of the fleet dictionary
    const text = await page.getByTestId('fleet-page').innerText();
    for (const english of ['more', 'Descriptors', 'What if', 'One connection', 'per second', 'sockets', 'virtual time']) expect(text, english).not.toContain(english);
  });
});

test('a what-if that clashes with an earlier one is refused before the run, in Chinese on a Chinese page', async ({ page }) => {
  await page.goto('./?view=fleet&preset=close-wait-leak&lang=zh-CN&t=30');
  const whatif = page.getByTestId('fleet-whatif');
  await page.getByTestId('fleet-whatif-knob').selectOption('rto_max');
  await page.getByTestId('fleet-whatif-value').fill('1');
  await page.getByTestId('fleet-whatif-apply').click();
  await expect(whatif.locator('.changes li')).toHaveCount(1);
  // alone, rto_min=5 is in range; after rto_max=1 the run would stop at that change, half drawn
  await page.getByTestId('fleet-whatif-knob').selectOption('rto_min');
  await page.getByTestId('fleet-whatif-value').fill('5');
  await page.getByTestId('fleet-whatif-apply').click();
  await expect(page.getByTestId('fleet-whatif-error')).toHaveText('未应用：what-if.rto_min：rto_min（5）大于 rto_max（1）');
  await expect(whatif.locator('.changes li')).toHaveCount(1);
  expect(await englishIn(page, whatif)).toEqual([]);
});
