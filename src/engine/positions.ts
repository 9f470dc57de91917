import type { Context } from './context';
import { compareSequenceNumbers, parseSequenceNumber } from './core/sequence';
import { invalidArgument } from './errors';
import { shardIdOf } from './shards';
import type { IteratorType, ShardState, StreamState } from './state';

/**
 * Where a reader starts in a shard: the record position a GetShardIterator type or a
 * SubscribeToShard StartingPosition names, with the service's checks and texts (shared by both).
 */
const bothOrNeither = (type: string, has: boolean) =>
  'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or ' +
  `(2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified ${type} and ${has ? 'also a' : 'no'} StartingSequenceNumber.`;

export function startPosition(
  ctx: Context,
  operation: 'GetShardIterator' | 'SubscribeToShard',
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
        throw invalidArgument(
          'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.',
        );
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
      checkSequenceNumber(ctx, operation, shard, sequenceNumber, stream.name);
      const after = type === 'AFTER_SEQUENCE_NUMBER';
      // Released records are before the trim horizon: the answer is never among them.
      let lo = records.retainedFrom;
      let hi = records.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const c = compareSequenceNumbers(records.sequenceNumber(mid), sequenceNumber);
        if (c < 0 || (after && c === 0)) lo = mid + 1;
        else hi = mid;
      }
      return Math.max(lo, trimIndex);
    }
  }
}

function checkSequenceNumber(
  ctx: Context,
  operation: string,
  shard: ShardState,
  given: string,
  streamName: string,
): void {
  const parts = parseSequenceNumber(given);
  const where = `used in ${operation} on shard ${shard.id} in stream ${streamName} under account ${ctx.account}`;
  if (!parts) throw invalidArgument(`StartingSequenceNumber ${given} ${where} is invalid.`);
  if (parts.shardIndex !== shard.index) {
    throw invalidArgument(
      `Invalid StartingSequenceNumber. It encodes ${shardIdOf(parts.shardIndex)}, while it was used in a call to a shard with ${shard.id}`,
    );
  }
  if (parts.shardCreatedSeconds !== Math.floor(shard.createdAt / 1000)) {
    throw invalidArgument(
      `StartingSequenceNumber ${given} ${where} is invalid because it did not come from this stream.`,
    );
  }
}
