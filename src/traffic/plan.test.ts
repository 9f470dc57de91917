import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine';
import { addConsumer, addProducer, advanceTraffic, createTraffic, planOf, setStatus, trafficFromPlan, type TrafficState } from '.';

const T0 = 1_500_000_000_000;

function busyTraffic(): TrafficState {
  const traffic = createTraffic(7);
  addProducer(traffic, { id: 'orders', stream: 's', rate: 20, keys: { kind: 'hot', key: 'big-customer', share: 0.5 }, payloadBytes: 50, batch: 10, maxRetries: 2, backoffMs: 100 }, T0);
  addProducer(traffic, { id: 'audit', stream: 's', rate: 5, keys: { kind: 'fixed', keys: ['a', 'b'] }, payloadBytes: 10, batch: 1, maxRetries: 0, backoffMs: 50 }, T0);
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
    const good = JSON.parse(JSON.stringify(planOf(busyTraffic()))) as { producers: Record<string, unknown>[]; consumers: Record<string, unknown>[] };
    const bad = (edit: (plan: typeof good) => void) => {
      const plan = structuredClone(good);
      edit(plan);
      return trafficFromPlan(7, plan, T0);
    };
    expect(trafficFromPlan(7, 'everything', T0)).toBe('the traffic part must list producers and consumers');
    expect(bad((p) => (p.producers[0]!.status = 'flying'))).toBe('producer 1: its status is running, paused or stopped');
    expect(bad((p) => ((p.producers[1]!.config as Record<string, unknown>).keys = { kind: 'zipf' }))).toBe(
      "producer 2: a producer's keys are uniform, fixed (keys), hot (key, share) or sequential (prefix)",
    );
    expect(bad((p) => ((p.producers[0]!.config as Record<string, unknown>).rate = -5))).toMatch(/^producer 1: A producer's rate is more than 0/);
    expect(bad((p) => ((p.producers[0]!.config as Record<string, unknown>).rate = '20'))).toMatch(/^producer 1: producer orders: its rate/);
    expect(bad((p) => ((p.consumers[0]!.config as Record<string, unknown>).pollMs = 5))).toBe('consumer 1: A consumer polls every 200 to 600000 ms.');
    expect(bad((p) => (p.consumers[0]!.config = null as never))).toBe('consumer 1: a consumer needs its settings');
  });
});
