// Script injection through every way text gets into the app: each URL parameter (DESIGN.md's list
// and unknown ones), a scenario in s= (titles, summaries and notes in both languages), a
// packetdrill script in pkt= (comments and a syntax error), a scenario file opened in the editor,
// a capture opened in the capture panel, and postMessage to an embed from an allowed and from a
// foreign origin. Each time: no injected script ran (a flag any payload would set, dialogs, CSP
// violations), no element or attribute was made from the payload, and the payload IS shown, as
// text, wherever the app echoes it (shortened when long).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { expect, test } from '@playwright/test';
import type { Frame, Page } from '@playwright/test';
import LZString from 'lz-string';

test.describe.configure({ timeout: 90_000 });
expect.configure({ timeout: 15_000 });

const lz = (v: unknown) => LZString.compressToEncodedURIComponent(typeof v === 'string' ? v : JSON.stringify(v));

/** Each one sets window.__pwned (or calls alert, which does too) if it is ever run as code. */
const P = {
  img: '<img src=x onerror=window.__pwned=1>',
  script: '<script>window.__pwned=2</script>',
  svg: '"><svg onload=window.__pwned=3>',
  js: 'javascript:window.__pwned=4//',
  tpl: "${window.__pwned=5}{{constructor.constructor('alert(6)')()}}",
  attr: "' autofocus onfocus='window.__pwned=7' x='",
  iframe: '<iframe srcdoc="<script>parent.__pwned=8</script>">',
};
/** How the app echoes a value from a link: at most 40 characters, then "…". */
const shown = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);

/** Traps in every frame of the page: a flag, dialogs, and Content-Security-Policy violations. */
async function arm(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__violations = [];
    w.__received = 0;
    for (const k of ['alert', 'confirm', 'prompt']) w[k] = () => (w.__pwned = k);
    document.addEventListener('securitypolicyviolation', (e) => (w.__violations as string[]).push(`${e.violatedDirective} ${e.blockedURI}`));
    // counts messages before the app's own listener sees them (used to know they were handled)
    window.addEventListener('message', () => (w.__received = (w.__received as number) + 1));
  });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

/** Everything a successful injection would leave behind, in one frame. */
async function traces(f: Frame | Page): Promise<string[]> {
  return f.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    const out: string[] = [];
    if (w.__pwned !== undefined) out.push(`script ran: __pwned = ${String(w.__pwned)}`);
    for (const v of (w.__violations as string[] | undefined) ?? []) out.push(`CSP violation: ${v}`);
    for (const el of document.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) out.push(`<${tag} ${a.name}>`);
        if (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) && /^\s*javascript:/i.test(a.value)) out.push(`<${tag} ${a.name}=javascript:>`);
      }
      if (tag === 'img' && el.getAttribute('src') === 'x') out.push('<img src=x>');
      if (tag === 'iframe' && el.hasAttribute('srcdoc')) out.push('<iframe srcdoc>');
      if (tag === 'script' && (!(el as HTMLScriptElement).src || new URL((el as HTMLScriptElement).src).origin !== location.origin)) out.push(`<script> ${(el.textContent ?? '').slice(0, 40)}`);
    }
    return out;
  });
}

async function expectClean(page: Page, dialogs: string[]) {
  const app = new URL(test.info().project.use.baseURL!).origin;
  for (const f of page.frames()) {
    const found = await traces(f);
    // a test's own host page (another origin) has its own inline script: only the flag counts there
    expect(f.url().startsWith(app) ? found : found.filter((x) => x.startsWith('script ran')), f.url()).toEqual([]);
  }
  expect(dialogs).toEqual([]);
}

