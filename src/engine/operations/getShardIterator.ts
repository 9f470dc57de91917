import { resourceNotFound } from '../errors';
import { issueIterator } from '../iterators';
import { shardDoesNotExist } from '../messages';
import { SequenceNumber, ShardId } from '../schema/common';
import { streamRef } from '../schema/streamRef';
import { required, structure } from '../schema/shapes';
import { shardIdOf } from '../shards';
import type { IteratorType } from '../state';
import { startPosition } from '../positions';
import { BOTH_PROFILES, defineOperation } from './types';

export const ITERATOR_TYPES: readonly IteratorType[] = [
  'AFTER_SEQUENCE_NUMBER',
  'LATEST',
  'AT_TIMESTAMP',
  'AT_SEQUENCE_NUMBER',
  'TRIM_HORIZON',
];

export const getShardIterator = defineOperation({
  name: 'GetShardIterator',
  group: 'records',
  doc: 'Gets an iterator: a position in one shard to read from, valid for 5 minutes.',
  profiles: BOTH_PROFILES,
  input: (profile) =>
    structure({
      ...streamRef(profile),
      ShardId: required(ShardId),
      ShardIteratorType: required({
        type: 'string',
        enum: ITERATOR_TYPES,
        doc: 'Where to start: TRIM_HORIZON (oldest), LATEST (next new), at/after a sequence number, or at a time.',
      }),
      StartingSequenceNumber: {
        ...SequenceNumber,
        doc: 'For AT_ / AFTER_SEQUENCE_NUMBER: the record to start at or after.',
      },
      Timestamp: { type: 'timestamp', doc: 'For AT_TIMESTAMP: read records that arrived at or after this time.' },
    }),
  run(ctx, input) {
    // The shard id is read first; for a stream that does not exist the answer names the shard.
    const index = ctx.shardIndexIn(input, input.ShardId!);
    const name = ctx.streamNameOf(input);
    if (!ctx.state.streams.has(name)) throw resourceNotFound(shardDoesNotExist(shardIdOf(index), name, ctx.account));
    const stream = ctx.readableStream(input);
    const shard = stream.shards[index];
    if (!shard || ctx.isExpired(stream, shard))
      throw resourceNotFound(shardDoesNotExist(shardIdOf(index), stream.name, ctx.account));
    const type = input.ShardIteratorType as IteratorType;
    const position = startPosition(
      ctx,
      'GetShardIterator',
      stream,
      shard,
      type,
      input.StartingSequenceNumber,
      input.Timestamp,
    );
    return { ShardIterator: issueIterator(ctx, stream, shard, type, position) };
  },
});
