import type { Context } from './context';
import { announceClosed, closeShard, openShard } from './shards';
import type { ShardState, StreamState } from './state';

/** Closes a shard and opens its two children, [start, key − 1] and [key, end]. */
export function split(ctx: Context, stream: StreamState, parent: ShardState, key: bigint): [ShardState, ShardState] {
  closeShard(ctx, stream, parent);
  const low = openShard(ctx, stream, {
    startingHashKey: parent.startingHashKey,
    endingHashKey: key - 1n,
    parentShardId: parent.id,
  });
  const high = openShard(ctx, stream, {
    startingHashKey: key,
    endingHashKey: parent.endingHashKey,
    parentShardId: parent.id,
  });
  announceClosed(ctx, stream, parent);
  return [low, high];
}

/** Closes two adjacent shards and opens the child covering both. */
export function merge(ctx: Context, stream: StreamState, lower: ShardState, upper: ShardState): ShardState {
  closeShard(ctx, stream, lower);
  closeShard(ctx, stream, upper);
  const child = openShard(ctx, stream, {
    startingHashKey: lower.startingHashKey,
    endingHashKey: upper.endingHashKey,
    parentShardId: lower.id,
    adjacentParentShardId: upper.id,
  });
  announceClosed(ctx, stream, lower);
  announceClosed(ctx, stream, upper);
  return child;
}

const byStart = (a: ShardState, b: ShardState) => (a.startingHashKey < b.startingHashKey ? -1 : 1);

/*
 * UpdateShardCount reshards through as few short-lived shards as the service does, at the cost of
 * ranges that are only roughly even (equal ranges would take far more: 10 -> 13 needs 33 new
 * shards when every boundary moves). Scaling down merges disjoint adjacent pairs; scaling up
 * halves every open shard, then merges pairs across the old boundaries back down to the target.
 * So 10 -> 13 leaves 37 shards in the stream's list (10 + 20 halves + 7 merged) and 5 -> 3 leaves
 * 7 (5 + 2 merged), the counts the service is reported to leave. Doubling and halving, which the
 * service recommends, give exactly even ranges.
 */

/** How many more open shards the stream holds at the peak of reaching `target` from `current`. */
export const extraOpenShards = (current: number, target: number): number => (target > current ? current : 0);

/** `count` of `candidates` indexes, spread evenly from the first (count <= candidates). */
const spread = (count: number, candidates: number): number[] =>
  Array.from({ length: count }, (_, k) => Math.floor((k * candidates) / count));

/** UpdateShardCount, first half: when scaling up, split every open shard in two. */
export function splitTowards(ctx: Context, stream: StreamState, from: number, target: number): void {
  if (target <= from) return;
  for (const shard of [...ctx.openShards(stream)]) {
    const middle = shard.startingHashKey + (shard.endingHashKey - shard.startingHashKey + 1n) / 2n;
    split(ctx, stream, shard, middle);
  }
}

/**
 * UpdateShardCount, second half: merge disjoint adjacent pairs until `target` shards are open.
 * After a scale-up the pairs straddle the old boundaries (halves 1+2, 3+4, ...), so no merge
 * rebuilds a range that was just split; when scaling down they are shards 0+1, 2+3, ...
 */
export function mergeTowards(ctx: Context, stream: StreamState, from: number, target: number): void {
  const open = [...ctx.openShards(stream)].sort(byStart);
  const merges = open.length - target;
  if (merges <= 0) return;
  const offset = target > from ? 1 : 0;
  const candidates = Math.floor((open.length - offset) / 2);
  for (const pair of spread(merges, candidates)) {
    const lower = open[offset + 2 * pair]!;
    merge(ctx, stream, lower, open[offset + 2 * pair + 1]!);
  }
}
