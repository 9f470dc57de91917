import { describe, expect, it } from 'vitest';
import { createSimulatorStore } from '../store';
import { STORAGE_KEY, UNREADABLE_KEY, autosave, readSaved, type SessionStorage } from './autosave';
import { bootApp } from './boot';
import { serializeSession } from './session';
import { simulationFor } from './simulation';

function memoryStorage(): SessionStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

function fakeTimers() {
  const queued = new Map<number, { fn: () => void; delay: number }>();
  let id = 0;
  return {
    queued,
    timers: {
      setTimeout: ((fn: () => void, delay: number) => (
        queued.set(++id, { fn, delay }),
        id
      )) as unknown as typeof setTimeout,
      clearTimeout: ((n: number) => void queued.delete(n)) as unknown as typeof clearTimeout,
    },
    run() {
      const all = [...queued.values()];
      queued.clear();
      all.forEach((t) => t.fn());
    },
  };
}

const savedJournal = (storage: SessionStorage) => {
  const saved = readSaved(storage);
  return saved.kind === 'session' ? saved.session.journal : undefined;
};

describe('autosave', () => {
  it('should save a burst of calls once, soon, and time alone later', () => {
    const storage = memoryStorage();
    const store = createSimulatorStore({ settings: { timing: 'fast' } });
    const sim = simulationFor(store);
    const fake = fakeTimers();
    let saves = 0;
    const setItem = storage.setItem;
    storage.setItem = (k, v) => (saves++, setItem(k, v));
    autosave(store, { storage, session: () => sim.session(), timers: fake.timers });
    sim.call('CreateStream', { StreamName: 'x', ShardCount: 1 });
    for (let i = 0; i < 5; i++) sim.call('ListStreams', {});
    expect([...fake.queued.values()].map((t) => t.delay)).toEqual([200]);
    fake.run();
    expect(saves).toBe(1);
    expect(savedJournal(storage)).toHaveLength(6);
    store.getState().advanceBy(5000);
    expect([...fake.queued.values()].map((t) => t.delay)).toEqual([1000]);
    fake.run();
    const saved = readSaved(storage);
    expect(saved.kind === 'session' && saved.session.now).toBe(store.getState().now);
  });

  it('should keep a session of heavy traffic small: the journal, not the records', () => {
    const storage = memoryStorage();
    const store = createSimulatorStore({ settings: { timing: 'fast' } });
    const sim = simulationFor(store);
    const saver = autosave(store, { storage, session: () => sim.session(), timers: fakeTimers().timers });
    sim.call('CreateStream', { StreamName: 's', ShardCount: 4 });
    store.getState().advanceBy(1000);
    sim.addProducer({
      id: 'p',
      stream: 's',
      rate: 1500,
      keys: { kind: 'uniform' },
      payloadBytes: 100,
      batch: 500,
      maxRetries: 3,
      backoffMs: 100,
    });
    store.getState().advanceBy(60_000);
    saver.flush();
    expect(store.getState().feed.calls.total).toBeGreaterThan(100);
    expect(storage.data.get(STORAGE_KEY)!.length).toBeLessThan(5000);
  });

  it('should not save while the page shows an error, so the last good session stays', () => {
    const storage = memoryStorage();
    const store = createSimulatorStore();
    const sim = simulationFor(store);
    let healthy = true;
    const saver = autosave(store, {
      storage,
      session: () => sim.session(),
      healthy: () => healthy,
      timers: fakeTimers().timers,
    });
    sim.call('ListStreams', {});
    saver.flush();
    healthy = false;
    sim.call('ListStreams', {});
    saver.flush();
    expect(savedJournal(storage)).toHaveLength(1);
  });

  it('should say once when the storage is full, and again when saving works', () => {
    const storage = memoryStorage();
    let full = true;
    const setItem = storage.setItem;
    storage.setItem = (k, v) => {
      if (full) throw new DOMException('quota', 'QuotaExceededError');
      setItem(k, v);
    };
    const told: boolean[] = [];
    const store = createSimulatorStore();
    const sim = simulationFor(store);
    const fake = fakeTimers();
    autosave(store, { storage, session: () => sim.session(), timers: fake.timers, onSaved: (ok) => told.push(ok) });
    sim.call('ListStreams', {});
    fake.run();
    sim.call('ListStreams', {});
    fake.run();
    expect(told).toEqual([false]);
    full = false;
    sim.call('ListStreams', {});
    fake.run();
    expect(told).toEqual([false, true]);
    expect(savedJournal(storage)).toHaveLength(3);
  });

  it('should set an unreadable saved session aside instead of losing it', () => {
    const storage = memoryStorage();
    storage.setItem(STORAGE_KEY, '{"schema":"shardscope-session"');
    const restored = readSaved(storage);
    expect(restored.kind).toBe('unreadable');
    expect(storage.data.get(STORAGE_KEY)).toBeUndefined();
    expect(storage.data.get(UNREADABLE_KEY)).toBe('{"schema":"shardscope-session"');
  });
});

