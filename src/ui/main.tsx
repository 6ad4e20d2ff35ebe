import { StrictMode } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { initialLang, urlLang } from './i18n/index.ts';
import type { Part } from './i18n/index.ts';
import { BootFailed, prepare } from './lazy/boot.tsx';
import { carriesPacked } from './lz.ts';
import { registerServiceWorker } from './pwa/register.ts';
import { needsEngineAtOnce } from './sim/engineNeed.ts';
import { loadEngine } from './sim/useDeferredEngine.ts';
import './diagrams/diagrams.css';
import './app.css';
import './theme/theme.css';

/*
 * Each page kind loads only its own code: an embed (embed=1) never downloads the full app's panels,
 * and the full app never downloads the embed's layout. `?view=fleet` loads the fleet page. The
 * page's language, the link's scenario and, for a link with packed values, lz-string (lz.ts)
 * arrive before the first render (lazy/boot.tsx), and the engine too when the link needs it for
 * the first picture (sim/engineNeed.ts); otherwise the app starts from the build-time first
 * picture and fetches the engine on first use.
 */
const root = createRoot(document.getElementById('root')!);
const render = (node: ReactNode) => root.render(<StrictMode>{node}</StrictMode>);
const q = new URLSearchParams(location.search);
const lang = urlLang(location.search) ?? initialLang();

function page(): Promise<() => ReactNode> {
  if (q.get('view') === 'packetdrill') return import('./docs/packetdrillEntry.tsx').then((m) => m.packetdrillRoot);
  if (q.get('embed') === '1') return import('./docs/embedEntry.tsx').then((m) => m.embedRoot);
  if (q.get('view') === 'fleet') return import('./fleet/FleetPage.tsx').then(({ FleetPage }) => () => <FleetPage />);
  return import('./App.tsx').then(({ App }) => () => <App />);
}
const simPage = q.get('view') !== 'packetdrill' && q.get('view') !== 'fleet';
// the app draws a fresh run's first picture without the engine; a link that asks for more waits for it
const appEngine = simPage && q.get('embed') !== '1' && needsEngineAtOnce(location.search);

// the parts of the dictionary a page's first screen shows (i18n/parts.ts): the app's own UI and its capture panel, the packetdrill view's texts
const texts: Part[] = q.get('view') === 'packetdrill' ? ['pkt'] : simPage && q.get('embed') !== '1' ? ['app', 'capture'] : [];

/** Start-up; a failure shows what failed, and Try again runs it again in the page (every loader retries a failed fetch). */
function start(): void {
  Promise.all([page(), prepare(lang, simPage ? q.get('scenario') : null, simPage && q.has('s'), carriesPacked(location.search), texts), appEngine ? loadEngine() : null]).then(
    ([make]) => render(make()),
    (e: unknown) => render(<BootFailed lang={lang} error={e} onRetry={start} />),
  );
}
start();

// an embed never installs anything on its host's visitors
if (q.get('embed') !== '1') registerServiceWorker();
