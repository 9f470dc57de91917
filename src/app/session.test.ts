import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkpointDigest } from '../engine';
import { createSimulatorStore } from '../store';
import { decodeTagged, encodeTagged } from '../protocol/tagged';
import { MAX_TIME, SessionWriter, parseSession, serializeSession } from './session';
import { simulationFor } from './simulation';

function busySimulation() {
  const store = createSimulatorStore({ settings: { timing: 'fast', seed: 9 } });
  const sim = simulationFor(store);
  sim.call('CreateStream', { StreamName: 'orders', ShardCount: 2 });
  store.getState().advanceBy(600);
  sim.call('PutRecord', { StreamName: 'orders', PartitionKey: 'a', Data: new Uint8Array([0, 255, 7]) });
  sim.call('GetShardIterator', {
    StreamName: 'orders',
    ShardId: 'shardId-000000000000',
    ShardIteratorType: 'AT_TIMESTAMP',
    Timestamp: new Date(1_500_000_000_500),
  });
  sim.call('DescribeStream', { StreamName: 'missing' });
  sim.addProducer({
    id: 'p',
    stream: 'orders',
    rate: 200,
    keys: { kind: 'uniform' },
    payloadBytes: 50,
    batch: 100,
    maxRetries: 3,
    backoffMs: 100,
  });
  store.getState().advanceBy(1234);
  return { store, sim };
}

const digestOf = (store: ReturnType<typeof createSimulatorStore>) =>
  checkpointDigest(store.getState().engine.snapshot().checkpoint);

describe('session files', () => {
  it('should round-trip a session, blobs, dates and traffic included, to the same engine state', () => {
    const { store, sim } = busySimulation();
    const parsed = parseSession(serializeSession(sim.session()));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.session.journal[1]!.input).toMatchObject({ Data: new Uint8Array([0, 255, 7]) });
    expect((parsed.session.journal[2]!.input as { Timestamp: Date }).Timestamp).toEqual(new Date(1_500_000_000_500));
    expect(parsed.session.journal.map((e) => e.operation)).toContain('traffic:startProducer');
    const other = createSimulatorStore();
    const opened = simulationFor(other).openSession(parsed.session);
    expect(opened).toMatchObject({ ok: true, producers: 1, consumers: 0 });
    expect(other.getState().now).toBe(store.getState().now);
    expect(digestOf(other)).toBe(digestOf(store));
  });

  it('should refuse a truncated file with a clear error', () => {
    const { sim } = busySimulation();
    const text = serializeSession(sim.session());
    const parsed = parseSession(text.slice(0, text.length / 2));
    expect(parsed.ok === false && parsed.error).toMatch(/not valid JSON \(is it truncated\?\)/);
  });

  it('should refuse a foreign file or a newer version, saying which', () => {
    expect(parseSession('{"hello":1}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a Shardscope session/),
    });
    expect(parseSession('[]')).toMatchObject({ ok: false, error: expect.stringMatching(/expected a JSON object/) });
    const newer = parseSession(
      JSON.stringify({ ...JSON.parse(serializeSession(busySimulation().sim.session())), version: 9 }),
    );
    expect(newer.ok === false && newer.error).toMatch(/Unsupported session version 9/);
  });

  it('should refuse bad fields, naming them, and times no date can show', () => {
    const base = JSON.parse(serializeSession(busySimulation().sim.session()));
    const cases: [unknown, RegExp][] = [
      [{ ...base, settings: { ...base.settings, seed: 'x' } }, /"settings.seed" must be a whole number/],
      [{ ...base, settings: { ...base.settings, startTime: 1e300 } }, /"settings.startTime"/],
      [{ ...base, now: MAX_TIME + 1 }, /"now" must be a time/],
      [{ ...base, now: Number.NaN }, /"now" must be a time/],
      [{ ...base, journal: [{ t: 'soon', operation: 'ListStreams', input: {} }] }, /journal\[0\]\.t/],
      [{ ...base, journal: [{ t: base.now, operation: '', input: {} }] }, /journal\[0\]\.operation/],
      [
        { ...base, journal: [{ t: base.now, operation: 'PutRecord', input: { Data: { $bytes: '!!' } } }] },
        /journal\[0\]\.input.*base64/,
      ],
      [
        { ...base, journal: [{ t: base.now, operation: 'PutRecord', input: { Timestamp: { $date: 1e300 } } }] },
        /\$date/,
      ],
      [
        { ...base, journal: [{ t: base.now, operation: 'traffic:startProducer', input: { rate: 'fast' } }] },
        /could not be replayed/,
      ],
    ];
    for (const [doc, error] of cases) {
      const parsed = parseSession(JSON.stringify(doc));
      const opened = parsed.ok ? simulationFor(createSimulatorStore()).openSession(parsed.session) : parsed;
      expect(opened.ok === false && opened.error, JSON.stringify(doc).slice(0, 200)).toMatch(error);
    }
  });

  it('should leave the current session untouched when a session cannot be opened', () => {
    const { store, sim } = busySimulation();
    const before = digestOf(store);
    const journal = sim.world().journal().length;
    const parsed = parseSession(
      JSON.stringify({
        ...JSON.parse(serializeSession(sim.session())),
        journal: [{ t: 1_500_000_000_000, operation: 'traffic:remove', input: [] }],
      }),
    );
    if (!parsed.ok) throw new Error(parsed.error);
    expect(sim.openSession(parsed.session).ok).toBe(false);
    expect(digestOf(store)).toBe(before);
    expect(sim.world().journal()).toHaveLength(journal);
  });

  it('should read a first-format session: its commands, and its traffic plan carrying on from where it was', () => {
    const v1 = {
      schema: 'shardscope-session',
      version: 1,
      settings: { ...createSimulatorStore().getState().settings, timing: 'fast' },
      now: 1_500_000_002_000,
      commands: [
        { t: 1_500_000_000_000, operation: 'CreateStream', input: { StreamName: 's', ShardCount: 1 } },
        {
          t: 1_500_000_001_000,
          operation: 'PutRecord',
          input: { StreamName: 's', PartitionKey: 'k', Data: { $text: 'hi' } },
        },
      ],
      traffic: {
        producers: [
          {
            status: 'running',
            config: {
              id: 'p',
              stream: 's',
              rate: 10,
              keys: { kind: 'uniform' },
              payloadBytes: 20,
              batch: 1,
              maxRetries: 3,
              backoffMs: 100,
            },
          },
        ],
        consumers: [],
      },
    };
    const parsed = parseSession(JSON.stringify(v1));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.session.journal.map((e) => e.operation)).toEqual(['CreateStream', 'PutRecord', 'traffic:adopt']);
    const store = createSimulatorStore();
    const sim = simulationFor(store);
    expect(sim.openSession(parsed.session)).toMatchObject({ ok: true, producers: 1 });
    const records = () => store.getState().engine.stream('s')!.shards[0]!.records.length;
    expect(records()).toBe(1);
    store.getState().advanceBy(3000);
    expect(records()).toBeGreaterThanOrEqual(25);
  });
});

