import { describeShard, describeStreamCommon, shardPage } from '../describe';
import { ShardId } from '../schema/common';
import { streamRef } from '../schema/streamRef';
import { reportedIn, structure } from '../schema/shapes';
import { BOTH_PROFILES, defineOperation } from './types';

/** DescribeStream returns at most this many shards, whatever Limit says. */
export const DESCRIBE_STREAM_MAX_SHARDS = 100;

export const describeStream = defineOperation({
  name: 'DescribeStream',
  group: 'streams',
  doc: 'Describes a stream: status, shards (100 at most per call), retention, encryption.',
  profiles: BOTH_PROFILES,
  input: (profile) =>
    reportedIn(
      ['Limit', 'ExclusiveStartShardId', 'StreamName'],
      structure({
        ...streamRef(profile),
        Limit: { type: 'integer', min: 1, max: 10000, doc: 'Most shards to return (at most 100 are returned).' },
        ExclusiveStartShardId: { ...ShardId, doc: 'Start after this shard id, to page through shards.' },
      }),
    ),
  run(ctx, input) {
    const stream = ctx.stream(input);
    const after = input.ExclusiveStartShardId;
    const startIndex = after === undefined ? -1 : (ctx.shardIndexOf(after) ?? -1);
    const limit = Math.min(input.Limit ?? DESCRIBE_STREAM_MAX_SHARDS, DESCRIBE_STREAM_MAX_SHARDS);
    const { page, more } =
      stream.status === 'CREATING'
        ? { page: [], more: false }
        : shardPage(stream, startIndex, limit, (shard) => !ctx.isExpired(stream, shard));
    return {
      StreamDescription: {
        ...describeStreamCommon(ctx, stream),
        Shards: page.map(describeShard),
        HasMoreShards: more,
      },
    };
  },
});
