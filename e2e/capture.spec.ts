import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { listStreams, readCapture } from '../src/pcap/capture.ts';
import { readFrames } from '../src/pcap/frames.ts';
import { ipv4Packet } from '../src/pcap/packet.ts';
import { pcapFile, seg, withLink } from '../src/pcap/test-captures.ts';
import { ladderCrowding, open, SHOTS, squeezedLabels } from './helpers.ts';
import { englishIn } from './zhText.ts';

test('Download capture: the run as pcapng at both peers, read back by the capture reader', async ({ page }) => {
  await open(page, 'scenario=teardown&t=5');
  await page.getByTestId('capture-panel').locator('summary').click();
  await page.getByTestId('capture-point').selectOption('both');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-capture').click()]);
  expect(download.suggestedFilename()).toBe('teardown-both.pcapng');
  const bytes = readFileSync(await download.path());
  const c = readCapture(bytes, 'teardown-both.pcapng');
  expect(c.format).toBe('pcapng');
  expect(listStreams(c)).toHaveLength(1);
  expect(c.tcp).toHaveLength(18); // nine segments, each seen leaving and arriving
  await expect(page.getByRole('status').filter({ hasText: 'Saved teardown-both.pcapng' })).toBeVisible();
  // Classic pcap cannot hold two interfaces: the page says so instead of writing a wrong file.
  await page.getByTestId('capture-format').selectOption('pcap');
  await expect(page.getByTestId('download-capture')).toBeDisabled();
});

