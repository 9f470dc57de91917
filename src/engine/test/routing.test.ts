// Routing compares keys by their top 32 bits and falls back to the whole key on a tie: these tests
// put shard boundaries inside one 32-bit bucket and records right on and beside them.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { activeStream, MAX_HASH, newEngine, settle } from './helpers';

describe('Routing records to shards', () => {
  it('should send every key to the open shard whose range holds it, with boundaries closer than 2^96', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n << 100n, max: MAX_HASH - (1n << 100n) }),
        fc.array(fc.bigInt({ min: 1n, max: (1n << 90n) - 1n }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.bigInt({ min: -3n, max: 3n }), { minLength: 1, maxLength: 6 }),
        (base, offsets, nudges) => {
          const engine = newEngine({ limits: { throughput: false } });
          const stream = activeStream(engine, 's', 1);
          // Split the last shard at base, base + o1, base + o1 + o2, …: all inside one top-32-bit bucket
          // most of the time.
          let point = base;
          const points: bigint[] = [];
          for (const offset of [0n, ...offsets]) {
            point += offset;
            const shards = engine.call('ListShards', { StreamName: stream }).Shards!.filter((s) => !s.SequenceNumberRange!.EndingSequenceNumber);
            const last = shards.at(-1)!;
            if (point <= BigInt(last.HashKeyRange!.StartingHashKey!) + 1n) continue; // SplitShard needs a point past start + 1
            engine.call('SplitShard', { StreamName: stream, ShardToSplit: last.ShardId!, NewStartingHashKey: String(point) });
            settle(engine);
            points.push(point);
          }
          const open = engine.call('ListShards', { StreamName: stream }).Shards!.filter((s) => !s.SequenceNumberRange!.EndingSequenceNumber);
          const owner = (key: bigint) =>
            open.find((s) => BigInt(s.HashKeyRange!.StartingHashKey!) <= key && key <= BigInt(s.HashKeyRange!.EndingHashKey!))!.ShardId;
          for (const p of points) {
            for (const nudge of nudges) {
              const key = p + nudge;
              const out = engine.call('PutRecord', { StreamName: stream, PartitionKey: 'k', Data: new Uint8Array(1), ExplicitHashKey: String(key) });
              expect(out.ShardId).toBe(owner(key));
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
