import { describe, expect, it } from 'vitest';
import { createEngine, replay } from '../engine';
import {
  addConsumer,
  addProducer,
  advanceTraffic,
  createTraffic,
  planOf,
  setStatus,
  trafficFromPlan,
  type TrafficState,
} from '.';

const T0 = 1_500_000_000_000;

function busyTraffic(): TrafficState {
  const traffic = createTraffic(7);
  addProducer(
    traffic,
    {
      id: 'orders',
      stream: 's',
      rate: 20,
      keys: { kind: 'hot', key: 'big-customer', share: 0.5 },
      payloadBytes: 50,
      batch: 10,
      maxRetries: 2,
      backoffMs: 100,
    },
    T0,
  );
  addProducer(
    traffic,
    {
      id: 'audit',
      stream: 's',
      rate: 5,
      keys: { kind: 'fixed', keys: ['a', 'b'] },
      payloadBytes: 10,
      batch: 1,
      maxRetries: 0,
      backoffMs: 50,
    },
    T0,
  );
  setStatus(traffic, 'producer', 'audit', 'paused', T0);
  addConsumer(traffic, { id: 'reader', stream: 's', pollMs: 1000, limit: 500, initialPosition: 'TRIM_HORIZON' }, T0);
  return traffic;
}

describe('traffic plans (what a share link keeps of the traffic)', () => {
  it('should bring back every producer and consumer with its settings and status, through JSON', () => {
    const plan = planOf(busyTraffic());
    const restored = trafficFromPlan(7, JSON.parse(JSON.stringify(plan)), T0 + 60_000);
    expect(typeof restored).toBe('object');
    expect(planOf(restored as TrafficState)).toEqual(plan);
  });

  it('should run restored traffic: the running producer writes, the paused one does not', () => {
    const engine = createEngine({ startTime: T0, timings: 'fast' });
    engine.call('CreateStream', { StreamName: 's', ShardCount: 2 });
    engine.advanceBy(1000);
    const traffic = trafficFromPlan(7, JSON.parse(JSON.stringify(planOf(busyTraffic()))), engine.now()) as TrafficState;
    advanceTraffic(traffic, engine, engine.now() + 5000);
    const puts = engine.commands().filter((c) => c.operation === 'PutRecords');
    expect(puts.length).toBeGreaterThanOrEqual(9); // 20 records/s in batches of 10, for 5 s
    expect(engine.commands().some((c) => c.operation === 'PutRecord')).toBe(false); // audit is paused
    expect(engine.commands().some((c) => c.operation === 'GetRecords')).toBe(true);
  });

  it('should refuse a malformed plan with a message that names the bad part', () => {
    const good = JSON.parse(JSON.stringify(planOf(busyTraffic()))) as {
      producers: Record<string, unknown>[];
      consumers: Record<string, unknown>[];
    };
    const bad = (edit: (plan: typeof good) => void) => {
      const plan = structuredClone(good);
      edit(plan);
      return trafficFromPlan(7, plan, T0);
    };
    expect(trafficFromPlan(7, 'everything', T0)).toBe('the traffic part must list producers and consumers');
    expect(bad((p) => (p.producers[0]!.status = 'flying'))).toBe(
      'producer 1: its status is running, paused or stopped',
    );
    expect(bad((p) => ((p.producers[1]!.config as Record<string, unknown>).keys = { kind: 'zipf' }))).toBe(
      "producer 2: a producer's keys are uniform, fixed (keys), hot (key, share) or sequential (prefix)",
    );
    expect(bad((p) => ((p.producers[0]!.config as Record<string, unknown>).rate = -5))).toMatch(
      /^producer 1: A producer's rate is more than 0/,
    );
    expect(bad((p) => ((p.producers[0]!.config as Record<string, unknown>).rate = '20'))).toMatch(
      /^producer 1: producer orders: its rate/,
    );
    expect(bad((p) => ((p.consumers[0]!.config as Record<string, unknown>).pollMs = 5))).toBe(
      'consumer 1: A consumer polls every 200 to 600000 ms.',
    );
    expect(bad((p) => (p.consumers[0]!.config = null as never))).toBe('consumer 1: a consumer needs its settings');
  });

  it('should carry traffic on exactly where it was: the same calls, over the replayed engine, as if never interrupted', () => {
    const options = { startTime: T0, timings: 'fast' as const, seed: 3 };
    const engine = createEngine(options);
    engine.call('CreateStream', { StreamName: 's', ShardCount: 2 });
    engine.advanceBy(1000);
    const traffic = busyTraffic();
    advanceTraffic(traffic, engine, T0 + 7_300); // mid-emission, consumers holding iterators and checkpoints
    engine.advanceTo(T0 + 7_300);
    expect(traffic.consumers[0]!.workers.some((w) => w.checkpoint !== undefined && w.iterator !== undefined)).toBe(
      true,
    );

    const plan = JSON.parse(JSON.stringify(planOf(traffic)));
    const other = replay(options, engine.commands(), engine.now());
    const restored = trafficFromPlan(7, plan, other.now()) as TrafficState;
    expect(restored).toEqual(traffic);

    const before = engine.commands().length;
    advanceTraffic(traffic, engine, T0 + 20_000);
    advanceTraffic(restored, other, T0 + 20_000);
    const later = (e: typeof engine) => JSON.stringify(e.commands().slice(before));
    expect(engine.commands().length).toBeGreaterThan(before + 20);
    expect(later(other)).toBe(later(engine));
    expect(restored).toEqual(traffic);
  });

  it('should refuse progress that is not what a producer or consumer keeps, naming the field', () => {
    const good = JSON.parse(JSON.stringify(planOf(busyTraffic())));
    const bad = (
      edit: (plan: {
        producers: { progress: Record<string, unknown> }[];
        consumers: { progress: Record<string, unknown> }[];
      }) => void,
    ) => {
      const plan = structuredClone(good);
      edit(plan);
      return trafficFromPlan(7, plan, T0);
    };
    expect(bad((p) => (p.producers[0]!.progress.rng = -1))).toBe(
      'producer 1: its progress.rng must be a 32-bit whole number',
    );
    expect(
      bad((p) => (p.producers[1]!.progress.retries = [{ at: 0, attempt: 1, records: [{ n: 1.5, key: 'a' }] }])),
    ).toBe('producer 2: its progress.retries[0].records[0].n must be a whole number of 0 or more');
    expect(bad((p) => (p.consumers[0]!.progress.workers = [{ shardId: 's', parents: [], phase: 'dreaming' }]))).toBe(
      'consumer 1: its progress.workers[0].phase must be one of waiting-for-parents, reading, shard-end',
    );
    expect(bad((p) => (p.consumers[0]!.progress.stats = null))).toBe(
      'consumer 1: its progress.stats must be an object',
    );
    // Fields a runtime does not have are left behind, not copied in.
    const extra = bad((p) => (p.consumers[0]!.progress.surprise = '<img src=x>')) as TrafficState;
    expect(Object.keys(extra.consumers[0]!)).not.toContain('surprise');
  });
});