test('Open capture…: a real Linux capture replayed through the state machine', async ({ page }) => {
  await open(page, 'scenario=teardown');
  await page.getByTestId('capture-panel').locator('summary').click();
  await page.getByTestId('open-capture').setInputFiles('tests/captures/linux/teardown.pcap');
  const dialog = page.getByTestId('capture-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('capture-stream')).toContainText('10.14.0.1:40000 → 10.14.0.2:8080, 8 packets');
  await expect(dialog.getByTestId('capture-state-client')).toHaveAttribute('data-tcp-state', 'TIME_WAIT');
  await expect(dialog.getByTestId('capture-state-server')).toHaveAttribute('data-tcp-state', 'CLOSED');
  await expect(dialog.getByTestId('capture-paths')).toContainText('Client: CLOSED → SYN_SENT → ESTABLISHED → FIN_WAIT_1 → TIME_WAIT');
  await expect(dialog.locator('[data-testid="diagram-state"][data-state="TIME_WAIT"]')).toHaveAttribute('data-active-peers', 'client');
  // zoomed out a step, the dialog's ladder holds the whole exchange
  await dialog.getByTestId('seq-zoom-out').click();
  await expect(dialog.locator('[data-testid="segment"]')).toHaveCount(8);
  await expect(dialog).toContainText('None: every segment is what the model would have sent and accepted.');
  // packets stamped microseconds apart are drawn a label apart: no state name over another, no
  // two arrows at one height
  const ladder = dialog.getByTestId('sequence-diagram');
  const names = await ladder.locator('.seq-band-label').evaluateAll((els) => els.map((el) => { const r = el.getBoundingClientRect(); return { text: el.textContent, l: r.left, t: r.top, r: r.right, b: r.bottom }; }));
  expect(names.length).toBeGreaterThanOrEqual(8);
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++) {
      const [p, q] = [names[i]!, names[j]!];
      expect(Math.min(p.r, q.r) - Math.max(p.l, q.l) > 0.5 && Math.min(p.b, q.b) - Math.max(p.t, q.t) > 0.5, `${p.text} / ${q.text}`).toBe(false);
    }
  const arrowYs = (await ladder.getByTestId('segment').evaluateAll((els) => els.map((el) => el.querySelector('line')!.getBoundingClientRect().top))).sort((a, b) => a - b);
  for (let i = 1; i < arrowYs.length; i++) expect(arrowYs[i]! - arrowYs[i - 1]!, 'px between two arrows').toBeGreaterThan(10);
  await page.screenshot({ path: `${SHOTS}/capture-replay-1366.png` });
  // Back to the first packet: the client has just sent its SYN.
  await dialog.getByTestId('capture-time').fill('0');
  await expect(dialog.getByTestId('capture-state-client')).toHaveAttribute('data-tcp-state', 'SYN_SENT');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('Open capture…: a file that is not a capture gets an error naming the file and byte', async ({ page }) => {
  await open(page);
  await page.getByTestId('capture-panel').locator('summary').click();
  await expect(page.getByTestId('capture-panel')).toContainText('Open capture…');
  await page.getByTestId('open-capture').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello, not a capture') });
  await expect(page.getByTestId('capture-error')).toHaveText('notes.txt: byte 0: wrong magic number 0x68656c6c: not a pcap or pcapng file');
  await page.screenshot({ path: `${SHOTS}/capture-panel-en.png` });
});

test('Open capture…: a real simultaneous close shows both peers in CLOSING at the capture time', async ({ page }) => {
  await open(page, 'scenario=teardown');
  await page.getByTestId('capture-panel').locator('summary').click();
  await page.getByTestId('open-capture').setInputFiles('tests/captures/linux/simultaneous-close.pcap');
  const dialog = page.getByTestId('capture-dialog');
  await expect(dialog.getByTestId('capture-paths')).toContainText('FIN_WAIT_1 → CLOSING → TIME_WAIT');
  // the FINs crossed (sent at 1.044 s and 1.155 s); from 1.155318 s both are CLOSING until the
  // server's ACK of the client's FIN, captured at 1.155412 s
  await dialog.getByTestId('capture-time').fill('1.15536');
  await expect(dialog.getByTestId('capture-state-client')).toHaveAttribute('data-tcp-state', 'CLOSING');
  await expect(dialog.getByTestId('capture-state-server')).toHaveAttribute('data-tcp-state', 'CLOSING');
  await expect(dialog.locator('[data-testid="diagram-state"][data-state="CLOSING"]')).toHaveAttribute('data-active-peers', 'client server');
  await expect(dialog).toContainText('None: every segment is what the model would have sent and accepted.');
  await dialog.getByTestId('capture-time').fill('1.2');
  await expect(dialog.getByTestId('capture-state-client')).toHaveAttribute('data-tcp-state', 'TIME_WAIT');
  await expect(dialog.getByTestId('capture-state-server')).toHaveAttribute('data-tcp-state', 'TIME_WAIT');
});

for (const lang of ['en', 'zh-CN'] as const) {
  test(`Open capture…: a loss the capture point cannot see is flagged, with the reason in ${lang}`, async ({ page }) => {
    // lost-final-ack captured at the client: the client's last ACK is lost after the capture saw it,
    // so the server's FIN retransmission makes no sense at the client's end
    await open(page, `scenario=lost-final-ack&t=200&lang=${lang}`);
    await page.getByTestId('capture-panel').locator('summary').click();
    await page.getByTestId('capture-point').selectOption('client');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-capture').click()]);
    await page.getByTestId('open-capture').setInputFiles(await download.path());
    const dialog = page.getByTestId('capture-dialog');
    const flag = dialog.getByTestId('capture-flag').first();
    await expect(flag).toBeVisible();
    const reason = flag.getByTestId('capture-flag-reason');
    if (lang === 'en') await expect(reason).toHaveText(/^the server model in CLOSED would not send FIN,ACK seq=\d+ ack=\d+ len=0/);
    else await expect(reason).toHaveText(/^服务器端的模型处于 CLOSED，不会发送 FIN,ACK seq=\d+ ack=\d+ len=0/);
    // the stream's choice is in the page's language too
    await expect(dialog.getByTestId('capture-stream').locator('option').first()).toHaveText(lang === 'en' ? /^0: [\d.]+:\d+ → [\d.]+:\d+, \d+ packets$/ : /^0：[\d.]+:\d+ → [\d.]+:\d+，\d+ 个包$/);
    await page.screenshot({ path: `${SHOTS}/capture-flag-${lang}.png` });
    // on a phone the dialog's Close keeps its word on one line beside the long title
    await page.setViewportSize({ width: 390, height: 844 });
    const closeLines = await dialog.getByTestId('capture-close').evaluate((el) => {
      const r = document.createRange();
      r.selectNodeContents(el);
      return new Set([...r.getClientRects()].filter((q) => q.width > 0).map((q) => Math.round(q.top))).size;
    });
    expect(closeLines, 'lines of the Close button').toBe(1);
  });
}

/**
 * A capture rewritten as pcap with packet 7 stamped 1.5 s (in teardown at the client: the ACK of
 * the FIN, at 2.1 s), and a UDP packet after the last one (the reader skips it, with a note).
 */
function clockStep(bytes: Uint8Array): Buffer {
  const ff = readFrames(bytes, 'teardown.pcapng');
  const lt = ff.interfaces[0]!.linkType;
  const udp = ipv4Packet(seg());
  udp[9] = 17;
  const frames = ff.frames.map((f) => ({ t: f.number === 7 ? 1.5 : f.t, data: f.data }));
  return Buffer.from(pcapFile(lt, [...frames, { t: frames.at(-1)!.t + 1, data: withLink(lt, udp) }]));
}

for (const lang of ['en', 'zh-CN'] as const) {
  test(`Open capture…: a packet stamped before an earlier one is reported with both times, in ${lang}`, async ({ page }) => {
    await open(page, `scenario=teardown&t=100&lang=${lang}`);
    await page.getByTestId('capture-panel').locator('summary').click();
    await page.getByTestId('capture-point').selectOption('client');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-capture').click()]);
    const buffer = clockStep(new Uint8Array(readFileSync((await download.path())!)));
    // the file picker is a button in the page's words, not the browser's "Choose File"
    await expect(page.getByTestId('open-capture')).toHaveCSS('opacity', '0');
    await expect(page.getByTestId('capture-panel').locator('label.file-btn')).toHaveText(lang === 'en' ? 'Open capture…' : '打开抓包文件…');
    await page.getByTestId('open-capture').setInputFiles({ name: 'clock-step.pcap', mimeType: 'application/vnd.tcpdump.pcap', buffer });
    const dialog = page.getByTestId('capture-dialog');
    const note = dialog.getByTestId('capture-time-back');
    if (lang === 'en') await expect(note).toHaveText("packet 7 is stamped 1.500000 s, 0.500000 s before packet 6 (2.000000 s): replayed at packet 6’s time");
    else await expect(note).toHaveText('第 7 个包的时间戳为 1.500000 秒，比第 6 个包（2.000000 秒）早 0.500000 秒：按第 6 个包的时间回放');
    // the skipped UDP packet's note is in the page's language too
    const skipped = dialog.getByTestId('capture-notes');
    if (lang === 'en') await expect(skipped).toHaveText(/^clock-step\.pcap: 1 packet skipped: IP protocol 17 \(first: packet \d+ at byte \d+: not TCP \(IP protocol 17\)\)$/);
    else await expect(skipped).toHaveText(/^clock-step\.pcap：跳过 1 个包：IP 协议 17（第一个：第 \d+ 个包，位于第 \d+ 字节：不是 TCP（IP 协议 17））$/);
    // the replay still reaches the end of the connection
    await expect(dialog.getByTestId('capture-state-client')).toHaveAttribute('data-tcp-state', 'TIME_WAIT');
    // each peer's path is introduced with the language's own colon
    await expect(dialog.getByTestId('capture-state-client')).toHaveText(lang === 'en' ? /^Client: CLOSED → SYN_SENT → / : /^客户端：CLOSED → SYN_SENT → /);
    await page.screenshot({ path: `${SHOTS}/capture-time-back-${lang}.png` });
    if (lang === 'zh-CN') {
      expect(await englishIn(page, dialog)).toEqual([]);
      // a file that is not a capture: the reader's problem in Chinese, naming the file and the byte
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await page.getByTestId('open-capture').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello, not a capture') });
      await expect(page.getByTestId('capture-error')).toHaveText('notes.txt：第 0 字节：魔数 0x68656c6c 不对：不是 pcap 或 pcapng 文件');
      expect(await englishIn(page, page.getByTestId('capture-panel'))).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/capture-panel-zh.png` });
    }
  });
}

test('Capture replay: a stream the capture does not hold is answered in Chinese on a Chinese page', async ({ page }) => {
  await open(page, 'scenario=teardown&lang=zh-CN');
  await page.getByTestId('capture-panel').locator('summary').click();
  await page.getByTestId('open-capture').setInputFiles('tests/captures/linux/teardown.pcap');
  const dialog = page.getByTestId('capture-dialog');
  await expect(dialog.getByTestId('capture-state-client')).toBeVisible();
  // the list offers only the capture's streams: a stale or hand-made choice stands for any stream id it does not hold
  await dialog.getByTestId('capture-stream').evaluate((s: HTMLSelectElement) => {
    s.add(new Option('5', '5'));
    s.value = '5';
    s.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect(dialog.getByTestId('capture-error')).toHaveText(/^teardown\.pcap：没有 TCP 流 5；抓包中有 1 条：0：10\.14\.0\.1:40000 → 10\.14\.0\.2:8080，\d+ 个包$/);
  expect(await englishIn(page, dialog.getByTestId('capture-error'))).toEqual([]);
});

for (const [w, h, lang] of [[390, 844, 'en'], [390, 844, 'zh-CN'], [700, 450, 'en']] as const) {
  test(`Capture replay at ${w}×${h} (${lang}): the ladder's labels are clear of each other and the arrows, none squeezed into the lane, no state name condensed`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await open(page, `scenario=teardown&lang=${lang}`);
    await page.getByTestId('capture-panel').locator('summary').click();
    await page.getByTestId('open-capture').setInputFiles('tests/captures/linux/teardown.pcap');
    const dialog = page.getByTestId('capture-dialog');
    await expect(dialog.getByTestId('capture-state-client')).toBeVisible();
    const seq = dialog.getByTestId('sequence-diagram');
    await seq.scrollIntoViewIfNeeded();
    // the whole exchange, from its first packet
    await seq.locator('.seq-scroll').evaluate((el) => el.scrollTo(0, 0));
    await expect(seq.locator('[data-testid="segment"][data-id="1"]')).toBeVisible();
    await page.waitForTimeout(200);
    expect(await ladderCrowding(page, seq)).toEqual([]);
    expect(await squeezedLabels(page, seq)).toEqual([]);
    await seq.screenshot({ path: `${SHOTS}/capture-ladder-${w}x${h}-${lang}.png` });
    // and down to its last packet
    await seq.locator('.seq-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(seq.locator('[data-testid="segment"][data-id="8"]')).toBeVisible();
    await page.waitForTimeout(200);
    expect(await ladderCrowding(page, seq)).toEqual([]);
    expect(await squeezedLabels(page, seq)).toEqual([]);
  });
}
