import { invalidArgument } from '../errors';
import { alreadyReshardedShard } from '../messages';
import { ShardId } from '../schema/common';
import { streamRef } from '../schema/streamRef';
import { reportedIn, required, structure } from '../schema/shapes';
import { beginUpdate } from '../updates';
import { BOTH_PROFILES, defineOperation } from './types';

export const mergeShards = defineOperation({
  name: 'MergeShards',
  group: 'shards',
  doc: 'Merges two adjacent open shards into one; both parents close.',
  profiles: BOTH_PROFILES,
  input: (profile) =>
    reportedIn(
      ['ShardToMerge', 'AdjacentShardToMerge', 'StreamName'],
      structure({
        ...streamRef(profile),
        ShardToMerge: required({ ...ShardId, doc: "The lower shard: its range ends just before the other's starts." }),
        AdjacentShardToMerge: required({ ...ShardId, doc: 'The upper neighbour.' }),
      }),
    ),
  run(ctx, input) {
    ctx.shardIndexIn(input, input.ShardToMerge!);
    ctx.shardIndexIn(input, input.AdjacentShardToMerge!);
    const stream = ctx.activeStream(input);
    const lower = ctx.shard(stream, input.ShardToMerge!);
    const upper = ctx.shard(stream, input.AdjacentShardToMerge!);
    for (const shard of [lower, upper]) {
      if (shard.closedAt !== undefined)
        throw invalidArgument(alreadyReshardedShard(shard.id, stream.name, ctx.account));
    }
    if (lower.endingHashKey + 1n !== upper.startingHashKey) {
      throw invalidArgument(
        `Shards ${lower.id} and ${upper.id} in stream ${stream.name} under account ${ctx.account} are not an adjacent pair of shards eligible for merging`,
      );
    }
    beginUpdate(
      ctx,
      stream,
      { kind: 'MergeShards', shardId: lower.id, adjacentShardId: upper.id },
      ctx.options.timings.updateStreamMs,
    );
    return {};
  },
});
