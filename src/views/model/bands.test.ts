import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_HASH_KEY } from '../../engine/index';
import { bandsOf, keyFraction, lineageOf } from './bands';
import { engineWithStream } from './testing';

describe('bandsOf', () => {
  it('should tile the whole space with the open shards of a new stream', () => {
    const engine = engineWithStream(4);
    const bands = bandsOf(engine.stream('s')!, engine.now()).sort((a, b) => a.y0 - b.y0);
    expect(bands).toHaveLength(4);
    expect(bands[0]!.y0).toBe(0);
    expect(bands[3]!.y1).toBe(1);
    for (let i = 1; i < bands.length; i++) expect(bands[i]!.y0).toBeCloseTo(bands[i - 1]!.y1, 12);
    expect(bands.every((b) => b.open && b.t1 === engine.now())).toBe(true);
  });

  it('should fork a band on SplitShard and join two on MergeShards, with lineage edges', () => {
    const engine = engineWithStream(2);
    const half = (MAX_HASH_KEY / 4n).toString();
    engine.call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: half });
    engine.advanceBy(1000);
    const splitAt = engine.stream('s')!.shards[2]!.createdAt;
    let bands = bandsOf(engine.stream('s')!, engine.now());
    const parent = bands.find((b) => b.shardId === 'shardId-000000000000')!;
    expect(parent.open).toBe(false);
    expect(parent.t1).toBe(splitAt);
    expect(parent.children).toEqual(['shardId-000000000002', 'shardId-000000000003']);
    const edges = lineageOf(engine.stream('s')!);
    expect(edges.map((e) => [e.parent, e.child, e.kind])).toEqual([
      ['shardId-000000000000', 'shardId-000000000002', 'split'],
      ['shardId-000000000000', 'shardId-000000000003', 'split'],
    ]);
    expect(edges[0]!.yChild).toBeCloseTo(0.125, 9);

    engine.call('MergeShards', {
      StreamName: 's',
      ShardToMerge: 'shardId-000000000003',
      AdjacentShardToMerge: 'shardId-000000000001',
    });
    engine.advanceBy(1000);
    bands = bandsOf(engine.stream('s')!, engine.now());
    const merged = bands.find((b) => b.shardId === 'shardId-000000000004')!;
    expect(merged.parents).toHaveLength(2);
    expect(merged.y0).toBeCloseTo(0.25, 9);
    expect(merged.y1).toBe(1);
    expect(lineageOf(engine.stream('s')!).filter((e) => e.kind === 'merge')).toHaveLength(2);
  });
});

describe('keyFraction', () => {
  it('should be monotonic in the hash key and stay in [0, 1]', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_HASH_KEY }), fc.bigInt({ min: 0n, max: MAX_HASH_KEY }), (a, b) => {
        const fa = keyFraction(a);
        const fb = keyFraction(b);
        expect(fa).toBeGreaterThanOrEqual(0);
        expect(fa).toBeLessThan(1);
        if (a <= b) expect(fa).toBeLessThanOrEqual(fb);
      }),
    );
  });
});
