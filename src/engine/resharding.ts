import type { Context } from './context';
import { announceClosed, closeShard, evenRanges, openShard } from './shards';
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

/** The starting hash keys of N even shards, except 0. */
const targetBoundaries = (target: number) =>
  evenRanges(target)
    .slice(1)
    .map(([start]) => start);

/** How many splits reaching `target` even shards takes from the current open shards. */
export function splitsNeeded(openShards: readonly ShardState[], target: number): number {
  const starts = new Set(openShards.map((s) => s.startingHashKey));
  return targetBoundaries(target).filter((b) => !starts.has(b)).length;
}

/** UpdateShardCount, first half: split every open shard at each target boundary inside it. */
export function splitTowards(ctx: Context, stream: StreamState, target: number): void {
  for (const boundary of targetBoundaries(target)) {
    const owner = ctx.openShards(stream).find((s) => s.startingHashKey < boundary && boundary <= s.endingHashKey);
    if (owner) split(ctx, stream, owner, boundary);
  }
}

/** UpdateShardCount, second half: merge runs of open shards that lie within one target range. */
export function mergeTowards(ctx: Context, stream: StreamState, target: number): void {
  for (const [start, end] of evenRanges(target)) {
    let run = ctx
      .openShards(stream)
      .filter((s) => s.startingHashKey >= start && s.endingHashKey <= end)
      .sort(byStart);
    while (run.length > 1) {
      const child = merge(ctx, stream, run[0]!, run[1]!);
      run = [child, ...run.slice(2)];
    }
  }
}
