import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createSimulatorStore } from './store';
import { startPlayback } from './store/playback';
import { SimulatorProvider } from './store/react';
import { autosave, loadSession, readSaved } from './store/session';
import { installTestApi } from './store/testApi';
import App, { AUTOSAVE_EVENT } from './ui/App';
import { initialTheme } from './ui/theme';
import './ui/theme.css';
import './ui/app.css';

// The theme is set before the first paint, so a dark-theme visitor sees no light flash.
document.documentElement.dataset.theme = initialTheme();

const store = createSimulatorStore();
// The autosaved session comes back exactly: its calls replayed up to the virtual time it had reached.
try {
  const saved = readSaved(localStorage);
  if (saved) loadSession(store, saved);
} catch (error) {
  console.error('The saved session could not be restored; starting fresh.', error);
}
startPlayback(store);
const saver = autosave(store, localStorage, globalThis, 1000, (ok) => dispatchEvent(new CustomEvent(AUTOSAVE_EVENT, { detail: ok })));
// Leaving or reloading the page saves at once, so the last call is never lost.
addEventListener('pagehide', () => saver.flush());

if (import.meta.env.DEV || import.meta.env.MODE === 'test') installTestApi(store, window);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SimulatorProvider store={store}>
      <App />
    </SimulatorProvider>
  </StrictMode>,
);
