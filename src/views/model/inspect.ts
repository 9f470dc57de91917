import { encodeBase64, type Engine, type StreamState } from '../../engine/index';

/** What can be selected in the views (the store's Selection, restated so the model has no store dependency). */
export interface SelectionLike {
  readonly stream?: string;
  readonly shardId?: string;
  readonly record?: { readonly shardId: string; readonly index: number };
  readonly iteratorId?: number;
  readonly timeRange?: readonly [number, number];
}

export interface Inspected {
  readonly title: string;
  /** The shape the API would return for this thing (DescribeStreamSummary, ListShards, GetRecords). */
  readonly json: unknown;
}

function shardJson(stream: StreamState, shardId: string): unknown {
  const s = stream.shards.find((x) => x.id === shardId);
  if (!s) return undefined;
  return {
    ShardId: s.id,
    ...(s.parentShardId !== undefined ? { ParentShardId: s.parentShardId } : {}),
    ...(s.adjacentParentShardId !== undefined ? { AdjacentParentShardId: s.adjacentParentShardId } : {}),
    HashKeyRange: { StartingHashKey: s.startingHashKey.toString(), EndingHashKey: s.endingHashKey.toString() },
    SequenceNumberRange: {
      StartingSequenceNumber: s.startingSequenceNumber,
      ...(s.endingSequenceNumber !== undefined ? { EndingSequenceNumber: s.endingSequenceNumber } : {}),
    },
  };
}

export function recordJson(stream: StreamState, shardId: string, index: number): unknown {
  const s = stream.shards.find((x) => x.id === shardId);
  if (!s || index < s.records.retainedFrom || index >= s.records.length) return undefined;
  const log = s.records;
  return {
    SequenceNumber: log.sequenceNumber(index),
    ApproximateArrivalTimestamp: new Date(log.arrival(index)).toISOString(),
    Data: encodeBase64(log.data(index)),
    PartitionKey: log.partitionKey(index),
    // As GetRecords: an unencrypted record has no EncryptionType.
    ...(log.encryption(index) === 0 ? {} : { EncryptionType: 'KMS' }),
  };
}

function streamJson(engine: Engine, stream: StreamState): unknown {
  return {
    StreamDescriptionSummary: {
      StreamName: stream.name,
      StreamARN: stream.arn,
      StreamStatus: stream.status,
      ...(engine.options.profile === 'current' ? { StreamModeDetails: { StreamMode: stream.streamMode } } : {}),
      RetentionPeriodHours: stream.retentionHours,
      StreamCreationTimestamp: new Date(stream.createdAt).toISOString(),
      EnhancedMonitoring: [{ ShardLevelMetrics: [...stream.shardLevelMetrics] }],
      EncryptionType: stream.encryptionType,
      ...(stream.keyId !== undefined ? { KeyId: stream.keyId } : {}),
      OpenShardCount: stream.status === 'CREATING' ? 0 : stream.shards.filter((s) => s.closedAt === undefined).length,
      ...(engine.options.profile === 'current'
        ? {
            ConsumerCount: stream.consumers?.length ?? 0,
            MaxRecordSizeInKiB: stream.maxRecordSizeKiB,
            ...(stream.streamMode === 'ON_DEMAND' && stream.warmThroughputMiBps !== undefined
              ? {
                  WarmThroughput: { TargetMiBps: stream.warmThroughputMiBps, CurrentMiBps: stream.warmThroughputMiBps },
                }
              : {}),
          }
        : {}),
    },
  };
}

/** The most specific selected thing, described as the API would return it. */
export function inspect(engine: Engine, streamName: string | undefined, sel: SelectionLike): Inspected | undefined {
  const stream = streamName ? engine.stream(streamName) : undefined;
  if (!stream) return undefined;
  if (sel.record) {
    const json = recordJson(stream, sel.record.shardId, sel.record.index);
    if (json) return { title: `Record ${sel.record.index} of ${sel.record.shardId} (as GetRecords returns it)`, json };
  }
  if (sel.iteratorId !== undefined) {
    const it = engine.iterators().find((i) => i.id === sel.iteratorId);
    if (it) {
      return {
        title: `Shard iterator #${it.id} (${it.type})`,
        json: {
          ShardId: it.shardId,
          ShardIteratorType: it.type,
          Position: it.position,
          IssuedAt: new Date(it.issuedAt).toISOString(),
          ExpiresAt: new Date(it.expiresAt).toISOString(),
          Expired: it.expired || engine.now() >= it.expiresAt,
          ...(it.usedAt !== undefined ? { UsedAt: new Date(it.usedAt).toISOString() } : {}),
        },
      };
    }
  }
  if (sel.shardId) {
    const json = shardJson(stream, sel.shardId);
    if (json) return { title: `${sel.shardId} (as ListShards returns it)`, json };
  }
  if (sel.timeRange) {
    const [from, to] = sel.timeRange;
    const perShard: Record<string, number> = {};
    for (const s of stream.shards) perShard[s.id] = s.records.firstAtOrAfter(to) - s.records.firstAtOrAfter(from);
    return {
      title: 'Selected time range',
      json: { From: new Date(from).toISOString(), To: new Date(to).toISOString(), RecordsPerShard: perShard },
    };
  }
  const how =
    engine.options.profile === 'current'
      ? 'as DescribeStreamSummary returns it'
      : 'its state in DescribeStreamSummary form, an operation the 2017-07 API does not have yet';
  return { title: `${stream.name} (${how})`, json: streamJson(engine, stream) };
}
