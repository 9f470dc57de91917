import { describe, expect, it } from 'vitest';
import { createSimulatorStore } from '../../store';
import { workshopFor } from './controller';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('workshop controller over the store', () => {
  it('should let playback drive a lesson and pause at its gate', async () => {
    const store = createSimulatorStore();
    const w = workshopFor(store);
    expect(w.load('routing')).toBeUndefined();
    const start = store.getState().now;
    expect(store.getState().speed).toBe(2); // the lesson's speed
    w.next();
    expect(store.getState().playing).toBe(true);
    for (let i = 0; i < 10; i++) store.getState().tick(250); // 10 frames of 250 ms at 2× = 5 s wanted
    await flush();
    expect(store.getState().now).toBe(start + 1000); // held at the first gate
    expect(store.getState().playing).toBe(false);
    expect(w.guide()!.state.waiting).toBe(true);
    expect(store.getState().engine.stream('orders')).toBeDefined();
  });

  it('should run free traffic when playback moves time, and drop a lesson when the engine is replaced elsewhere', () => {
    const store = createSimulatorStore({ settings: { timing: 'fast' } });
    const w = workshopFor(store);
    store.getState().call('CreateStream', { StreamName: 's', ShardCount: 1 });
    store.getState().advanceBy(1000);
    w.addProducer({ id: 'p', stream: 's', rate: 10, keys: { kind: 'uniform' }, payloadBytes: 10, batch: 1, maxRetries: 0, backoffMs: 10 });
    const before = store.getState().engine.commands().length;
    store.getState().advanceBy(999);
    expect(store.getState().engine.commands().length - before).toBe(10);

    w.load('split-merge');
    expect(w.guide()).not.toBeNull();
    store.getState().applySettings(store.getState().settings); // Settings dialog, session file, …
    expect(w.guide()).toBeNull();
    expect(w.traffic().producers).toEqual([]);
  });

  it('should open a share token into the store, and leave the store as it was for a bad one', () => {
    const store = createSimulatorStore({ settings: { timing: 'fast' } });
    const w = workshopFor(store);
    store.getState().call('CreateStream', { StreamName: 'kept', ShardCount: 2 });
    const token = w.shareToken();
    const engine = store.getState().engine;
    expect(w.openToken(token.slice(0, -1) + (token.endsWith('0') ? '1' : '0'))).toMatch(/damaged/);
    expect(store.getState().engine).toBe(engine);
    expect(w.ui.getState().notice?.kind).toBe('error');
    store.getState().applySettings({ ...store.getState().settings, seed: 99 });
    expect(store.getState().engine.streams()).toEqual([]);
    expect(w.openToken(token)).toBeUndefined();
    expect(store.getState().engine.streams().map((s) => s.name)).toEqual(['kept']);
    expect(store.getState().settings.seed).toBe(42);
  });
});
