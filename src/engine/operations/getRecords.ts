import type { _Record } from '@aws-sdk/client-kinesis';
import { childShardsOf } from '../describe';
import { issueIteratorWithId, openIterator } from '../iterators';
import { ShardIterator, StreamARN } from '../schema/common';
import { required, structure } from '../schema/shapes';
import { GET_RECORDS_MAX_BYTES, chargeRead, checkRead } from '../reads';
import { encryptionMember } from './recordShapes';
import { BOTH_PROFILES, defineOperation } from './types';

/** The iterator inside one pair of double quotes, which the service (and the CLI) accepts too. */
const unquoted = (iterator: string) =>
  iterator.length >= 2 && iterator.startsWith('"') && iterator.endsWith('"') ? iterator.slice(1, -1) : iterator;

export const getRecords = defineOperation({
  name: 'GetRecords',
  group: 'records',
  doc: 'Reads records from one shard at an iterator; returns the next iterator.',
  profiles: BOTH_PROFILES,
  input: (profile) =>
    structure({
      ShardIterator: required(ShardIterator),
      Limit: { type: 'integer', min: 1, max: 10000, doc: 'Most records to return (default 10,000).' },
      ...(profile === 'current' ? { StreamARN } : {}),
    }),
  run(ctx, input) {
    const opened = openIterator(ctx, unquoted(input.ShardIterator!));
    const { stream, shard } = opened;
    checkRead(ctx, stream, shard);
    const records = shard.records;
    const from = Math.max(opened.position, records.firstAtOrAfter(ctx.trimHorizonTime(stream)));
    const kmsFailure = ctx.kms.readFailure(
      stream,
      shard,
      from,
      Math.min(records.length, from + (input.Limit ?? 10000)),
    );
    if (kmsFailure) {
      ctx.emit({
        type: 'failed',
        t: ctx.now(),
        stream: stream.name,
        shardId: shard.id,
        operation: 'GetRecords',
        errorCode: kmsFailure.name,
        direction: 'read',
        count: 1,
      });
      throw kmsFailure;
    }

    const { records: out, next, bytes } = records.readFrom(from, input.Limit ?? 10000, GET_RECORDS_MAX_BYTES, toRecord);
    chargeRead(ctx, shard, bytes);
    const used = ctx.state.iterators.get(opened.id);
    if (used) used.usedAt = ctx.now();

    const atEnd = next >= records.length;
    const millisBehind = atEnd ? 0 : Math.max(0, ctx.now() - records.arrival(next));
    // The end of a closed shard: no next iterator; the current API names the children to read next.
    const nextIterator =
      atEnd && shard.closedAt !== undefined ? undefined : issueIteratorWithId(ctx, stream, shard, 'NEXT', next);
    ctx.emit({
      type: 'recordsRead',
      t: ctx.now(),
      stream: stream.name,
      shardId: shard.id,
      via: 'GetRecords',
      from,
      count: out.length,
      bytes,
      next,
      millisBehindLatest: millisBehind,
      iteratorId: opened.id,
      ...(nextIterator ? { nextIteratorId: nextIterator.id } : {}),
    });
    if (!nextIterator) {
      return {
        Records: out,
        MillisBehindLatest: millisBehind,
        ...(ctx.options.profile === 'current' ? { ChildShards: childShardsOf(stream, shard) } : {}),
      };
    }
    return {
      Records: out,
      NextShardIterator: nextIterator.token,
      MillisBehindLatest: millisBehind,
    };
  },
});

const toRecord = (
  sequenceNumber: string,
  arrival: number,
  data: Uint8Array,
  key: string,
  encryption: number,
): _Record => ({
  SequenceNumber: sequenceNumber,
  ApproximateArrivalTimestamp: new Date(arrival),
  Data: data,
  PartitionKey: key,
  ...encryptionMember(encryption),
});
