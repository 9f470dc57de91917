import type { Context } from './context';
import { compareSequenceNumbers, parseSequenceNumber } from './core/sequence';
import { internalFailure, invalidArgument } from './errors';
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

/**
 * How the service reads a StartingSequenceNumber before comparing it with the shard's: numbers
 * below 2^124 are read as the old layout with 2^124 added (the shard index in nibbles 28-31), numbers
 * just above 2^185 as the current layout versioned by their last nibble (the shard index a signed
 * 32-bit value). A number it cannot read at all is "invalid"; one that names another shard says so.
 */
const POW_124 = 1n << 124n;
const POW_129 = 1n << 129n;
const POW_185 = 1n << 185n;
const POW_185_NEXT = (POW_185 * 3n) / 2n;
/** Shard creation seconds from here on (the year 2477) are refused. */
const LAST_CREATION_SECONDS = 16025175000;

type Reading = { readonly shardIndex: number; readonly legacy: boolean } | undefined;

function readSequence(given: string): Reading {
  let value = BigInt(given);
  if (value < POW_124) value += POW_124;
  const hex = value.toString(16);
  if (parseInt(hex.slice(1, 10), 16) >= LAST_CREATION_SECONDS) return undefined;
  if (value < POW_129) return { shardIndex: parseInt(hex.slice(28, 32), 16), legacy: true };
  if (value <= POW_185 || value >= POW_185_NEXT || !hex.endsWith('2')) return undefined;
  if (parseInt(hex.charAt(11), 16) > 7) return undefined;
  return { shardIndex: parseInt(hex.slice(38, 46), 16) | 0, legacy: false };
}

/** A shard id as the service's Java formatting prints any index, negative ones included. */
const javaShardId = (index: number) => (index < 0 ? `shardId--${String(-index).padStart(11, '0')}` : shardIdOf(index));

function checkSequenceNumber(
  ctx: Context,
  operation: string,
  shard: ShardState,
  given: string,
  streamName: string,
): void {
  const where = `used in ${operation} on shard ${shard.id} in stream ${streamName} under account ${ctx.account}`;
  const reading = readSequence(given);
  if (!reading) throw invalidArgument(`StartingSequenceNumber ${given} ${where} is invalid.`);
  if (reading.shardIndex !== shard.index) {
    throw invalidArgument(
      `Invalid StartingSequenceNumber. It encodes ${javaShardId(reading.shardIndex)}, while it was used in a call to a shard with ${shard.id}`,
    );
  }
  // An old-layout number naming this very shard fails inside the service.
  if (reading.legacy) throw internalFailure();
  const parts = parseSequenceNumber(given);
  if (!parts) throw invalidArgument(`StartingSequenceNumber ${given} ${where} is invalid.`);
  if (parts.shardCreatedSeconds !== Math.floor(shard.createdAt / 1000)) {
    throw invalidArgument(
      `StartingSequenceNumber ${given} ${where} is invalid because it did not come from this stream.`,
    );
  }
}
