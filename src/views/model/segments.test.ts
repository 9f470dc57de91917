import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { densityStrip, segmentsOf } from './segments';
import { bytesOf, engineWithStream } from './testing';

describe('segmentsOf', () => {
  it('should list the open shards with their decimal ranges and equal shares', () => {
    const engine = engineWithStream(4);
    const segs = segmentsOf(engine.stream('s')!);
    expect(segs.map((s) => s.shardId)).toEqual([0, 1, 2, 3].map((i) => `shardId-00000000000${i}`));
    expect(segs[0]!.startingHashKey).toBe('0');
    expect(segs[3]!.endingHashKey).toBe('340282366920938463463374607431768211455');
    for (const s of segs) expect(s.share).toBeCloseTo(0.25, 9);
  });

  it('should mark the shard a hot partition key lands on as hot, and only it', () => {
    const engine = engineWithStream(4);
    for (let i = 0; i < 60; i++) engine.call('PutRecord', { StreamName: 's', PartitionKey: 'hot', Data: bytesOf('x') });
    for (let i = 0; i < 8; i++)
      engine.call('PutRecord', { StreamName: 's', PartitionKey: `k${i}`, Data: bytesOf('x') });
    const hotShard = engine.call('PutRecord', { StreamName: 's', PartitionKey: 'hot', Data: bytesOf('x') }).ShardId;
    const segs = segmentsOf(engine.stream('s')!);
    expect(segs.filter((s) => s.hot).map((s) => s.shardId)).toEqual([hotShard]);
    expect(segs.reduce((a, s) => a + s.records, 0)).toBe(69);
  });

  it('should count only records that arrived in the given time range', () => {
    const engine = engineWithStream(1);
    engine.call('PutRecord', { StreamName: 's', PartitionKey: 'a', Data: bytesOf('x') });
    const t = engine.now() + 1000;
    engine.advanceTo(t);
    engine.call('PutRecord', { StreamName: 's', PartitionKey: 'a', Data: bytesOf('x') });
    engine.call('PutRecord', { StreamName: 's', PartitionKey: 'b', Data: bytesOf('x') });
    expect(segmentsOf(engine.stream('s')!, t, t + 1)[0]!.records).toBe(2);
    expect(segmentsOf(engine.stream('s')!, 0, t)[0]!.records).toBe(1);
  });
});

describe('densityStrip', () => {
  it('should bin records by their hash fraction', () => {
    const engine = engineWithStream(2);
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (const k of keys) engine.call('PutRecord', { StreamName: 's', PartitionKey: k, Data: bytesOf('x') });
    const strip = densityStrip(engine.stream('s')!, 16);
    expect(strip.reduce((a, b) => a + b, 0)).toBe(keys.length);
    const md5First = (k: string) => parseInt(createHash('md5').update(k).digest('hex').slice(0, 1), 16);
    for (const k of keys) expect(strip[md5First(k)]).toBeGreaterThan(0);
  });
});

describe('densityStrip under a budget', () => {
  it('should sample a busy shard evenly and still count about every record', () => {
    const engine = engineWithStream(1);
    for (let i = 0; i < 20; i++) {
      engine.call('PutRecords', {
        StreamName: 's',
        Records: Array.from({ length: 500 }, (_, j) => ({ PartitionKey: `k${i}-${j}`, Data: bytesOf('x') })),
      });
      engine.advanceBy(1000);
    }
    const stream = engine.stream('s')!;
    const exact = densityStrip(stream, 8);
    const sampled = densityStrip(stream, 8, -Infinity, Infinity, 1000);
    const sum = (a: Uint32Array) => a.reduce((x, y) => x + y, 0);
    expect(sum(exact)).toBe(10_000);
    expect(Math.abs(sum(sampled) - 10_000)).toBeLessThanOrEqual(10_000 * 0.02);
    // Uniform keys: every bin about an eighth, sampled or not.
    for (const count of sampled) expect(Math.abs(count - 1250)).toBeLessThan(400);
  });
});
