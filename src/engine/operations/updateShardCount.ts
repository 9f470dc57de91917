import { limitExceeded, validationError } from '../errors';
import { shardLimitExceeded } from '../messages';
import { streamRef } from '../schema/streamRef';
import { required, structure } from '../schema/shapes';
import { extraOpenShards } from '../resharding';
import { beginUpdate } from '../updates';
import { BOTH_PROFILES, defineOperation } from './types';

const DAY_MS = 86_400_000;

/** Per-profile limits of UpdateShardCount. */
export const UPDATE_SHARD_COUNT_LIMITS = {
  '2017-07': { perDay: 2, maxShards: 200 },
  current: { perDay: 10, maxShards: 10000 },
} as const;

export const updateShardCount = defineOperation({
  name: 'UpdateShardCount',
  group: 'shards',
  doc: 'Resizes the stream to N shards with roughly even ranges, by real splits and merges.',
  profiles: BOTH_PROFILES,
  input: (profile) =>
    structure({
      ...streamRef(profile),
      TargetShardCount: required({
        type: 'integer',
        min: 1,
        max: 100000,
        doc: "The open shard count to reach (between half and double today's).",
      }),
      ScalingType: required({ type: 'string', enum: ['UNIFORM_SCALING'], doc: 'UNIFORM_SCALING: even ranges.' }),
    }),
  run(ctx, input) {
    const stream = ctx.activeStream(input);
    // An on-demand stream's shards are the service's to scale.
    if (stream.streamMode === 'ON_DEMAND') {
      throw validationError(
        `UpdateShardCount is not supported for stream ${stream.name} under account ${ctx.account} in ON_DEMAND capacity mode.`,
      );
    }
    const target = input.TargetShardCount!;
    const open = ctx.openShards(stream);
    const current = open.length;
    const limits = UPDATE_SHARD_COUNT_LIMITS[ctx.options.profile];
    const where = `for stream ${stream.name} under account ${ctx.account}`;
    const now = ctx.now();
    const recent = stream.shardCountUpdates.filter((t) => t > now - DAY_MS);
    if (recent.length >= limits.perDay) {
      throw limitExceeded(
        `UpdateShardCount can be called at most ${limits.perDay} times in a rolling 24-hour period ${where}.`,
      );
    }
    if (target > current * 2) {
      throw limitExceeded(
        `UpdateShardCount cannot scale up to ${target} shards: more than double the current open shard count of ${current} ${where}.`,
      );
    }
    if (target * 2 < current) {
      throw limitExceeded(
        `UpdateShardCount cannot scale down to ${target} shards: below half the current open shard count of ${current} ${where}.`,
      );
    }
    if (target > limits.maxShards) {
      throw limitExceeded(`UpdateShardCount cannot scale up to more than ${limits.maxShards} shards ${where}.`);
    }
    const extra = extraOpenShards(current, target);
    const accountOpen = ctx.accountOpenShardCount();
    if (accountOpen + extra > ctx.options.limits.shardLimit) {
      throw limitExceeded(
        shardLimitExceeded(ctx.account, ctx.options.region, accountOpen, ctx.options.limits.shardLimit, extra),
      );
    }
    stream.shardCountUpdates = [...recent, now];
    beginUpdate(
      ctx,
      stream,
      { kind: 'UpdateShardCount', fromShardCount: current, targetShardCount: target },
      ctx.options.timings.updateShardCountMs,
    );
    return {
      StreamName: stream.name,
      CurrentShardCount: current,
      TargetShardCount: target,
      ...(ctx.options.profile === 'current' ? { StreamARN: stream.arn } : {}),
    };
  },
});
