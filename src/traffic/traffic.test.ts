import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../engine';
import {
  addConsumer,
  addProducer,
  advanceTraffic,
  consumerLag,
  createTraffic,
  setStatus,
  type ConsumerConfig,
  type ProducerConfig,
  type TrafficState,
} from '.';

const T0 = 1_500_000_000_000;
const producer = (over: Partial<ProducerConfig> = {}): ProducerConfig => ({
  id: 'p',
  stream: 's',
  rate: 10,
  keys: { kind: 'uniform' },
  payloadBytes: 20,
  batch: 1,
  maxRetries: 3,
  backoffMs: 100,
  ...over,
});
const consumer = (over: Partial<ConsumerConfig> = {}): ConsumerConfig => ({
  id: 'c',
  stream: 's',
  pollMs: 1000,
  limit: 10_000,
  initialPosition: 'TRIM_HORIZON',
  ...over,
});

function setup(shards = 2, seed = 1): { engine: Engine; traffic: TrafficState } {
  const engine = createEngine({ seed, startTime: T0, timings: 'fast' });
  engine.call('CreateStream', { StreamName: 's', ShardCount: shards });
  engine.advanceBy(1000);
  return { engine, traffic: createTraffic(seed) };
}

/** Moves traffic and engine to `t` the way the store's playback does. */
function run(engine: Engine, traffic: TrafficState, t: number): void {
  advanceTraffic(traffic, engine, t);
  if (t > engine.now()) engine.advanceTo(t);
}

const calls = (engine: Engine, operation: string) => engine.commands().filter((c) => c.operation === operation);
const totalRecords = (engine: Engine) => engine.stream('s')!.shards.reduce((n, sh) => n + sh.records.length, 0);

