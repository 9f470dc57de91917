import { describe, expect, it } from 'vitest';
import { inspect } from './inspect';
import { bytesOf, engineWithStream } from './testing';

describe('inspect', () => {
  it('should describe a record exactly as GetRecords returns it', () => {
    const engine = engineWithStream(2);
    const put = engine.call('PutRecord', { StreamName: 's', PartitionKey: 'pk', Data: bytesOf('hello') });
    const it0 = engine.call('GetShardIterator', {
      StreamName: 's',
      ShardId: put.ShardId!,
      ShardIteratorType: 'TRIM_HORIZON',
    });
    const got = engine.call('GetRecords', { ShardIterator: it0.ShardIterator! }).Records![0]!;
    const shown = inspect(engine, 's', { record: { shardId: put.ShardId!, index: 0 } })!.json as Record<
      string,
      unknown
    >;
    expect(shown).toEqual({
      SequenceNumber: got.SequenceNumber,
      ApproximateArrivalTimestamp: got.ApproximateArrivalTimestamp!.toISOString(),
      Data: 'aGVsbG8=',
      PartitionKey: 'pk',
      EncryptionType: got.EncryptionType,
    });
  });

  it('should describe a shard as ListShards does and the stream as DescribeStreamSummary does', () => {
    const engine = engineWithStream(2);
    const listed = engine.call('ListShards', { StreamName: 's' }).Shards![1]!;
    expect(inspect(engine, 's', { shardId: listed.ShardId! })!.json).toEqual(listed);
    const summary = engine.call('DescribeStreamSummary', { StreamName: 's' }).StreamDescriptionSummary!;
    const shown = (inspect(engine, 's', {})!.json as { StreamDescriptionSummary: Record<string, unknown> })
      .StreamDescriptionSummary;
    expect(shown).toEqual({ ...summary, StreamCreationTimestamp: summary.StreamCreationTimestamp!.toISOString() });
  });
});
