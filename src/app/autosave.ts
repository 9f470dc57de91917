/**
 * The autosave: the session (its journal, so a few KB) goes to the browser's storage soon after
 * it changes, and comes back on the next visit. Two rules keep a person's work safe:
 * - a session is saved only while the page shows it without error (`healthy()`), so a session that
 *   breaks the page never replaces the last good one;
 * - a saved session that cannot be restored is not overwritten: it moves to a spare key, where the
 *   person can still download it.
 */
import type { SimulatorStore } from '../store';
import { SessionWriter, parseSession, type Session } from './session';

export const STORAGE_KEY = 'shardscope.session.v1';
/** Where a saved session that could not be restored is kept. */
export const UNREADABLE_KEY = 'shardscope.session.unreadable';
/**
 * Browsers give an origin about 5 million characters of localStorage; a session larger than this
 * is not attempted (it would fail after costing seconds of serialization) and the app says so.
 */
export const AUTOSAVE_BUDGET_CHARS = 4_500_000;

/** What the autosave needs from window.localStorage. */
export type SessionStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type Restored =
  | { kind: 'none' }
  | { kind: 'session'; session: Session }
  /** The saved text could not be read; it was moved to UNREADABLE_KEY. */
  | { kind: 'unreadable'; error: string };

/** The saved session, if there is one that can be read. */
export function readSaved(storage: SessionStorage): Restored {
  const text = storage.getItem(STORAGE_KEY);
  if (text === null) return { kind: 'none' };
  const parsed = parseSession(text);
  if (parsed.ok) return { kind: 'session', session: parsed.session };
  setAside(storage, text);
  return { kind: 'unreadable', error: parsed.error };
}

/** Moves a saved text that could not be restored out of the autosave's way (kept, not lost). */
export function setAside(storage: SessionStorage, text = storage.getItem(STORAGE_KEY)): void {
  if (text === null) return;
  try {
    storage.setItem(UNREADABLE_KEY, text);
    storage.removeItem(STORAGE_KEY);
  } catch {
    // Storage full: leave it where it is; the autosave will not write over it (see save).
  }
}

/** Writes the session; false when it is too large or the storage is full. */
export function save(storage: SessionStorage, session: Session, writer = new SessionWriter()): boolean {
  const text = writer.text(session, AUTOSAVE_BUDGET_CHARS);
  if (text === undefined || text.length > AUTOSAVE_BUDGET_CHARS) return false;
  try {
    storage.setItem(STORAGE_KEY, text);
    return true;
  } catch {
    return false;
  }
}

export interface AutosaveOptions {
  storage: SessionStorage;
  session: () => Session;
  /** False while the page shows an error (a view failed): nothing is saved then. */
  healthy?: () => boolean;
  timers?: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
  /** Save this soon after a call or a new session, and after time alone moved. */
  callDelayMs?: number;
  intervalMs?: number;
  /** Told once when a save fails (storage full), and once more when saving works again. */
  onSaved?: (ok: boolean) => void;
  /** Other changes worth a save (the traffic, the lesson): subscribes a listener, returns its stop. */
  alsoOn?: (listener: () => void) => () => void;
}

/**
 * Saves the session soon after it changes; a burst of calls is saved once. Call `flush` on
 * pagehide so nothing is lost; `stop` saves one last time and unsubscribes.
 */
export function autosave(store: SimulatorStore, options: AutosaveOptions): { flush(): void; stop(): void } {
  const { storage, timers = globalThis, callDelayMs = 200, intervalMs = 1000 } = options;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let pendingDelay = Infinity;
  let lastOk = true;
  const writer = new SessionWriter();
  const flush = () => {
    if (pending !== undefined) timers.clearTimeout(pending);
    pending = undefined;
    pendingDelay = Infinity;
    if (options.healthy && !options.healthy()) return;
    const ok = save(storage, options.session(), writer);
    if (ok !== lastOk) options.onSaved?.(ok);
    lastOk = ok;
  };
  /** Saves within about `delay` ms: a pending save that is at least as soon stays. */
  const schedule = (delay: number) => {
    if (pending !== undefined && pendingDelay <= delay) return;
    if (pending !== undefined) timers.clearTimeout(pending);
    pendingDelay = delay;
    pending = timers.setTimeout(flush, delay);
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.engineVersion !== previous.engineVersion || state.lastResult !== previous.lastResult)
      schedule(callDelayMs);
    else if (state.now !== previous.now) schedule(intervalMs);
  });
  const unsubscribeOther = options.alsoOn?.(() => schedule(callDelayMs));
  return {
    flush,
    stop: () => {
      unsubscribe();
      unsubscribeOther?.();
      flush();
    },
  };
}
