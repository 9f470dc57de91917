import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bootApp } from './app/boot';
import { simulationFor } from './app/simulation';
import { installTestApi } from './app/testApi';
import { createSimulatorStore } from './store';
import { startPlayback } from './store/playback';
import { SimulatorProvider } from './store/react';
import App, { AUTOSAVE_EVENT } from './ui/App';
import { ErrorBoundary, pageHealth } from './views/ErrorBoundary';
import { initialTheme } from './ui/theme';
import './ui/theme.css';
import './ui/app.css';
import { EmbedApp } from './ui/workshop/Embed';
import { parseEmbedParams } from './ui/workshop/protocol';
import { attach } from './app/attach/attachment';
import { attachParam, endpointOf } from './app/attach/url';

// The theme is set before the first paint, so a dark-theme visitor sees no light flash.
document.documentElement.dataset.theme = initialTheme();

// `?embed=<view>` shows one view, with no autosave and its own theme.
const embed = parseEmbedParams(location.search);
if (embed !== undefined && typeof embed !== 'string') {
  document.documentElement.dataset.theme =
    embed.theme !== 'auto' ? embed.theme : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

const store = createSimulatorStore();
simulationFor(store);
startPlayback(store);
// `?attach=<url>` shows an endpoint's stream; the session saved in this browser stays as it is.
const asked = embed === undefined ? attachParam(location.search) : undefined;
const endpoint = asked === undefined ? undefined : endpointOf(asked, location.href);
if (endpoint !== undefined && 'url' in endpoint) {
  const sim = simulationFor(store);
  attach(store, endpoint.url, {
    fetch: (input, init) => fetch(input, init),
    wallNow: () => performance.now(),
    requestFrame: (callback) => void requestAnimationFrame(callback),
    onRestarted: () =>
      sim.setNotice({
        kind: 'info',
        text: `The endpoint ${endpoint.url} started again; the page took its state afresh.`,
      }),
  });
} else if (embed === undefined) {
  if (endpoint !== undefined && 'error' in endpoint)
    simulationFor(store).setNotice({ kind: 'error', text: `The page is not attached: ${endpoint.error}` });
  // The autosaved session comes back exactly (its journal replayed), then a share link in the address.
  bootApp(store, window, {
    storage: localStorage,
    healthy: () => pageHealth.healthy,
    onSaved: (ok) => dispatchEvent(new CustomEvent(AUTOSAVE_EVENT, { detail: ok })),
  });
}

if (import.meta.env.DEV || import.meta.env.MODE === 'test') installTestApi(store, window);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SimulatorProvider store={store}>
      {embed === undefined ? (
        <ErrorBoundary name="Shardscope">
          <App />
        </ErrorBoundary>
      ) : typeof embed === 'string' ? (
        <p role="alert">{embed}</p>
      ) : (
        <EmbedApp options={embed} />
      )}
    </SimulatorProvider>
  </StrictMode>,
);
