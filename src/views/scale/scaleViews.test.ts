import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/index';
import { StreamsHistory, TRAFFIC_SECONDS } from '../../store/history';
import { bytesOf } from '../model/testing';
import { hotAmong, writeUseNow } from './currentUse';
import { findTarget } from './findTarget';
import { WHOLE_SPACE, windowAround } from './hashWindow';
import { keyspaceAtScale } from './keyspaceAtScale';
import { scaledRows } from './scaledRows';

function bigStream(shards: number) {
  const engine = createEngine({ timings: 'fast', limits: { throughput: false, apiRates: false } });
  const history = new StreamsHistory();
  engine.subscribe((e) => history.ingest(e));
  engine.call('CreateStream', { StreamName: 'big', ShardCount: shards });
  engine.advanceBy(1000);
  return { engine, history, stream: () => engine.stream('big')! };
}

describe('keyspaceAtScale', () => {
  it('should count 1,000 splits at one instant instead of drawing 2,000 edges, and draw a zoomed parent’s two edges', () => {
    const { engine, stream } = bigStream(1000);
    engine.call('UpdateShardCount', { StreamName: 'big', TargetShardCount: 2000, ScalingType: 'UNIFORM_SCALING' });
    engine.advanceBy(600_000);
    const whole = keyspaceAtScale(stream(), engine.now(), WHOLE_SPACE)!;
    expect(whole.edges).toEqual([]);
    expect(whole.moments.map((m) => [m.splits, m.merges])).toEqual([[1000, 0]]);
    expect(whole.summarisedShards).toBe(3000);

    const parent = stream().shards[500]!;
    const zoomed = keyspaceAtScale(
      stream(),
      engine.now(),
      windowAround(parent.startingHashKey, parent.endingHashKey, 0),
    )!;
    const parentEdges = zoomed.edges.filter((e) => e.parent === parent.id);
    expect(parentEdges.map((e) => e.child).sort()).toEqual([...parent.childShardIds].sort());
    expect(zoomed.bands.map((b) => b.shardId)).toContain(parent.id);
  });

  it('should leave a stream of a few shards to the map as it is', () => {
    const { engine, stream } = bigStream(8);
    expect(keyspaceAtScale(stream(), engine.now(), WHOLE_SPACE)).toBeUndefined();
  });
});

describe('the busiest shards of many', () => {
  it('should rank shards by the write use of their newest second and name the hot one', () => {
    const { engine, history, stream } = bigStream(1000);
    const put = (key: string, n: number) =>
      engine.call('PutRecords', {
        StreamName: 'big',
        Records: Array.from({ length: n }, (_, i) => ({
          PartitionKey: `${key}-${i}`.slice(0, key === 'hot' ? 3 : 64),
          Data: bytesOf('x'),
        })),
      });
    for (let k = 0; k < 60; k++) put(`spread-${k}`, 500);
    put('hot', 300);
    const hotShard = engine.call('PutRecord', { StreamName: 'big', PartitionKey: 'hot', Data: bytesOf('x') }).ShardId!;
    const h = history.stream('big');
    // Every record arrived in this second: the shard's use is what it holds over 1,000 records/s.
    const held = stream().shards.find((s) => s.id === hotShard)!.records.length;
    expect(held).toBeGreaterThanOrEqual(301);
    expect(writeUseNow(h, hotShard, engine.now())).toBeCloseTo(held / 1000, 9);
    const rows = scaledRows(
      stream(),
      WHOLE_SPACE,
      (p) => writeUseNow(h, stream().shards[p]!.id, engine.now()),
      undefined,
    )!;
    expect(rows.positions.length + rows.restCount).toBe(1000);
    expect(rows.positions.map((p) => stream().shards[p]!.id)).toContain(hotShard);
    expect([...hotAmong(stream(), h, rows.positions, engine.now(), 60)]).toEqual([hotShard]);
    // A second later the rate is still the last second's; two seconds later, nothing.
    engine.advanceBy(1000);
    expect(writeUseNow(h, hotShard, engine.now())).toBeCloseTo(held / 1000, 9);
    engine.advanceBy(1000);
    expect(writeUseNow(h, hotShard, engine.now())).toBe(0);
  });
});

describe('findTarget', () => {
  it('should find a shard by id or number, route a key as PutRecord does, and say when there is no such shard', () => {
    const { engine, stream } = bigStream(100);
    expect(findTarget(stream(), '42')).toMatchObject({ kind: 'shard', shard: { id: 'shardId-000000000042' } });
    expect(findTarget(stream(), 'shardId-000000000099')).toMatchObject({ kind: 'shard' });
    const owner = engine.call('PutRecord', { StreamName: 'big', PartitionKey: 'user-42', Data: bytesOf('x') }).ShardId;
    expect(findTarget(stream(), 'user-42')).toMatchObject({ kind: 'key', shard: { id: owner } });
    expect(findTarget(stream(), 'shardId-000000000100')).toEqual({
      kind: 'none',
      message: 'Stream big has no shard shardId-000000000100.',
    });
    expect(findTarget(stream(), 'x'.repeat(257)).kind).toBe('none');
  });
});

describe('the history kept for many shards', () => {
  it('should keep the stream’s per-second write totals for TRAFFIC_SECONDS only, and each shard’s two newest seconds', () => {
    const { engine, history } = bigStream(4);
    for (let s = 0; s < TRAFFIC_SECONDS + 50; s++) {
      engine.call('PutRecord', { StreamName: 'big', PartitionKey: `k${s}`, Data: bytesOf('x') });
      engine.advanceBy(1000);
    }
    const h = history.stream('big');
    expect(h.writesPerSecond.size).toBeLessThanOrEqual(TRAFFIC_SECONDS);
    expect([...h.writesPerSecond.values()].every((n) => n === 1)).toBe(true);
    for (const [shardId, newest] of h.newest) {
      const seconds = [...h.traffic.get(shardId)!.keys()];
      expect(newest.second).toBe(seconds[seconds.length - 1]);
      if (newest.previous) expect(newest.previous.second).toBe(seconds[seconds.length - 2]);
    }
  });
});
