/**
 * The service worker (vite-plugin-pwa generates dist/sw.js with workbox): it stores the app, every
 * lazy chunk, every scenario and both languages, so after one visit everything works with the
 * network off. Registered from this module (no inline script: the page's CSP forbids them), after
 * the page has loaded so it never competes with the first render, with the browser's own API (a
 * few lines instead of the workbox-window library on every first visit). A new version waits
 * until the reader says so (UpdateNotice), so a lesson is never reloaded under a trainer's feet.
 */

export type PwaEvent = 'need-refresh' | 'offline-ready';

type Listener = () => void;
const listeners = new Set<Listener>();
let status: PwaEvent | null = null;
let registration: ServiceWorkerRegistration | null = null;

function set(s: PwaEvent | null) {
  status = s;
  for (const l of listeners) l();
}

export const pwaStatus = (): PwaEvent | null => status;
export function onPwaStatus(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
export const dismissPwa = () => set(null);

/** Activates the waiting version (workbox's worker obeys SKIP_WAITING); the page reloads once it controls the page. */
export function applyUpdate(): void {
  const waiting = registration?.waiting;
  if (!waiting) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
  waiting.postMessage({ type: 'SKIP_WAITING' });
}

/**
 * A worker that finished installing has stored every file: on a page no worker controlled yet
 * that is the first install ("works offline now"); on a controlled page it is a new version,
 * which waits for the reader's Reload.
 */
function follow(worker: ServiceWorker, controlled: boolean): void {
  const seen = () => {
    if (worker.state === 'installed' || worker.state === 'activated') {
      worker.removeEventListener('statechange', seen);
      set(controlled ? 'need-refresh' : 'offline-ready');
    }
  };
  worker.addEventListener('statechange', seen);
  seen();
}

export function registerServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const go = () => {
    // whether a worker controlled this page when it loaded (a first visit has none)
    const controlled = navigator.serviceWorker.controller !== null;
    navigator.serviceWorker.register('./sw.js', { scope: './' }).then(
      (reg: ServiceWorkerRegistration | undefined) => {
        // a registration blocked by the browser's automation resolves with nothing
        if (!reg) return;
        registration = reg;
        if (reg.waiting && controlled) set('need-refresh');
        else if (reg.installing) follow(reg.installing, controlled);
        reg.addEventListener('updatefound', () => {
          if (reg.installing) follow(reg.installing, controlled);
        });
      },
      (e: unknown) => console.warn('service worker not registered:', e),
    );
  };
  if (document.readyState === 'complete') go();
  else addEventListener('load', go, { once: true });
}