describe('SessionWriter', () => {
  it('should write what serializeSession writes as the journal grows, lesson and all, and give up past its budget', () => {
    const { store, sim } = busySimulation();
    const writer = new SessionWriter();
    expect(writer.text(sim.session())).toBe(serializeSession(sim.session()));
    for (let i = 0; i < 5; i++) {
      sim.call('PutRecord', { StreamName: 'orders', PartitionKey: `k${i}`, Data: new Uint8Array([i, 255]) });
      store.getState().advanceBy(100);
      expect(writer.text(sim.session())).toBe(serializeSession(sim.session()));
    }
    // Another session (a lesson replaced it): written from scratch, still the same text.
    sim.load('routing');
    sim.next();
    expect(writer.text(sim.session())).toBe(serializeSession(sim.session()));
    expect(new SessionWriter().text(sim.session(), 100)).toBeUndefined();
  });
});

describe('tagged values', () => {
  const valueArb = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (d === 0 ? 0 : d)), // JSON has no -0
      fc.boolean(),
      fc.constant(null),
      fc.uint8Array({ maxLength: 32 }),
      fc.integer({ min: -8.64e15, max: 8.64e15 }).map((t) => new Date(t)),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 }),
    ),
  })).value;

  it('should encode and decode any JSON-like value with bytes and dates unchanged', () => {
    fc.assert(
      fc.property(valueArb, (value) => {
        const back = decodeTagged(JSON.parse(JSON.stringify(encodeTagged(value))));
        expect(back).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });

  it('should keep a key named "__proto__" as a key', () => {
    const value = JSON.parse('{"__proto__":{"x":1}}');
    const back = decodeTagged(encodeTagged(value)) as Record<string, unknown>;
    expect(Object.keys(back)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('should refuse unknown tags instead of guessing', () => {
    expect(() => decodeTagged({ $eval: 'x' })).toThrow(/unknown tag "\$eval"/);
  });
});
