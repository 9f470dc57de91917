import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeValue, encodeValue } from './codec';
import { createSimulatorStore } from './index';
import {
  STORAGE_KEY,
  SessionWriter,
  autosave,
  loadSession,
  parseSession,
  readSaved,
  serializeSession,
  sessionOf,
} from './session';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

function busyStore() {
  const store = createSimulatorStore({ settings: { timing: 'fast', seed: 9 } });
  const s = store.getState();
  s.call('CreateStream', { StreamName: 'orders', ShardCount: 2 });
  s.advanceBy(600);
  s.call('PutRecord', { StreamName: 'orders', PartitionKey: 'a', Data: new Uint8Array([0, 255, 7]) });
  s.call('GetShardIterator', {
    StreamName: 'orders',
    ShardId: 'shardId-000000000000',
    ShardIteratorType: 'AT_TIMESTAMP',
    Timestamp: new Date(1_500_000_000_500),
  });
  s.call('DescribeStream', { StreamName: 'missing' });
  s.advanceBy(1234);
  return store;
}

describe('session files', () => {
  it('should round-trip a session, blobs and dates included, to the same engine state', () => {
    const store = busyStore();
    const text = serializeSession(sessionOf(store.getState()));
    const parsed = parseSession(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.session.commands[1]!.input).toMatchObject({ Data: new Uint8Array([0, 255, 7]) });
    expect((parsed.session.commands[2]!.input as { Timestamp: Date }).Timestamp).toEqual(new Date(1_500_000_000_500));
    const other = createSimulatorStore();
    loadSession(other, parsed.session);
    const a = store.getState().engine;
    const b = other.getState().engine;
    expect(b.now()).toBe(a.now());
    expect(b.options.seed).toBe(9);
    expect(b.stream('orders')?.shards.map((s) => [s.id, s.records.length])).toEqual(
      a.stream('orders')?.shards.map((s) => [s.id, s.records.length]),
    );
    expect(b.iterators().length).toBe(a.iterators().length);
  });

  it('should refuse a truncated file with a clear error', () => {
    const text = serializeSession(sessionOf(busyStore().getState()));
    const parsed = parseSession(text.slice(0, text.length - 20));
    expect(parsed).toEqual({ ok: false, error: expect.stringContaining('not valid JSON (is it truncated?)') });
  });

  it('should refuse a foreign file', () => {
    expect(parseSession('{"name":"package","version":"1.0.0"}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('not a Shardscope session'),
    });
    expect(parseSession('[1,2]')).toMatchObject({
      ok: false,
      error: expect.stringContaining('expected a JSON object'),
    });
  });

  it('should refuse bad fields, naming them', () => {
    const file = JSON.parse(serializeSession(sessionOf(busyStore().getState()))) as Record<string, unknown>;
    const bad = (patch: (f: Record<string, unknown>) => void) => {
      const copy = structuredClone(file);
      patch(copy);
      return parseSession(JSON.stringify(copy));
    };
    expect(bad((f) => (f.version = 2))).toMatchObject({
      ok: false,
      error: expect.stringContaining('Unsupported session version 2'),
    });
    expect(bad((f) => ((f.settings as Record<string, unknown>).profile = 'future'))).toMatchObject({
      ok: false,
      error: expect.stringContaining('settings.profile'),
    });
    expect(bad((f) => ((f.commands as { t: number }[])[1]!.t = 0))).toMatchObject({
      ok: false,
      error: expect.stringContaining('commands[1].t'),
    });
    expect(bad((f) => ((f.commands as { input: unknown }[])[1]!.input = { Data: { $bytes: 5 } }))).toMatchObject({
      ok: false,
      error: expect.stringContaining('commands[1].input'),
    });
    expect(bad((f) => (f.now = 0))).toMatchObject({ ok: false, error: expect.stringContaining('"now"') });
    expect(bad((f) => (f.traffic = []))).toEqual({ ok: false, error: 'Invalid session: "traffic" must be an object.' });
    expect(bad((f) => (f.lesson = 'routing'))).toEqual({
      ok: false,
      error: 'Invalid session: "lesson" must be an object.',
    });
  });

  it('should encode and decode any JSON-like value with bytes and dates unchanged', () => {
    const leaf = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.uint8Array({ maxLength: 40 }),
      fc.date({ noInvalidDate: true }),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(
          fc.string().filter((k) => !k.startsWith('$')),
          tie('node'),
          { maxKeys: 4 },
        ),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(decodeValue(JSON.parse(JSON.stringify(encodeValue(v))))).toEqual(v);
      }),
    );
  });

  it('should keep a key named "__proto__" as a key (fast-check found it dropped)', () => {
    const value = JSON.parse('{"__proto__":[1],"Tags":{"__proto__":"x"}}') as unknown;
    const decoded = decodeValue(JSON.parse(JSON.stringify(encodeValue(value)))) as Record<string, unknown>;
    expect(Object.keys(decoded)).toEqual(['__proto__', 'Tags']);
    expect(decoded).toEqual(value);
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
  });
});

