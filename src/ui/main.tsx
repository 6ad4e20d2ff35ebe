import { StrictMode } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import './diagrams/diagrams.css';
import './app.css';
import './theme/theme.css';

/*
 * Each page kind loads only its own code: an embed (embed=1) never downloads the full app's panels,
 * and the full app never downloads the embed's layout. `?view=fleet` loads the fleet page.
 */
const root = createRoot(document.getElementById('root')!);
const render = (node: ReactNode) => root.render(<StrictMode>{node}</StrictMode>);
const q = new URLSearchParams(location.search);

if (q.get('view') === 'packetdrill') {
  void import('./docs/packetdrillEntry.tsx').then((m) => render(m.packetdrillRoot()));
} else if (q.get('embed') === '1') {
  void import('./docs/embedEntry.tsx').then((m) => render(m.embedRoot()));
} else if (q.get('view') === 'fleet') {
  void import('./fleet/FleetPage.tsx').then(({ FleetPage }) => render(<FleetPage />));
} else {
  void import('./App.tsx').then(({ App }) => render(<App />));
}