test('no URL parameter injects markup or script; every bad value is echoed as text, shortened', async ({ page }) => {
  const dialogs = await arm(page);
  const long = `${P.img}${'y'.repeat(3000)}`;
  const params: [string, string][] = [
    ['scenario', P.img],
    ['profile', P.svg],
    ['theme', P.script],
    ['speed', P.js],
    ['t', P.tpl],
    ['autoplay', P.attr],
    ['embed', P.iframe],
    ['lesson', P.svg],
    ['present', P.js],
    ['controls', P.tpl],
    ['height', P.attr],
    ['view', P.iframe],
    ['origin', P.img],
    ['pace', long],
    // an unknown parameter is named (its value is not repeated)
    [P.script, P.img],
  ];
  const knob = '<img src=x onerror=alert(9)>';
  const q = new URLSearchParams([['lang', 'en'], ...params, ['k', lz({ [knob]: 1 })], ['a', lz([{ t: 0, peer: 'client', do: P.img }])]]);
  await page.goto(`./?${q.toString()}`);
  const alert = page.getByTestId('url-problems');
  await expect(alert).toBeVisible();
  const text = (await alert.textContent())!;
  for (const [name, value] of params) {
    expect(text, name).toContain(shown(name));
    if (!name.startsWith('<')) expect(text, name).toContain(shown(value));
  }
  expect(text).toContain(shown(long));
  expect(text).not.toContain('y'.repeat(41));
  expect(text).toContain(`unknown knob "${knob}"`);
  expect(text).toContain('<img src=x onerror=window.__pw');
  await expectClean(page, dialogs);

  // the language itself, then the same echo in Chinese
  await page.goto(`./?lang=${encodeURIComponent(P.svg)}&scenario=teardown`);
  await expect(alert).toContainText(shown(P.svg));
  await page.goto(`./?lang=zh-CN&${new URLSearchParams([['scenario', P.script], [P.img, P.attr], ['k', lz({ tcp_fin_timeout: P.tpl })]]).toString()}`);
  await expect(alert).toContainText(P.script);
  await expect(alert).toContainText(P.img);
  await expect(alert).toContainText(P.tpl.slice(0, 30));
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expectClean(page, dialogs);
});

const evilScenario = {
  id: 'injected',
  title: { en: `T ${P.img}`, 'zh-CN': `标题 ${P.svg}` },
  summary: { en: `S ${P.script}`, 'zh-CN': `摘要 ${P.iframe}` },
  steps: [
    { at: 0, peer: 'server', do: 'listen' },
    { at: 0.1, peer: 'client', do: 'connect' },
  ],
  notes: [{ at: 0.1, text: { en: `N ${P.attr}`, 'zh-CN': `注释 ${P.tpl}` } }],
};

test('a scenario in s= shows its titles, summaries and notes as text in both languages', async ({ page }) => {
  const dialogs = await arm(page);
  for (const lang of ['en', 'zh-CN'] as const) {
    await page.goto(`./?lang=${lang}&s=${lz(evilScenario)}`);
    await expect(page.locator('.story h2')).toHaveText(evilScenario.title[lang]);
    await expect(page.locator('#story-summary')).toHaveText(evilScenario.summary[lang]);
    // play to the note
    await page.getByTestId('play').click();
    await expect(page.getByTestId('scenario-note')).toContainText(evilScenario.notes[0]!.text[lang]);
    await expectClean(page, dialogs);
  }
  // a broken one: the bad value is named in the report, as text
  const broken = { ...evilScenario, steps: [{ at: 0, peer: 'server', do: P.img }] };
  await page.goto(`./?lang=en&s=${lz(broken)}`);
  await expect(page.getByTestId('url-problems')).toContainText('steps[0].do');
  await expect(page.getByTestId('url-problems')).toContainText('<img src=x');
  await expectClean(page, dialogs);
});

test('a packetdrill script in pkt= shows its comments and its syntax error as text', async ({ page }) => {
  const dialogs = await arm(page);
  const script = [
    `// ${P.img}`,
    '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
    `/* ${P.svg} ${P.iframe} */`,
    `+0 ${P.script}`,
    '',
  ].join('\n');
  // a linked script is run at once: its listing, with the line that failed and why
  await page.goto(`./?view=packetdrill&lang=en&pkt=${lz(script)}`);
  const verdict = page.getByTestId('pkt-verdict');
  await expect(verdict).toHaveAttribute('data-line', '4');
  await expect(verdict).toContainText('linked.pkt:4:');
  const listing = page.getByTestId('pkt-listing');
  await expect(listing.locator('li[data-line="1"]')).toContainText(P.img);
  await expect(listing.locator('li[data-line="3"]')).toContainText(`${P.svg} ${P.iframe}`);
  await expect(listing.locator('li[data-line="4"]')).toContainText(P.script);
  await expectClean(page, dialogs);
  // and the script as the editor shows it
  await page.getByTestId('pkt-edit').click();
  await expect(page.getByTestId('pkt-text')).toHaveValue(script);
  await expectClean(page, dialogs);
});

