// Routing compares keys by their top 32 bits and falls back to the whole key on a tie: these tests
// put shard boundaries inside one 32-bit bucket and records right on and beside them.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { activeStream, MAX_HASH, newEngine, settle } from './helpers';
import { routeOf, routeOfWords, routingTableOf } from '../shards';
import type { ShardState } from '../state';

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
            const shards = engine
              .call('ListShards', { StreamName: stream })
              .Shards!.filter((s) => !s.SequenceNumberRange!.EndingSequenceNumber);
            const last = shards.at(-1)!;
            if (point <= BigInt(last.HashKeyRange!.StartingHashKey!) + 1n) continue; // SplitShard needs a point past start + 1
            engine.call('SplitShard', {
              StreamName: stream,
              ShardToSplit: last.ShardId!,
              NewStartingHashKey: String(point),
            });
            settle(engine);
            points.push(point);
          }
          const open = engine
            .call('ListShards', { StreamName: stream })
            .Shards!.filter((s) => !s.SequenceNumberRange!.EndingSequenceNumber);
          const owner = (key: bigint) =>
            open.find(
              (s) => BigInt(s.HashKeyRange!.StartingHashKey!) <= key && key <= BigInt(s.HashKeyRange!.EndingHashKey!),
            )!.ShardId;
          for (const p of points) {
            for (const nudge of nudges) {
              const key = p + nudge;
              const out = engine.call('PutRecord', {
                StreamName: stream,
                PartitionKey: 'k',
                Data: new Uint8Array(1),
                ExplicitHashKey: String(key),
              });
              expect(out.ShardId).toBe(owner(key));
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('routeOf and routeOfWords', () => {
  const shardAt = (start: bigint) => ({ startingHashKey: start }) as ShardState;
  const hex = (key: bigint) => key.toString(16).padStart(32, '0');
  // Starts near one another (inside one 32-bit bucket), near slice edges, and spread out.
  const start = fc.oneof(
    fc.bigInt({ min: 1n, max: MAX_HASH }),
    fc
      .tuple(fc.integer({ min: 0, max: 1023 }), fc.bigInt({ min: -(1n << 40n), max: 1n << 40n }))
      .map(([slice, nudge]) => {
        const key = (BigInt(slice) << 118n) + nudge;
        return key < 1n ? 1n : key > MAX_HASH ? MAX_HASH : key;
      }),
  );

  it('should pick the shard holding the key for any set of open shards', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(start, { maxLength: 300, comparator: (a, b) => a === b }),
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.array(fc.bigInt({ min: 0n, max: MAX_HASH }), { maxLength: 40 }),
        (starts, picks, keys) => {
          const sorted = [0n, ...starts].sort((a, b) => (a < b ? -1 : 1));
          const table = routingTableOf([...sorted].reverse().map(shardAt)); // any order in
          const owner = (key: bigint) => sorted.filter((s) => s <= key).at(-1)!;
          // Keys on, just before and just after every boundary, and anywhere.
          const probes = [
            ...keys,
            MAX_HASH,
            ...picks.flatMap((p) => {
              const s = sorted[p % sorted.length]!;
              return [s - 1n, s, s + 1n];
            }),
          ];
          for (const key of probes.filter((k) => k >= 0n && k <= MAX_HASH)) {
            expect(table.shards[routeOf(table, hex(key))]!.startingHashKey).toBe(owner(key));
            // The write path's route, from the key's words (no hex unless a start shares its top 32 bits).
            const words = Uint32Array.from([96n, 64n, 32n, 0n], (shift) => Number((key >> shift) & 0xffffffffn));
            expect(table.shards[routeOfWords(table, words)]!.startingHashKey).toBe(owner(key));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
