import { parseSequenceNumber, compareSequenceNumbers } from '../core/sequence';
import { invalidArgument, resourceNotFound } from '../errors';
import { issueIterator } from '../iterators';
import { shardDoesNotExist, shardNotFoundIn } from '../messages';
import { SequenceNumber, ShardId } from '../schema/common';
import { streamRef } from '../schema/streamRef';
import { required, structure } from '../schema/shapes';
import { shardIdOf } from '../shards';
import type { IteratorType, ShardState, StreamState } from '../state';
import type { Context } from '../context';
import { BOTH_PROFILES, defineOperation } from './types';

export const ITERATOR_TYPES: readonly IteratorType[] = ['AFTER_SEQUENCE_NUMBER', 'LATEST', 'AT_TIMESTAMP', 'AT_SEQUENCE_NUMBER', 'TRIM_HORIZON'];

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
      StartingSequenceNumber: { ...SequenceNumber, doc: 'For AT_ / AFTER_SEQUENCE_NUMBER: the record to start at or after.' },
      Timestamp: { type: 'timestamp', doc: 'For AT_TIMESTAMP: read records that arrived at or after this time.' },
    }),
  run(ctx, input) {
    const stream = ctx.readableStream(input);
    const given = input.ShardId!;
    const index = ctx.shardIndexOf(given);
    if (index === undefined) throw resourceNotFound(shardNotFoundIn(given, stream.name, ctx.account));
    const shard = stream.shards[index];
    if (!shard || ctx.isExpired(stream, shard)) throw resourceNotFound(shardDoesNotExist(shardIdOf(index), stream.name, ctx.account));
    const type = input.ShardIteratorType as IteratorType;
    const position = startPosition(ctx, stream, shard, type, input.StartingSequenceNumber, input.Timestamp);
    return { ShardIterator: issueIterator(ctx, stream, shard, type, position) };
  },
});

const bothOrNeither = (type: string, has: boolean) =>
  'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or ' +
  `(2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified ${type} and ${has ? 'also a' : 'no'} StartingSequenceNumber.`;

function startPosition(
  ctx: Context,
  stream: StreamState,
  shard: ShardState,
  type: IteratorType,
  sequenceNumber: string | undefined,
  timestamp: Date | undefined,
): number {
  const records = shard.records;
  const trimIndex = records.firstAtOrAfter(ctx.trimHorizonTime(stream));
  switch (type) {
    case 'TRIM_HORIZON':
    case 'LATEST':
      if (sequenceNumber !== undefined) throw invalidArgument(bothOrNeither(type, true));
      return type === 'LATEST' ? records.length : trimIndex;
    case 'AT_TIMESTAMP': {
      if (timestamp === undefined) {
        throw invalidArgument('Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.');
      }
      const t = timestamp.getTime();
      if (t > ctx.now()) {
        throw invalidArgument(
          `The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: ${t}, currentTimestampInMillis: ${ctx.now()}`,
        );
      }
      return Math.max(trimIndex, records.firstAtOrAfter(t));
    }
    case 'AT_SEQUENCE_NUMBER':
    case 'AFTER_SEQUENCE_NUMBER': {
      if (sequenceNumber === undefined) throw invalidArgument(bothOrNeither(type, false));
      checkSequenceNumber(ctx, shard, sequenceNumber, stream.name);
      const after = type === 'AFTER_SEQUENCE_NUMBER';
      let lo = 0;
      let hi = records.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const c = compareSequenceNumbers(records.sequenceNumbers[mid]!, sequenceNumber);
        if (c < 0 || (after && c === 0)) lo = mid + 1;
        else hi = mid;
      }
      return Math.max(lo, trimIndex);
    }
  }
}

function checkSequenceNumber(ctx: Context, shard: ShardState, given: string, streamName: string): void {
  const parts = parseSequenceNumber(given);
  const where = `used in GetShardIterator on shard ${shard.id} in stream ${streamName} under account ${ctx.account}`;
  if (!parts) throw invalidArgument(`StartingSequenceNumber ${given} ${where} is invalid.`);
  if (parts.shardIndex !== shard.index) {
    throw invalidArgument(
      `Invalid StartingSequenceNumber. It encodes ${shardIdOf(parts.shardIndex)}, while it was used in a call to a shard with ${shard.id}`,
    );
  }
  if (parts.shardCreatedSeconds !== Math.floor(shard.createdAt / 1000)) {
    throw invalidArgument(`StartingSequenceNumber ${given} ${where} is invalid because it did not come from this stream.`);
  }
}