test('a scenario file opened in the editor and a capture opened in the capture panel show their names and texts as text', async ({ page }) => {
  const dialogs = await arm(page);
  await page.goto('./?lang=en');
  await page.getByTestId('editor-open').click();
  const good = { ...evilScenario, steps: [{ at: 0, peer: 'server', do: 'listen' }] };
  await page.getByTestId('editor-load').setInputFiles({ name: `${P.svg}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
  await expect(page.locator('.story h2')).toHaveText(good.title.en);
  await expect(page.getByTestId('editor-title-en')).toHaveValue(good.title.en);
  const broken = { ...good, notes: [{ at: 0, text: { en: 'n', 'zh-CN': 'n' } }], steps: [{ at: 0, peer: P.img, do: 'listen' }] };
  await page.getByTestId('editor-load').setInputFiles({ name: `${P.iframe}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await expect(page.getByTestId('editor-error')).toContainText(`${P.iframe}.json`);
  await expect(page.getByTestId('editor-error')).toContainText('<img src=x');
  await expectClean(page, dialogs);

  // captures: the file's name is the text a capture brings (addresses and numbers are parsed)
  await page.getByTestId('capture-panel').locator('summary').click();
  await page.getByTestId('open-capture').setInputFiles({ name: `${P.img}.pcap`, mimeType: 'application/octet-stream', buffer: Buffer.from(`${P.script} is not a capture`) });
  await expect(page.getByTestId('capture-error')).toContainText(`${P.img}.pcap: byte 0: wrong magic number`);
  const pcap = readFileSync('tests/captures/linux/teardown.pcap');
  await page.getByTestId('open-capture').setInputFiles({ name: `${P.svg}.pcap`, mimeType: 'application/octet-stream', buffer: pcap });
  await expect(page.getByTestId('capture-dialog').locator('h2')).toContainText(`${P.svg}.pcap`);
  await expectClean(page, dialogs);
});

test.describe('postMessage to an embed', () => {
  const APP = () => new URL(test.info().project.use.baseURL!).origin;
  // Two host pages' servers of their own, on other ports than the app's: other origins. (On the
  // loopback: Chromium lets no public page frame a local one.)
  const servers: Server[] = [];
  const origins: string[] = [];
  test.beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const server = createServer((req, res) => {
        const allow = new URL(req.url!, 'http://x').searchParams.get('allow') ?? '';
        res.setHeader('content-type', 'text/html');
        res.end(`<!doctype html><title>host</title><script>window.got = []; addEventListener('message', (e) => got.push(e.data));</script>
<iframe id="f" width="700" height="450" src="${APP()}/?scenario=teardown&embed=1&lang=en&origin=${encodeURIComponent(allow)}"></iframe>`);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      servers.push(server);
      origins.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }
  });
  test.afterAll(async () => {
    for (const s of servers) await new Promise((r) => s.close(r));
    // a worker may run this group's hooks again for its next test: start from no servers, not closed ones
    servers.length = 0;
    origins.length = 0;
  });
  const HOST = () => origins[0]!;
  const STRANGER = () => origins[1]!;

  /** A host page on its own origin that frames the app, allowing only `allow`, and logs what the frame posts. */
  async function hostPage(page: Page, origin: string, allow: string) {
    await page.goto(`${origin}/host.html?allow=${encodeURIComponent(allow)}`);
    await expect.poll(() => page.evaluate(() => (window as unknown as { got: { type: string }[] }).got.some((m) => m.type === 'ready'))).toBe(true);
    const frame = page.frames().find((f) => f.url().startsWith(APP()))!;
    let sent = 0;
    const send = async (...messages: unknown[]) => {
      for (const m of messages) await page.evaluate((d) => (document.getElementById('f') as HTMLIFrameElement).contentWindow!.postMessage(typeof d === 'string' ? JSON.parse(d) : d, '*'), m);
      sent += messages.length;
      // the frame has handled them once its first listener has counted them (same dispatch)
      await expect.poll(() => frame.evaluate(() => (window as unknown as { __received: number }).__received)).toBeGreaterThanOrEqual(sent);
    };
    const replies = () => page.evaluate(() => (window as unknown as { got: { type: string; cmd?: string; message?: string }[] }).got.filter((m) => m.type === 'error'));
    return { frame, send, replies };
  }

  test('an allowed host\'s messages with payloads are answered as data, and a scenario it loads is shown as text', async ({ page }) => {
    const dialogs = await arm(page);
    const { frame, send, replies } = await hostPage(page, HOST(), HOST());
    const m = (o: Record<string, unknown>) => ({ target: 'tcp-state-sim', ...o });
    await send(
      m({ cmd: P.img }),
      m({ cmd: 'set-lang', lang: P.svg }),
      m({ cmd: 'seek', t: P.script }),
      m({ cmd: 'load', scenario: `${P.iframe}${'z'.repeat(5000)}` }),
      m({ cmd: 'play', [P.attr]: 1 }),
      // an own "__proto__" key, as a host's JSON.parse makes it
      `{"target":"tcp-state-sim","cmd":"set-theme","__proto__":{"theme":"dark","polluted":1}}`,
    );
    await expect.poll(async () => (await replies()).length).toBe(6);
    const r = await replies();
    expect(r[0]).toMatchObject({ cmd: P.img.slice(0, 40), message: expect.stringContaining('unknown command "<img src=x onerror=window.__pwned=1>"') });
    expect(r[1]!.message).toContain(JSON.stringify(P.svg).slice(0, 40));
    expect(r[2]!.message).toContain('"<script>');
    expect(r[3]!.message).not.toContain('z'.repeat(41));
    expect(r[4]!.message).toContain(shown(P.attr));
    expect(r[5]!.message).toMatch(/^__proto__: unknown field/);
    expect(await frame.evaluate(() => (({}) as Record<string, unknown>).polluted)).toBeUndefined();

    await send(m({ cmd: 'load', s: lz(evilScenario) }));
    await expect(frame.locator('h1')).toHaveText(evilScenario.title.en);
    await send(m({ cmd: 'set-lang', lang: 'zh-CN' }));
    await expect(frame.locator('h1')).toHaveText(evilScenario.title['zh-CN']);
    await send(m({ cmd: 'play' }));
    await expect(frame.getByTestId('note')).toHaveText(evilScenario.notes[0]!.text['zh-CN']);
    await expectClean(page, dialogs);
  });

  test('a page on a foreign origin is ignored: no command runs, no answer is sent', async ({ page }) => {
    const dialogs = await arm(page);
    const { frame, send, replies } = await hostPage(page, STRANGER(), HOST());
    const title = await frame.locator('h1').textContent();
    const m = (o: Record<string, unknown>) => ({ target: 'tcp-state-sim', ...o });
    await send(m({ cmd: 'load', s: lz(evilScenario) }), m({ cmd: 'play' }), m({ cmd: 'seek', t: 30 }), m({ cmd: P.img }), m({ cmd: 'set-lang', lang: 'zh-CN' }));
    await expect(frame.locator('h1')).toHaveText(title!);
    await expect(frame.getByTestId('sim-time')).toHaveAttribute('data-seconds', '0');
    await expect(frame.getByTestId('player')).toHaveAttribute('data-status', 'idle');
    await expect(frame.locator('html')).toHaveAttribute('lang', 'en');
    expect(await replies()).toEqual([]);
    await expectClean(page, dialogs);
  });
});
