/**
 * `dist/embed.js`: the <tcp-state-sim> custom element for documentation pages (DESIGN.md
 * "Embed protocol"). No framework and no import from the app: it builds the app's embed URL
 * from its attributes, frames it (sandboxed, on the app's own origin), sizes the frame from the
 * app's resize messages, and re-emits the app's events as DOM CustomEvents (`tcp-ready`,
 * `tcp-state`, `tcp-note`, `tcp-time`, `tcp-ended`, `tcp-error`).
 *
 *   <script type="module" src="https://…/embed.js"></script>
 *   <tcp-state-sim scenario="teardown" lang="zh-CN" theme="dark" lesson autoplay></tcp-state-sim>
 */

const SOURCE = 'tcp-state-sim';
/** the app lives next to this script */
const APP_URL = new URL(/* @vite-ignore */ './', import.meta.url);
const DEFAULT_HEIGHT = 450;

/** attribute → URL parameter; boolean attributes become 1 (present) or 0 (`="0"`/`="false"`) */
const PASSED = ['scenario', 's', 'lang', 'theme', 'controls', 'profile', 'speed', 't'] as const;
const BOOLEAN = ['lesson', 'autoplay'] as const;
const LIVE = ['lang', 'theme'] as const;

type Cmd = { cmd: string; [k: string]: unknown };

export class TcpStateSim extends HTMLElement {
  static observedAttributes = [...PASSED, ...BOOLEAN, 'height'];
  private frame: HTMLIFrameElement | null = null;
  private src = '';
  private ready = false;
  private queue: Cmd[] = [];

  private readonly onMessage = (ev: MessageEvent) => {
    const f = this.frame;
    if (!f || ev.source !== f.contentWindow || ev.origin !== APP_URL.origin) return;
    const d: unknown = ev.data;
    if (typeof d !== 'object' || d === null || (d as { source?: unknown }).source !== SOURCE) return;
    const msg = d as { type?: unknown; height?: unknown };
    if (msg.type === 'resize' && typeof msg.height === 'number' && !this.hasAttribute('height')) {
      const h = Math.max(120, Math.min(4000, Math.ceil(msg.height)));
      f.style.height = `${h}px`;
    }
    if (msg.type === 'ready') {
      this.ready = true;
      for (const c of this.queue.splice(0)) this.post(c);
    }
    if (typeof msg.type === 'string') this.dispatchEvent(new CustomEvent(`tcp-${msg.type}`, { detail: d, bubbles: true, composed: true }));
  };

  connectedCallback(): void {
    window.addEventListener('message', this.onMessage);
    this.render();
  }

  disconnectedCallback(): void {
    window.removeEventListener('message', this.onMessage);
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (!this.frame || old === value) return;
    if (name === 'height') return this.sizeFixed();
    if ((LIVE as readonly string[]).includes(name) && value) {
      // no reload: the app switches language or theme in place
      this.send(name === 'lang' ? { cmd: 'set-lang', lang: value } : { cmd: 'set-theme', theme: value });
      return;
    }
    this.render();
  }

  /** Send a protocol command to the app (queued until it is ready). */
  send(c: Cmd): void {
    if (this.ready) this.post(c);
    else this.queue.push(c);
  }
  play(): void {
    this.send({ cmd: 'play' });
  }
  pause(): void {
    this.send({ cmd: 'pause' });
  }
  step(): void {
    this.send({ cmd: 'step' });
  }
  nextNote(): void {
    this.send({ cmd: 'next-note' });
  }
  prevNote(): void {
    this.send({ cmd: 'prev-note' });
  }
  seek(t: number): void {
    this.send({ cmd: 'seek', t });
  }

  private post(c: Cmd): void {
    this.frame?.contentWindow?.postMessage({ target: SOURCE, ...c }, APP_URL.origin);
  }

  private url(): string {
    const u = new URL(APP_URL.href);
    const q = u.searchParams;
    q.set('embed', '1');
    for (const a of PASSED) {
      const v = this.getAttribute(a);
      if (v !== null && v !== '') q.set(a, v);
    }
    for (const a of BOOLEAN) {
      const v = this.getAttribute(a);
      if (v !== null) q.set(a, v === '0' || v === 'false' ? '0' : '1');
    }
    const h = this.fixedHeight();
    if (h) q.set('height', String(h));
    // this page may command its own frame, and nobody else
    if (location.origin !== 'null') q.set('origin', location.origin);
    return u.href;
  }

  private fixedHeight(): number | null {
    const n = Number(this.getAttribute('height'));
    return this.hasAttribute('height') && Number.isFinite(n) && n >= 200 ? Math.min(4000, Math.round(n)) : null;
  }

  private sizeFixed(): void {
    if (this.frame) this.frame.style.height = `${this.fixedHeight() ?? DEFAULT_HEIGHT}px`;
  }

  private render(): void {
    const src = this.url();
    if (this.frame && src === this.src) return;
    this.src = src;
    this.ready = false;
    if (!this.frame) {
      const f = document.createElement('iframe');
      // the app's own origin only: never a foreign page with these permissions
      f.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups');
      f.setAttribute('title', this.getAttribute('title') ?? 'TCP state machine simulator');
      f.style.cssText = `display:block;width:100%;border:0;height:${this.fixedHeight() ?? DEFAULT_HEIGHT}px`;
      this.frame = f;
      if (!this.style.display) this.style.display = 'block';
      this.replaceChildren(f);
    }
    this.frame.src = src;
  }
}

if (!customElements.get('tcp-state-sim')) customElements.define('tcp-state-sim', TcpStateSim);