describe('autosave', () => {
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

  it('should save the traffic plan and the lesson it is given with the session, and read them back', () => {
    const storage = memoryStorage();
    const store = createSimulatorStore({ settings: { timing: 'fast' } });
    const fake = fakeTimers();
    const plan = { producers: [{ status: 'paused', config: { id: 'p' } }], consumers: [] };
    const lesson = { scenario: 'routing', place: { next: 3, waiting: true, surprises: [] }, checkpoints: [] };
    autosave(store, storage, fake.timers, 1000, undefined, 200, () => ({ traffic: plan, lesson }));
    store.getState().call('CreateStream', { StreamName: 'x', ShardCount: 1 });
    fake.run();
    expect(readSaved(storage)!.traffic).toEqual(plan);
    expect(readSaved(storage)!.lesson).toEqual(lesson);
    expect(readSaved(storage)!.commands.map((c) => c.operation)).toEqual(['CreateStream']);
  });

  it('should save a burst of calls once, soon, and time alone later', () => {
    const storage = memoryStorage();
    const store = createSimulatorStore({ settings: { timing: 'fast' } });
    const fake = fakeTimers();
    let saves = 0;
    const setItem = storage.setItem;
    storage.setItem = (k, v) => (saves++, setItem(k, v));
    autosave(store, storage, fake.timers, 1000, undefined, 200);
    store.getState().call('CreateStream', { StreamName: 'x', ShardCount: 1 });
    for (let i = 0; i < 50; i++) store.getState().call('ListStreams', {});
    expect([...fake.queued.values()].map((t) => t.delay)).toEqual([200]);
    fake.run();
    expect(saves).toBe(1);
    expect(readSaved(storage)?.commands).toHaveLength(51);
    store.getState().advanceBy(5000);
    expect([...fake.queued.values()].map((t) => t.delay)).toEqual([1000]);
    fake.run();
    expect(readSaved(storage)?.now).toBe(store.getState().now);
  });

  it('should save at once on flush (pagehide) and on stop', () => {
    const storage = memoryStorage();
    const store = createSimulatorStore();
    const saver = autosave(store, storage, fakeTimers().timers);
    store.getState().call('ListStreams', {});
    expect(readSaved(storage)).toBeNull();
    saver.flush();
    expect(readSaved(storage)?.commands).toHaveLength(1);
    store.getState().call('ListStreams', {});
    saver.stop();
    expect(readSaved(storage)?.commands).toHaveLength(2);
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
    const fake = fakeTimers();
    autosave(store, storage, fake.timers, 1000, (ok) => told.push(ok));
    store.getState().call('ListStreams', {});
    fake.run();
    store.getState().call('ListStreams', {});
    fake.run();
    expect(told).toEqual([false]);
    full = false;
    store.getState().call('ListStreams', {});
    fake.run();
    expect(told).toEqual([false, true]);
    expect(readSaved(storage)?.commands).toHaveLength(3);
  });

  it('should ignore a corrupted saved session', () => {
    const storage = memoryStorage();
    storage.setItem(STORAGE_KEY, '{"schema":"shardscope-session"');
    expect(readSaved(storage)).toBeNull();
  });
});

describe('SessionWriter', () => {
  it('should write the same text as serializeSession, encoding each command once as the log grows', () => {
    const store = createSimulatorStore();
    const writer = new SessionWriter();
    const state = () => store.getState();
    expect(writer.text(state())).toBe(serializeSession(sessionOf(state())));
    state().call('CreateStream', { StreamName: 's', ShardCount: 1 });
    expect(writer.text(state())).toBe(serializeSession(sessionOf(state())));
    state().advanceBy(60_000);
    state().call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: new Uint8Array([1, 2, 3]) });
    expect(writer.text(state())).toBe(serializeSession(sessionOf(state())));
    expect(parseSession(writer.text(state())!).ok).toBe(true);
  });

  it('should decline a session larger than the budget instead of serializing it', () => {
    const store = createSimulatorStore();
    store.getState().call('CreateStream', { StreamName: 's', ShardCount: 1 });
    expect(new SessionWriter().text(store.getState(), 10)).toBeUndefined();
  });
});
