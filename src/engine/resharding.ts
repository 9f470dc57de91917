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
  // Boundaries ascend, and so do the open shards by start: one pass over both. A boundary's owner
  // is the high child of the previous split when that reaches it, else the next open shard.
  const open = ctx.openShards(stream).sort(byStart);
  let next = 0;
  let owner: ShardState | undefined;
  for (const boundary of targetBoundaries(target)) {
    if (!owner || owner.endingHashKey < boundary) {
      while (next < open.length && open[next]!.endingHashKey < boundary) next++;
      owner = open[next];
      next++;
    }
    if (owner && owner.startingHashKey < boundary && boundary <= owner.endingHashKey) {
      owner = split(ctx, stream, owner, boundary)[1];
    }
  }
}

/** UpdateShardCount, second half: merge runs of open shards that lie within one target range. */
export function mergeTowards(ctx: Context, stream: StreamState, target: number): void {
  // Ranges ascend, and so do the open shards by start: those within a range are consecutive.
  const open = ctx.openShards(stream).sort(byStart);
  let next = 0;
  for (const [start, end] of evenRanges(target)) {
    while (next < open.length && open[next]!.startingHashKey < start) next++;
    let child: ShardState | undefined;
    for (; next < open.length && open[next]!.endingHashKey <= end; next++) {
      child = child ? merge(ctx, stream, child, open[next]!) : open[next]!;
    }
  }
}
