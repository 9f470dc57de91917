/**
 * Start-up of the app's page: the autosaved session comes back, a share link in the address opens
 * over it (the session it replaced stays one Undo away), and the autosave follows from then on.
 */
import type { SimulatorStore } from '../store';
import { autosave, readSaved, setAside, type SessionStorage } from './autosave';
import { tokenFromHash } from './shareLink';
import { simulationFor } from './simulation';

export interface BootOptions {
  storage: SessionStorage;
  /** False while the page shows an error: the autosave then keeps the last good session. */
  healthy(): boolean;
  /** Told when saving fails (storage full) and when it works again. */
  onSaved(ok: boolean): void;
}

export function bootApp(store: SimulatorStore, target: Window, options: BootOptions): { flush(): void } {
  const sim = simulationFor(store);
  const restored = readSaved(options.storage);
  if (restored.kind === 'session') {
    const opened = sim.openSession(restored.session);
    if (!opened.ok) {
      setAside(options.storage);
      sim.setNotice({
        kind: 'error',
        text: `Your saved session could not be restored (${opened.error}). It is kept aside in this browser; Session ▾ → Download the unreadable session saves it as a file.`,
      });
    }
  } else if (restored.kind === 'unreadable') {
    sim.setNotice({
      kind: 'error',
      text: `Your saved session could not be read (${restored.error}) It is kept aside in this browser; Session ▾ → Download the unreadable session saves it as a file.`,
    });
  }
  const openLink = () => {
    const token = tokenFromHash(target.location.hash);
    if (!token) return;
    sim.openToken(token);
    // The link has done its job; later reloads restore the autosave instead of the link again.
    target.history.replaceState(null, '', target.location.pathname + target.location.search);
  };
  openLink();
  // A link pasted into the address bar of an open tab only changes the fragment.
  target.addEventListener('hashchange', openLink);
  const saver = autosave(store, {
    storage: options.storage,
    session: () => sim.session(),
    healthy: options.healthy,
    onSaved: options.onSaved,
    alsoOn: (listener) => sim.ui.subscribe((state, previous) => state.revision !== previous.revision && listener()),
  });
  // Leaving or reloading the page saves at once, so the last call is never lost.
  target.addEventListener('pagehide', () => saver.flush());
  return saver;
}