describe('boot', () => {
  function fakeWindow(hash = '') {
    const listeners = new Map<string, (() => void)[]>();
    return {
      location: { hash, pathname: '/', search: '' },
      history: { replaceState: () => undefined },
      addEventListener: (type: string, l: () => void) => listeners.set(type, [...(listeners.get(type) ?? []), l]),
      fire: (type: string) => listeners.get(type)?.forEach((l) => l()),
    };
  }

  it('should bring the saved session back, and set a session that cannot be replayed aside with a notice', () => {
    const first = createSimulatorStore({ settings: { timing: 'fast' } });
    simulationFor(first).call('CreateStream', { StreamName: 'kept', ShardCount: 1 });
    const storage = memoryStorage();
    storage.setItem(STORAGE_KEY, serializeSession(simulationFor(first).session()));
    const store = createSimulatorStore();
    bootApp(store, fakeWindow() as unknown as Window, { storage, healthy: () => true, onSaved: () => undefined });
    expect(store.getState().engine.stream('kept')).toBeDefined();

    const broken = JSON.parse(storage.data.get(STORAGE_KEY)!);
    broken.journal.push({ t: broken.now, operation: 'traffic:remove', input: 'nothing' });
    storage.setItem(STORAGE_KEY, JSON.stringify(broken));
    const other = createSimulatorStore();
    bootApp(other, fakeWindow() as unknown as Window, { storage, healthy: () => true, onSaved: () => undefined });
    expect(simulationFor(other).ui.getState().notice?.text).toMatch(
      /could not be restored.*Download the unreadable session/,
    );
    expect(storage.data.get(UNREADABLE_KEY)).toBe(JSON.stringify(broken));
  });

  it('should open a share link over the saved session, which stays one Undo away', () => {
    const linked = createSimulatorStore({ settings: { timing: 'fast' } });
    simulationFor(linked).call('CreateStream', { StreamName: 'shared', ShardCount: 1 });
    const token = simulationFor(linked).shareToken();
    const mine = createSimulatorStore({ settings: { timing: 'fast' } });
    simulationFor(mine).call('CreateStream', { StreamName: 'mine', ShardCount: 1 });
    const storage = memoryStorage();
    storage.setItem(STORAGE_KEY, serializeSession(simulationFor(mine).session()));

    const store = createSimulatorStore();
    const win = fakeWindow(`#session=${token}`);
    const saver = bootApp(store, win as unknown as Window, { storage, healthy: () => true, onSaved: () => undefined });
    expect(store.getState().engine.stream('shared')).toBeDefined();
    const sim = simulationFor(store);
    expect(sim.ui.getState().undo).not.toBeNull();
    sim.undo();
    expect(store.getState().engine.stream('mine')).toBeDefined();
    expect(store.getState().engine.stream('shared')).toBeUndefined();
    win.fire('pagehide');
    saver.flush();
    expect(savedJournal(storage)?.[0]?.input).toMatchObject({ StreamName: 'mine' });
  });
});
