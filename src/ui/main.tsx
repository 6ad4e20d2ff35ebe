import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './diagrams/diagrams.css';
import './app.css';

// `?view=fleet`: the fleet page, loaded only when asked for.
const FleetPage = lazy(() => import('./fleet/FleetPage.tsx').then((m) => ({ default: m.FleetPage })));
const view = new URLSearchParams(window.location.search).get('view');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {view === 'fleet' ? (
      <Suspense fallback={null}>
        <FleetPage />
      </Suspense>
    ) : (
      <App />
    )}
  </StrictMode>,
);
