import { HashKey, PartitionKey, SequenceNumber } from '../schema/common';
import { streamRef } from '../schema/streamRef';
import { reportedIn, required, structure } from '../schema/shapes';
import { noteArrival } from '../retention';
import { indexAfter } from '../shards';
import { appendRecord, keyBytes, orderingParts, place, writeAllowed, writeThrottledError } from '../writes';
import { checkRecordSize, dataShape, encryptionMember } from './recordShapes';
import { BOTH_PROFILES, defineOperation } from './types';

export const putRecord = defineOperation({
  name: 'PutRecord',
  group: 'records',
  doc: "Writes one record; its partition key's MD5 picks the shard.",
  profiles: BOTH_PROFILES,
  input: (profile) =>
    reportedIn(
      ['SequenceNumberForOrdering', 'PartitionKey', 'ExplicitHashKey', 'Data', 'StreamName'],
      structure({
        ...streamRef(profile),
        Data: required(dataShape(profile)),
        PartitionKey: required(PartitionKey),
        ExplicitHashKey: { ...HashKey, doc: "Overrides the partition key's hash: the record goes to this point." },
        SequenceNumberForOrdering: {
          ...SequenceNumber,
          doc: "The previous record's number: this one is then guaranteed a greater one.",
        },
      }),
    ),
  run(ctx, input) {
    const stream = ctx.readableStream(input);
    const request = { data: input.Data!, partitionKey: input.PartitionKey!, explicitHashKey: input.ExplicitHashKey };
    const bytes = request.data.length + keyBytes(request.partitionKey);
    checkRecordSize(ctx, stream, bytes);
    const placement = place(stream, request.partitionKey, request.explicitHashKey);
    const after =
      input.SequenceNumberForOrdering === undefined
        ? undefined
        : orderingParts(ctx, stream, input.SequenceNumberForOrdering);
    if (!writeAllowed(ctx, placement.shard, bytes)) {
      ctx.emit({
        type: 'throttled',
        t: ctx.now(),
        stream: stream.name,
        shardId: placement.shard.id,
        operation: 'PutRecord',
        direction: 'write',
        count: 1,
      });
      throw writeThrottledError(ctx, stream, placement.shard);
    }
    const kmsFailure = ctx.kms.writeFailure(stream, placement.shard);
    if (kmsFailure) {
      ctx.emit({
        type: 'failed',
        t: ctx.now(),
        stream: stream.name,
        shardId: placement.shard.id,
        operation: 'PutRecord',
        errorCode: kmsFailure.name,
        direction: 'write',
        count: 1,
      });
      throw kmsFailure;
    }
    const encryption = ctx.kms.encryptionForWrite(stream, placement.shard);
    const atLeast = after && indexAfter(placement.shard, after);
    const position = appendRecord(
      ctx,
      placement.shard,
      ctx.now(),
      placement.fraction,
      request.partitionKey,
      request.data,
      bytes,
      encryption,
      atLeast,
    );
    const sequenceNumber = placement.shard.records.sequenceNumber(position);
    noteArrival(ctx, stream);
    ctx.emit({
      type: 'recordsWritten',
      t: ctx.now(),
      stream: stream.name,
      shardId: placement.shard.id,
      operation: 'PutRecord',
      from: position,
      count: 1,
      bytes,
    });
    return {
      ShardId: placement.shard.id,
      SequenceNumber: sequenceNumber,
      ...encryptionMember(encryption),
    };
  },
});
