import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createSimulatorStore } from './store';
import { startPlayback } from './store/playback';
import { SimulatorProvider } from './store/react';
import { autosave, loadSession, readSaved, type SessionExtras } from './store/session';
import { installTestApi } from './store/testApi';
import App, { AUTOSAVE_EVENT } from './ui/App';
import { initialTheme } from './ui/theme';
import './ui/theme.css';
import './ui/app.css';
// Embed mode, share links, the workshop test API.
import { EmbedApp } from './ui/workshop/Embed';
import { bootWorkshop, installWorkshopTestApi } from './ui/workshop/boot';
import { workshopFor } from './ui/workshop/controller';
import { parseEmbedParams } from './ui/workshop/protocol';

// The theme is set before the first paint, so a dark-theme visitor sees no light flash.
document.documentElement.dataset.theme = initialTheme();

// `?embed=<view>` shows one view, with no autosave and its own theme.
const embed = parseEmbedParams(location.search);
if (embed !== undefined && typeof embed !== 'string') {
  document.documentElement.dataset.theme =
    embed.theme !== 'auto' ? embed.theme : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

const store = createSimulatorStore();
// The autosaved session comes back exactly: its calls replayed up to the virtual time it had reached,
// and the producers and consumers and the lesson it had, going on from there.
let savedExtras: SessionExtras = {};
if (embed === undefined) {
  try {
    const saved = readSaved(localStorage);
    if (saved) loadSession(store, saved);
    if (saved) savedExtras = { traffic: saved.traffic, lesson: saved.lesson };
  } catch (error) {
    console.error('The saved session could not be restored; starting fresh.', error);
  }
}
startPlayback(store);
if (embed === undefined) {
  const workshop = workshopFor(store);
  if (savedExtras.traffic !== undefined || savedExtras.lesson !== undefined) workshop.adoptExtras(savedExtras);
  bootWorkshop(store, window); // a share link in the address replaces the session
  const saver = autosave(
    store,
    localStorage,
    globalThis,
    1000,
    (ok) => dispatchEvent(new CustomEvent(AUTOSAVE_EVENT, { detail: ok })),
    200,
    () => workshop.sessionExtras(),
  );
  // Leaving or reloading the page saves at once, so the last call is never lost.
  addEventListener('pagehide', () => saver.flush());
}

if (import.meta.env.DEV || import.meta.env.MODE === 'test') {
  installTestApi(store, window);
  installWorkshopTestApi(store, window);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SimulatorProvider store={store}>
      {embed === undefined ? (
        <App />
      ) : typeof embed === 'string' ? (
        <p role="alert">{embed}</p>
      ) : (
        <EmbedApp options={embed} />
      )}
    </SimulatorProvider>
  </StrictMode>,
);
