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
    const entries = input.Records!;
    const count = entries.length;
    // Pass 1: everything that fails the whole request, before any record is written.
    const sizes = new Array<number>(count);
    const placements = new Array<Placement>(count);
    let total = 0;
    for (let i = 0; i < count; i++) {
      const entry = entries[i]!;
      const bytes = entry.Data!.length + keyBytes(entry.PartitionKey!);
      checkRecordSize(ctx, stream, bytes);
      sizes[i] = bytes;
      total += bytes;
    }
    if (total > PUT_RECORDS_MAX_BYTES) {
      throw invalidArgument(`Records size exceeds 5 MB limit. Records size: ${total} bytes.`);
    }
    for (let i = 0; i < count; i++) {
      const entry = entries[i]!;
      placements[i] = place(stream, { data: entry.Data!, partitionKey: entry.PartitionKey!, explicitHashKey: entry.ExplicitHashKey });
    }

    // Pass 2: each record succeeds or fails on its own.
    let failed = 0;
    let encryptionOfCall = 0;
    let throttledPerShard: Map<string, number> | undefined;
    const results = new Array<PutRecordsResultEntry>(count);
    for (let i = 0; i < count; i++) {
      const { shard, fraction } = placements[i]!;
      const bytes = sizes[i]!;
      const failure = failureOf(ctx, stream, placements[i]!, bytes);
      if (failure) {
        failed++;
        if (failure.name === 'ProvisionedThroughputExceededException') {
          throttledPerShard ??= new Map();
          throttledPerShard.set(shard.id, (throttledPerShard.get(shard.id) ?? 0) + 1);
        }
        results[i] = { ErrorCode: failure.name, ErrorMessage: failure.message };
        continue;
      }
      const entry = entries[i]!;
      const encryption = ctx.kms.encryptionForWrite(stream, shard);
      if (encryption > encryptionOfCall) encryptionOfCall = encryption;
      const sequenceNumber = appendRecord(ctx, stream, shard, fraction, entry.PartitionKey!, entry.Data!, bytes, encryption);
      results[i] = { SequenceNumber: sequenceNumber, ShardId: shard.id };
    }
    for (const [shardId, throttled] of throttledPerShard ?? []) {
      ctx.emit({ type: 'throttled', t: ctx.now(), stream: stream.name, shardId, operation: 'PutRecords', direction: 'write', count: throttled });
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