describe('producers', () => {
  it('should call PutRecord at its rate on the virtual clock, through the engine (so in the command log)', () => {
    const { engine, traffic } = setup();
    addProducer(traffic, producer({ rate: 20 }), engine.now());
    run(engine, traffic, engine.now() + 9_999); // emissions at 0, 50, … 9950 ms
    expect(calls(engine, 'PutRecord').length).toBe(200);
    expect(totalRecords(engine)).toBe(200);
    expect(traffic.producers[0]!.stats.accepted).toBe(200);
  });

  it('should send PutRecords batches of the chosen size when they fill within the buffer time', () => {
    const { engine, traffic } = setup();
    addProducer(traffic, producer({ rate: 100, batch: 25, bufferMs: 1000 }), engine.now());
    run(engine, traffic, engine.now() + 1999);
    const batches = calls(engine, 'PutRecords');
    expect(batches.length).toBe(8);
    expect(batches.every((c) => (c.input as { Records: unknown[] }).Records.length === 25)).toBe(true);
    expect(totalRecords(engine)).toBe(200);
  });

  it('should make the same calls for the same seed, and other keys for another seed', () => {
    const keysFor = (seed: number) => {
      const { engine, traffic } = setup(2, seed);
      addProducer(traffic, producer(), engine.now());
      run(engine, traffic, engine.now() + 3000);
      return calls(engine, 'PutRecord').map((c) => (c.input as { PartitionKey: string }).PartitionKey);
    };
    expect(keysFor(5)).toEqual(keysFor(5));
    expect(keysFor(5)).not.toEqual(keysFor(6));
  });

  it('should draw keys from the chosen distribution', () => {
    const keysOf = (keys: ProducerConfig['keys']) => {
      const { engine, traffic } = setup();
      addProducer(traffic, producer({ rate: 200, batch: 10, keys }), engine.now());
      run(engine, traffic, engine.now() + 4999);
      return calls(engine, 'PutRecords').flatMap((c) =>
        (c.input as { Records: { PartitionKey: string }[] }).Records.map((r) => r.PartitionKey),
      );
    };
    expect(new Set(keysOf({ kind: 'fixed', keys: ['a', 'b', 'c'] }))).toEqual(new Set(['a', 'b', 'c']));
    expect(keysOf({ kind: 'sequential', prefix: 'k' }).slice(0, 3)).toEqual(['k0', 'k1', 'k2']);
    expect(new Set(keysOf({ kind: 'uniform' })).size).toBe(1000);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (share) => {
        const keys = keysOf({ kind: 'hot', key: 'HOT', share });
        const fraction = keys.filter((k) => k === 'HOT').length / keys.length;
        return Math.abs(fraction - share) < 0.06; // 1000 draws: well within 4 standard deviations
      }),
      { numRuns: 8 },
    );
  });

  it('should retry throttled records with growing backoff, and count each record as accepted or failed exactly once', () => {
    const { engine, traffic } = setup(1);
    addProducer(
      traffic,
      producer({ rate: 1500, batch: 100, keys: { kind: 'uniform' }, maxRetries: 2, backoffMs: 200 }),
      engine.now(),
    );
    run(engine, traffic, engine.now() + 5000);
    setStatus(traffic, 'producer', 'p', 'paused', engine.now());
    const p = traffic.producers[0]!;
    // Let pending retries finish: resume would start new emissions, so drain them by hand.
    p.status = 'running';
    p.epoch = Number.MAX_SAFE_INTEGER / 2;
    run(engine, traffic, engine.now() + 10_000);
    expect(p.stats.throttled).toBeGreaterThan(0);
    expect(p.stats.retried).toBeGreaterThan(0);
    expect(p.stats.failed).toBeGreaterThan(0);
    expect(p.retries).toEqual([]);
    expect(p.stats.accepted + p.stats.failed).toBe(p.produced);
    expect(p.stats.accepted).toBe(totalRecords(engine));
    // One shard takes at most 1000 records in any one second.
    const log = engine.stream('s')!.shards[0]!.records;
    const perSecond = new Map<number, number>();
    for (let i = 0; i < log.length; i++) {
      const second = Math.floor(log.arrival(i) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(1000);
  });

  it('should send what its buffer holds when the oldest record has waited its buffer time, as the KPL does', () => {
    const { engine, traffic } = setup();
    addProducer(traffic, producer({ rate: 100, batch: 500, bufferMs: 100 }), engine.now());
    run(engine, traffic, engine.now() + 1999);
    const batches = calls(engine, 'PutRecords');
    expect(batches.length).toBeGreaterThanOrEqual(18);
    expect(batches.every((c) => (c.input as { Records: unknown[] }).Records.length <= 11)).toBe(true);
    const p = traffic.producers[0]!;
    expect(totalRecords(engine)).toBe(p.produced - p.buffered);
  });

  it('should count records given up when paused with a full buffer, so none goes missing', () => {
    const { engine, traffic } = setup();
    addProducer(traffic, producer({ rate: 100, batch: 500, bufferMs: 1000 }), engine.now());
    run(engine, traffic, engine.now() + 500);
    const p = traffic.producers[0]!;
    expect(p.stats.accepted).toBe(0); // the first batch is still in the buffer
    setStatus(traffic, 'producer', 'p', 'paused', engine.now());
    expect(p.produced).toBe(50); // made at 0, 10, … 490 ms
    expect(p.stats.failed).toBe(50);
    expect(p.stats.accepted + p.stats.failed).toBe(p.produced);
  });

  it('should make no calls while paused, and not burst to catch up when resumed', () => {
    const { engine, traffic } = setup();
    addProducer(traffic, producer({ rate: 10 }), engine.now());
    run(engine, traffic, engine.now() + 1000);
    const before = engine.commands().length;
    setStatus(traffic, 'producer', 'p', 'paused', engine.now());
    run(engine, traffic, engine.now() + 5000);
    expect(engine.commands().length).toBe(before);
    setStatus(traffic, 'producer', 'p', 'running', engine.now());
    run(engine, traffic, engine.now() + 1000);
    expect(engine.commands().length - before).toBe(11); // at the resume instant, then every 100 ms
  });

  it('should refuse a bad producer with a clear message', () => {
    const { engine, traffic } = setup();
    expect(() => addProducer(traffic, producer({ rate: -1 }), engine.now())).toThrow(/rate is more than 0/);
    expect(() => addProducer(traffic, producer({ batch: 501 }), engine.now())).toThrow(/batch is 1/);
  });
});

