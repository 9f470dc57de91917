// Routing, hash ranges and lineage stay exact in a stream of thousands of shards after many random
// splits and merges: the open shards tile the hash-key space, every child's range is what its
// parents gave up, ListShards lists exactly that, and every key goes to the open shard holding it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../index';
import { MAX_HASH } from './helpers';

interface ShardModel {
  readonly start: bigint;
  readonly end: bigint;
  open: boolean;
  readonly parent?: string;
  readonly adjacentParent?: string;
}

interface ListedShard {
  ShardId: string;
  ParentShardId?: string;
  AdjacentParentShardId?: string;
  HashKeyRange: { StartingHashKey: string; EndingHashKey: string };
  SequenceNumberRange: { EndingSequenceNumber?: string };
}

const STREAM = 'wide';
const SHARDS = 2_000;

function listAfter(engine: Engine, after?: string): ListedShard[] {
  const out: ListedShard[] = [];
  let page = engine.call('ListShards', {
    StreamName: STREAM,
    MaxResults: 1000,
    ...(after ? { ExclusiveStartShardId: after } : {}),
  });
  for (;;) {
    out.push(...(page.Shards as ListedShard[]));
    if (!page.NextToken) return out;
    page = engine.call('ListShards', { NextToken: page.NextToken, MaxResults: 1000 });
  }
}

/** Adds listed shards to the model: a child closes its parents. */
function learn(model: Map<string, ShardModel>, listed: readonly ListedShard[]): string | undefined {
  let last: string | undefined;
  for (const s of listed) {
    model.set(s.ShardId, {
      start: BigInt(s.HashKeyRange.StartingHashKey),
      end: BigInt(s.HashKeyRange.EndingHashKey),
      open: s.SequenceNumberRange.EndingSequenceNumber === undefined,
      ...(s.ParentShardId ? { parent: s.ParentShardId } : {}),
      ...(s.AdjacentParentShardId ? { adjacentParent: s.AdjacentParentShardId } : {}),
    });
    for (const p of [s.ParentShardId, s.AdjacentParentShardId]) if (p && model.has(p)) model.get(p)!.open = false;
    last = s.ShardId;
  }
  return last;
}

const openSorted = (model: Map<string, ShardModel>) =>
  [...model].filter(([, s]) => s.open).sort(([, a], [, b]) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));

/** An operation: a split of the i-th open shard at a fraction of its range, or a merge of the i-th with its neighbour. */
const operation = fc.oneof(
  fc.record({
    kind: fc.constant('split' as const),
    pick: fc.nat(),
    at: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
  }),
  fc.record({ kind: fc.constant('merge' as const), pick: fc.nat() }),
);

describe('a stream of thousands of shards under random splits and merges', () => {
  it('should keep routing, ranges and lineage exact', () => {
    fc.assert(
      fc.property(
        fc.array(operation, { minLength: 40, maxLength: 120 }),
        fc.array(fc.bigInt({ min: 0n, max: MAX_HASH }), { minLength: 50, maxLength: 50 }),
        (operations, keys) => {
          const engine = createEngine({
            timings: 'fast',
            limits: { throughput: false, apiRates: false },
            commandLog: false,
          });
          engine.call('CreateStream', { StreamName: STREAM, ShardCount: SHARDS });
          engine.advanceBy(1_000);
          const model = new Map<string, ShardModel>();
          let last = learn(model, listAfter(engine));

          for (const op of operations) {
            const open = openSorted(model);
            if (op.kind === 'split') {
              const [id, shard] = open[op.pick % open.length]!;
              const span = shard.end - shard.start;
              if (span < 2n) continue;
              const offset = 1n + ((span - 1n) * BigInt(Math.floor(op.at * 1e6))) / 1_000_000n;
              engine.call('SplitShard', {
                StreamName: STREAM,
                ShardToSplit: id,
                NewStartingHashKey: (shard.start + offset).toString(),
              });
            } else {
              // ShardToMerge is the lower of the pair: the service refuses the inverted order.
              if (open.length < 2) continue;
              const i = Math.min(op.pick % open.length, open.length - 2);
              engine.call('MergeShards', {
                StreamName: STREAM,
                ShardToMerge: open[i]![0],
                AdjacentShardToMerge: open[i + 1]![0],
              });
            }
            engine.advanceBy(1_000);
            last = learn(model, listAfter(engine, last)) ?? last;
          }

          // Resharding happened: each operation made one or two shards.
          expect(model.size).toBeGreaterThan(SHARDS + operations.length / 2);
          // ListShards lists exactly the model: every shard, its range and whether it is open.
          const listed = new Map<string, ShardModel>();
          learn(listed, listAfter(engine));
          expect(listed).toEqual(model);

          // The open shards tile the hash-key space: no gap, no overlap.
          const open = openSorted(model);
          expect(open[0]![1].start).toBe(0n);
          expect(open.at(-1)![1].end).toBe(MAX_HASH);
          for (let i = 1; i < open.length; i++) expect(open[i]![1].start).toBe(open[i - 1]![1].end + 1n);

          // Lineage: a merged child holds both parents' ranges; a split parent's children share out its range.
          const children = new Map<string, ShardModel[]>();
          for (const s of model.values())
            if (s.parent && !s.adjacentParent) children.set(s.parent, [...(children.get(s.parent) ?? []), s]);
          for (const s of model.values()) {
            if (!s.adjacentParent) continue;
            const [a, b] = [model.get(s.parent!)!, model.get(s.adjacentParent)!].sort((x, y) =>
              x.start < y.start ? -1 : 1,
            );
            expect([a!.end + 1n, s.start, s.end]).toEqual([b!.start, a!.start, b!.end]);
          }
          for (const [parentId, kids] of children) {
            const parent = model.get(parentId);
            if (!parent) continue; // a shard the stream started with has no listed parent
            kids.sort((x, y) => (x.start < y.start ? -1 : 1));
            expect(kids).toHaveLength(2);
            expect([kids[0]!.start, kids[0]!.end + 1n, kids[1]!.end]).toEqual([
              parent.start,
              kids[1]!.start,
              parent.end,
            ]);
          }

          // Every key goes to the open shard holding it.
          const answer = engine.call('PutRecords', {
            StreamName: STREAM,
            Records: keys.map((k) => ({ PartitionKey: 'k', ExplicitHashKey: k.toString(), Data: new Uint8Array(1) })),
          });
          keys.forEach((k, i) => {
            const owner = open.find(([, s]) => s.start <= k && k <= s.end)![0];
            expect(answer.Records![i]!.ShardId).toBe(owner);
          });
        },
      ),
      { numRuns: 6 },
    );
  });
});
