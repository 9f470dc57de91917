import type { ChildShard, MetricsName, Shard, StreamDescriptionSummary } from '@aws-sdk/client-kinesis';
import type { Context } from './context';
import { shardById } from './shards';
import type { ShardState, StreamState } from './state';

/** A shard as the API describes it. */
export function describeShard(shard: ShardState): Shard {
  return {
    ShardId: shard.id,
    ...(shard.parentShardId !== undefined ? { ParentShardId: shard.parentShardId } : {}),
    ...(shard.adjacentParentShardId !== undefined ? { AdjacentParentShardId: shard.adjacentParentShardId } : {}),
    HashKeyRange: {
      StartingHashKey: shard.startingHashKey.toString(),
      EndingHashKey: shard.endingHashKey.toString(),
    },
    SequenceNumberRange: {
      StartingSequenceNumber: shard.startingSequenceNumber,
      ...(shard.endingSequenceNumber !== undefined ? { EndingSequenceNumber: shard.endingSequenceNumber } : {}),
    },
  };
}

/**
 * Up to `max` of the stream's shards after index `after` that `keep` accepts, in index order, and
 * whether another follows. Shards sit at their index in stream.shards, so the scan starts right
 * after `after` and stops at the first shard past the page: paging through 10,000 shards costs a
 * page's worth of work a call, not the stream's.
 */
export function shardPage(
  stream: StreamState,
  after: number,
  max: number,
  keep: (shard: ShardState) => boolean,
): { page: ShardState[]; more: boolean } {
  const page: ShardState[] = [];
  const { shards } = stream;
  for (let i = Math.max(0, after + 1); i < shards.length; i++) {
    if (!keep(shards[i]!)) continue;
    if (page.length === max) return { page, more: true };
    page.push(shards[i]!);
  }
  return { page, more: false };
}

/** The members DescribeStream and DescribeStreamSummary share. */
export function describeStreamCommon(
  ctx: Context,
  stream: StreamState,
): Omit<StreamDescriptionSummary, 'OpenShardCount'> {
  return {
    StreamName: stream.name,
    StreamARN: stream.arn,
    StreamStatus: stream.status,
    ...(ctx.options.profile === 'current' ? { StreamModeDetails: { StreamMode: stream.streamMode } } : {}),
    RetentionPeriodHours: stream.retentionHours,
    StreamCreationTimestamp: new Date(stream.createdAt),
    EnhancedMonitoring: [{ ShardLevelMetrics: [...stream.shardLevelMetrics] as MetricsName[] }],
    EncryptionType: stream.encryptionType,
    ...(stream.keyId !== undefined ? { KeyId: stream.keyId } : {}),
  };
}

/** A closed shard's children as GetRecords and SubscribeToShard name them at its end. */
export function childShardsOf(stream: StreamState, shard: ShardState): ChildShard[] {
  return shard.childShardIds.map((id) => {
    const child = shardById(stream, id)!;
    return {
      ShardId: child.id,
      ParentShards: [child.parentShardId, child.adjacentParentShardId].filter((p): p is string => p !== undefined),
      HashKeyRange: {
        StartingHashKey: child.startingHashKey.toString(),
        EndingHashKey: child.endingHashKey.toString(),
      },
    };
  });
}