describe('consumers', () => {
  it('should read every record exactly once, with one worker per shard, checkpointing as it goes', () => {
    const { engine, traffic } = setup(3);
    addProducer(traffic, producer({ rate: 50 }), engine.now());
    addConsumer(traffic, consumer(), engine.now());
    run(engine, traffic, engine.now() + 10_000);
    setStatus(traffic, 'producer', 'p', 'stopped', engine.now());
    run(engine, traffic, engine.now() + 3000);
    const c = traffic.consumers[0]!;
    expect(c.workers.map((w) => w.shardId)).toEqual([
      'shardId-000000000000',
      'shardId-000000000001',
      'shardId-000000000002',
    ]);
    expect(c.stats.records).toBe(totalRecords(engine));
    for (const w of c.workers) {
      const shard = engine.stream('s')!.shards.find((s) => s.id === w.shardId)!;
      expect(w.records).toBe(shard.records.length);
      expect(w.checkpoint).toBe(shard.records.sequenceNumber(shard.records.length - 1));
    }
    expect(consumerLag(c)).toBe(0);
    // Each worker knows which engine iterator it holds: on its own shard, pointing past its records.
    for (const w of c.workers) {
      const iterator = engine.iterators().find((i) => i.id === w.iteratorId)!;
      expect(iterator.shardId).toBe(w.shardId);
      expect(iterator.position).toBe(w.records);
      expect(iterator.expired).toBe(false);
    }
  });

  it('should read a parent shard to its end before its children after a split', () => {
    const { engine, traffic } = setup(1);
    addProducer(traffic, producer({ rate: 40, keys: { kind: 'sequential', prefix: 'k' } }), engine.now());
    run(engine, traffic, engine.now() + 3000);
    engine.call('SplitShard', {
      StreamName: 's',
      ShardToSplit: 'shardId-000000000000',
      NewStartingHashKey: '170141183460469231731687303715884105728',
    });
    run(engine, traffic, engine.now() + 3000); // the children fill while the parent still holds unread records
    setStatus(traffic, 'producer', 'p', 'stopped', engine.now());
    const order: string[] = [];
    engine.subscribe((e) => {
      if (e.type === 'call' && e.operation === 'GetRecords' && e.output)
        order.push(...(e.output as { Records: { PartitionKey: string }[] }).Records.map((r) => r.PartitionKey));
    });
    addConsumer(traffic, consumer({ pollMs: 500, limit: 20 }), engine.now());
    run(engine, traffic, engine.now() + 30_000);
    const c = traffic.consumers[0]!;
    const parent = engine.stream('s')!.shards[0]!;
    expect(parent.closedAt).toBeDefined();
    expect(c.workers.find((w) => w.shardId === parent.id)!.phase).toBe('shard-end');
    expect(c.stats.records).toBe(totalRecords(engine));
    expect(order.length).toBe(totalRecords(engine));
    // Every record of the parent came before any record of a child.
    const parentKeys = new Set(Array.from({ length: parent.records.length }, (_, i) => parent.records.partitionKey(i)));
    const lastParent = order.map((k) => parentKeys.has(k)).lastIndexOf(true);
    const firstChild = order.findIndex((k) => !parentKeys.has(k));
    expect(parentKeys.size).toBeGreaterThan(100);
    expect(firstChild).toBeGreaterThan(0);
    expect(lastParent).toBeLessThan(firstChild);
  });

  it('should report MillisBehindLatest while behind, and throttles at 5 reads per second per shard', () => {
    const { engine, traffic } = setup(1);
    addProducer(traffic, producer({ rate: 100, batch: 10 }), engine.now());
    addConsumer(traffic, consumer({ pollMs: 1000, limit: 10 }), engine.now());
    run(engine, traffic, engine.now() + 5000);
    expect(consumerLag(traffic.consumers[0]!)).toBeGreaterThan(1000);
    for (const id of ['c2', 'c3', 'c4', 'c5', 'c6', 'c7'])
      addConsumer(traffic, consumer({ id, pollMs: 200 }), engine.now());
    run(engine, traffic, engine.now() + 3000);
    expect(traffic.consumers.reduce((n, c) => n + c.stats.throttles, 0)).toBeGreaterThan(0);
  });

  it('should resume from its checkpoint after its iterator expired, losing and repeating nothing', () => {
    const { engine, traffic } = setup(1);
    addProducer(traffic, producer({ rate: 5 }), engine.now());
    addConsumer(traffic, consumer(), engine.now());
    run(engine, traffic, engine.now() + 5000);
    setStatus(traffic, 'consumer', 'c', 'paused', engine.now());
    run(engine, traffic, engine.now() + 6 * 60_000);
    setStatus(traffic, 'consumer', 'c', 'running', engine.now());
    setStatus(traffic, 'producer', 'p', 'stopped', engine.now());
    run(engine, traffic, engine.now() + 3000);
    const c = traffic.consumers[0]!;
    expect(c.stats.lastError).toMatch(/^ExpiredIteratorException/);
    expect(c.workers[0]!.expiredIterators).toBe(1);
    expect(c.stats.records).toBe(totalRecords(engine));
    const reopen = engine
      .commands()
      .filter((cmd) => cmd.operation === 'GetShardIterator')
      .at(-1)!;
    expect((reopen.input as { ShardIteratorType: string }).ShardIteratorType).toBe('AFTER_SEQUENCE_NUMBER');
  });
});
