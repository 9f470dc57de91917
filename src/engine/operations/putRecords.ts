import type { PutRecordsResultEntry } from '@aws-sdk/client-kinesis';
import { invalidArgument, type KinesisError } from '../errors';
import { HashKey, PartitionKey } from '../schema/common';
import { streamRef } from '../schema/streamRef';
import { required, structure } from '../schema/shapes';
import { appendRecord, keyBytes, place, writeAllowed, writeThrottledError, type Placement } from '../writes';
import { checkRecordSize, dataShape, encryptionTypeOf } from './recordShapes';
import { BOTH_PROFILES, defineOperation } from './types';

/** A PutRecords request carries at most 500 records and 5 MiB (data plus partition keys). */
export const PUT_RECORDS_MAX_ENTRIES = 500;
export const PUT_RECORDS_MAX_BYTES = 5 * 1048576;

export const putRecords = defineOperation({
  name: 'PutRecords',
  group: 'records',
  doc: 'Writes up to 500 records in one call; each succeeds or fails on its own.',
  profiles: BOTH_PROFILES,
  input: (profile) =>
    structure({
      ...streamRef(profile),
      Records: required({
        type: 'list',
        min: 1,
        max: PUT_RECORDS_MAX_ENTRIES,
        memberText: 'com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@c965e310',
        doc: 'The records: Data, PartitionKey and optionally ExplicitHashKey each.',
        member: structure({
          Data: required(dataShape(profile)),
          ExplicitHashKey: { ...HashKey, doc: 'Overrides the partition key\'s hash.' },
          PartitionKey: required(PartitionKey),
        }),
      }),
    }),
  run(ctx, input) {
    const stream = ctx.readableStream(input);
    const entries = input.Records!.map((entry) => ({
      data: entry.Data!,
      partitionKey: entry.PartitionKey!,
      explicitHashKey: entry.ExplicitHashKey,
    }));
    // Everything that fails the whole request is checked before any record is written.
    let total = 0;
    const sizes = entries.map((entry) => {
      const bytes = entry.data.length + keyBytes(entry.partitionKey);
      checkRecordSize(ctx, stream, bytes);
      total += bytes;
      return bytes;
    });
    if (total > PUT_RECORDS_MAX_BYTES) {
      throw invalidArgument(`Records size exceeds 5 MB limit. Records size: ${total} bytes.`);
    }
    const placements: Placement[] = entries.map((entry) => place(stream, entry));

    let failed = 0;
    let encryptionOfCall = 0;
    const throttledPerShard = new Map<string, number>();
    const results: PutRecordsResultEntry[] = entries.map((entry, i) => {
      const placement = placements[i]!;
      const bytes = sizes[i]!;
      const failure = failureOf(ctx, stream, placement, bytes);
      if (failure) {
        failed++;
        if (failure.name === 'ProvisionedThroughputExceededException') {
          throttledPerShard.set(placement.shard.id, (throttledPerShard.get(placement.shard.id) ?? 0) + 1);
        }
        return { ErrorCode: failure.name, ErrorMessage: failure.message };
      }
      const encryption = ctx.kms.encryptionForWrite(stream, placement.shard);
      encryptionOfCall = Math.max(encryptionOfCall, encryption);
      const sequenceNumber = appendRecord(ctx, stream, placement, entry, bytes, encryption);
      return { SequenceNumber: sequenceNumber, ShardId: placement.shard.id };
    });
    for (const [shardId, count] of throttledPerShard) {
      ctx.emit({ type: 'throttled', t: ctx.now(), stream: stream.name, shardId, operation: 'PutRecords', direction: 'write', count });
    }
    return { FailedRecordCount: failed, Records: results, EncryptionType: encryptionTypeOf(encryptionOfCall) };
  },
});

/** Why one entry fails (throttling or KMS), or undefined when it can be written. */
function failureOf(
  ctx: Parameters<typeof putRecords.run>[0],
  stream: Parameters<typeof writeThrottledError>[1],
  placement: Placement,
  bytes: number,
): KinesisError | undefined {
  if (!writeAllowed(ctx, placement.shard, bytes)) return writeThrottledError(ctx, stream, placement.shard);
  return ctx.kms.writeFailure(stream, placement.shard);
}
