// The example page's own script: frames the app with this page's origin allowed to command it,
// sizes the iframe from its resize messages, and logs what both embeds report.
// ?allow=ORIGINS overrides the allowed origins (to see commands from elsewhere ignored).
const app = new URL('./', location.href);
const frame = document.getElementById('frame');
const allow = new URLSearchParams(location.search).get('allow') ?? location.origin;
const lang = new URLSearchParams(location.search).get('lang') ?? 'en';
const params = { scenario: 'teardown', embed: '1', lang, origin: allow };
// ?speed= and ?pace= are passed on (the tests run the clock fast)
for (const k of ['speed', 'pace']) {
  const v = new URLSearchParams(location.search).get(k);
  if (v) params[k] = v;
}
const src = new URL(app.href);
src.search = new URLSearchParams(params).toString();
frame.src = src.href;

window.frameEvents = [];
const log = document.getElementById('log');
window.addEventListener('message', (ev) => {
  if (ev.source !== frame.contentWindow || ev.data?.source !== 'tcp-state-sim') return;
  window.frameEvents.push(ev.data);
  if (ev.data.type === 'resize') frame.style.height = `${ev.data.height}px`;
  if (ev.data.type !== 'time') {
    const li = document.createElement('li');
    li.textContent = JSON.stringify(ev.data);
    log.append(li);
  }
});
for (const b of document.querySelectorAll('[data-cmd]')) {
  b.addEventListener('click', () => frame.contentWindow.postMessage({ target: 'tcp-state-sim', cmd: b.dataset.cmd }, app.origin));
}

window.elementEvents = [];
const el = document.getElementById('element');
el.setAttribute('lang', lang);
const elementLog = document.getElementById('element-log');
for (const type of ['tcp-ready', 'tcp-state', 'tcp-note', 'tcp-ended', 'tcp-error']) {
  el.addEventListener(type, (ev) => {
    window.elementEvents.push({ event: type, ...ev.detail });
    const li = document.createElement('li');
    li.textContent = `${type} ${JSON.stringify(ev.detail)}`;
    elementLog.append(li);
  });
}
