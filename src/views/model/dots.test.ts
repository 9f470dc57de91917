import { describe, expect, it } from 'vitest';
import { forEachRecordIn, nearestRecord } from './dots';
import { bytesOf, engineWithStream } from './testing';

describe('forEachRecordIn', () => {
  it('should visit exactly the records that arrived in the time range', () => {
    const engine = engineWithStream(2);
    const t0 = engine.now();
    for (let i = 0; i < 6; i++) {
      engine.call('PutRecord', { StreamName: 's', PartitionKey: `k${i}`, Data: bytesOf('x') });
      engine.advanceBy(1000);
    }
    const seen: number[] = [];
    forEachRecordIn(engine.stream('s')!, t0 + 2000, t0 + 4000, (_s, _i, arrival) => seen.push(arrival - t0));
    expect(seen.sort((a, b) => a - b)).toEqual([2000, 3000, 4000]);
  });

  it('should visit no more than its budget, evenly, and always the newest record of each shard', () => {
    const engine = engineWithStream(2);
    const t0 = engine.now();
    for (let i = 0; i < 40; i++) {
      engine.call('PutRecords', {
        StreamName: 's',
        Records: Array.from({ length: 250 }, (_, j) => ({ PartitionKey: `k${i}-${j}`, Data: bytesOf('x') })),
      });
      engine.advanceBy(100);
    }
    const stream = engine.stream('s')!;
    const visited = new Map<number, number[]>();
    forEachRecordIn(
      stream,
      t0,
      engine.now(),
      (shardPos, index) => visited.set(shardPos, [...(visited.get(shardPos) ?? []), index]),
      1000,
    );
    for (const [shardPos, indexes] of visited) {
      const length = stream.shards[shardPos]!.records.length;
      expect(length).toBeGreaterThan(1000);
      expect(indexes.length).toBeLessThanOrEqual(501);
      expect(indexes.at(-1)).toBe(length - 1);
      // Even: no gap is more than twice the mean gap.
      const gaps = indexes.slice(1).map((x, i) => x - indexes[i]!);
      expect(Math.max(...gaps)).toBeLessThanOrEqual((2 * length) / indexes.length);
    }
  });

  it('should weigh each visit by the records it stands for, so the weights add up to the records in range', () => {
    const engine = engineWithStream(3);
    const t0 = engine.now();
    for (let i = 0; i < 30; i++) {
      engine.call('PutRecords', {
        StreamName: 's',
        Records: Array.from({ length: 300 }, (_, j) => ({ PartitionKey: `k${i}-${j}`, Data: bytesOf('x') })),
      });
      engine.advanceBy(100);
    }
    const stream = engine.stream('s')!;
    for (const budget of [Infinity, 3000, 600]) {
      const weights = new Map<number, number>();
      forEachRecordIn(
        stream,
        t0,
        engine.now(),
        (shardPos, _i, _a, _f, weight) => weights.set(shardPos, (weights.get(shardPos) ?? 0) + weight),
        budget,
      );
      stream.shards.forEach((shard, shardPos) => {
        const held = shard.records.length;
        // Each shard's visits stand for its records, give or take the one stride the newest record adds.
        expect(Math.abs(weights.get(shardPos)! - held)).toBeLessThanOrEqual(held / Math.min(held, budget / 3) + 1);
      });
    }
  });
});

describe('nearestRecord', () => {
  it('should find the record under the pointer and nothing far from every record', () => {
    const engine = engineWithStream(2);
    const put = engine.call('PutRecord', { StreamName: 's', PartitionKey: 'target', Data: bytesOf('x') });
    const stream = engine.stream('s')!;
    const shard = stream.shards.find((s) => s.id === put.ShardId)!;
    const f = shard.records.hashFraction(0);
    const t = shard.records.arrival(0);
    expect(nearestRecord(stream, t + 10, f + 0.001, 100, 0.01)).toMatchObject({ shardId: put.ShardId, index: 0 });
    expect(nearestRecord(stream, t + 10, f + 0.5 > 1 ? f - 0.5 : f + 0.5, 100, 0.01)).toBeUndefined();
  });
});
