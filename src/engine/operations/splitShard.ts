import { invalidArgument, limitExceeded } from '../errors';
import { alreadyReshardedShard, shardLimitExceeded } from '../messages';
import { HashKey, ShardId } from '../schema/common';
import { streamRef } from '../schema/streamRef';
import { reportedIn, required, structure } from '../schema/shapes';
import { beginUpdate } from '../updates';
import { BOTH_PROFILES, defineOperation } from './types';

export const splitShard = defineOperation({
  name: 'SplitShard',
  group: 'shards',
  doc: 'Splits an open shard in two at a hash key; the parent closes, two children open.',
  profiles: BOTH_PROFILES,
  input: (profile) =>
    reportedIn(
      ['NewStartingHashKey', 'StreamName', 'ShardToSplit'],
      structure({
        ...streamRef(profile),
        ShardToSplit: required({ ...ShardId, doc: 'The open shard to split.' }),
        NewStartingHashKey: required({
          ...HashKey,
          doc: "Where the second child starts (strictly inside the shard's range).",
        }),
      }),
    ),
  run(ctx, input) {
    ctx.shardIndexIn(input, input.ShardToSplit!);
    const stream = ctx.activeStream(input);
    const shard = ctx.shard(stream, input.ShardToSplit!);
    if (shard.closedAt !== undefined) throw invalidArgument(alreadyReshardedShard(shard.id, stream.name, ctx.account));
    const key = BigInt(input.NewStartingHashKey!);
    if (!(key > shard.startingHashKey + 1n && key < shard.endingHashKey)) {
      throw invalidArgument(
        `NewStartingHashKey ${input.NewStartingHashKey} used in SplitShard() on shard ${shard.id} in stream ${stream.name} under account ${ctx.account} ` +
          `is not both greater than one plus the shard's StartingHashKey ${shard.startingHashKey} and less than the shard's EndingHashKey ${shard.endingHashKey}.`,
      );
    }
    const current = ctx.accountOpenShardCount();
    if (current + 1 > ctx.options.limits.shardLimit) {
      throw limitExceeded(
        shardLimitExceeded(ctx.account, ctx.options.region, current, ctx.options.limits.shardLimit, 1),
      );
    }
    beginUpdate(
      ctx,
      stream,
      { kind: 'SplitShard', shardId: shard.id, newStartingHashKey: input.NewStartingHashKey! },
      ctx.options.timings.updateStreamMs,
    );
    return {};
  },
});
