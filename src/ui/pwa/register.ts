/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * The service worker (vite-plugin-pwa, workbox): it stores the app, every lazy chunk, every
 * scenario and both languages, so after one visit everything works with the network off.
 * Registered from this module (no inline script: the page's CSP forbids them), after the page has
 * loaded so it never competes with the first render. A new version waits until the reader says
 * so (UpdateNotice), so a lesson is never reloaded under a trainer's feet.
 */
import { registerSW } from 'virtual:pwa-register';

export type PwaEvent = 'need-refresh' | 'offline-ready';

type Listener = () => void;
const listeners = new Set<Listener>();
let status: PwaEvent | null = null;
let update: ((reload?: boolean) => Promise<void>) | null = null;

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
/** Activates the waiting version; the page reloads once it controls the page. */
export const applyUpdate = () => void update?.(true);

export function registerServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const go = () => {
    update = registerSW({
      onNeedRefresh: () => set('need-refresh'),
      onOfflineReady: () => set('offline-ready'),
      onRegisterError: (e: unknown) => console.warn('service worker not registered:', e),
    });
  };
  if (document.readyState === 'complete') go();
  else addEventListener('load', go, { once: true });
}
