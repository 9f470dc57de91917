import type { Context } from './context';
import { HASH_SPACE, hashFraction, hexFraction, md5Hex } from './core/hash';
import { parseSequenceNumber, takeSequenceNumber, type SequenceParts } from './core/sequence';
import { invalidArgument, throughputExceeded } from './errors';
import { shardRateExceeded } from './messages';
import { routeHashKey } from './shards';
import type { ShardState, StreamState } from './state';

/** Per-shard write limits: 1,000 records and 1 MiB per second. */
export const WRITE_RECORDS_PER_SECOND = 1000;
export const WRITE_BYTES_PER_SECOND = 1 << 20;

const utf8 = new TextEncoder();
/** Bytes of a partition key as UTF-8 (ASCII keys, the common case, need no encoding). */
export function keyBytes(key: string): number {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) > 0x7f) return utf8.encode(key).length;
  return key.length;
}

export interface WriteRequest {
  readonly data: Uint8Array;
  readonly partitionKey: string;
  readonly explicitHashKey?: string | undefined;
}

/**
 * Where a record goes: its point in the hash-key space (32 hex digits, explicit or the MD5 of the
 * partition key), that point as a fraction for drawing, and the open shard owning it.
 */
export interface Placement {
  readonly hashHex: string;
  readonly fraction: number;
  readonly shard: ShardState;
}

/** Checks an ExplicitHashKey and routes the record; throws before anything is written. */
export function place(stream: StreamState, request: WriteRequest): Placement {
  if (request.explicitHashKey !== undefined) {
    const hashKey = BigInt(request.explicitHashKey);
    if (hashKey >= HASH_SPACE) {
      throw invalidArgument(
        `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${request.explicitHashKey}`,
      );
    }
    const hashHex = hashKey.toString(16).padStart(32, '0');
    return { hashHex, fraction: hashFraction(hashKey), shard: routeHashKey(stream, hashHex) };
  }
  const hashHex = md5Hex(request.partitionKey);
  return { hashHex, fraction: hexFraction(hashHex), shard: routeHashKey(stream, hashHex) };
}

/** Whether the shard can take this write at `now` under the throughput limits. */
export function writeAllowed(ctx: Context, shard: ShardState, bytes: number, now = ctx.now()): boolean {
  if (!ctx.options.limits.throughput) return true;
  const second = Math.floor(now / 1000);
  if (shard.write.second !== second) return true;
  return shard.write.count + 1 <= WRITE_RECORDS_PER_SECOND && shard.write.bytes + bytes <= WRITE_BYTES_PER_SECOND;
}

function chargeWrite(shard: ShardState, now: number, bytes: number): void {
  const second = Math.floor(now / 1000);
  if (shard.write.second !== second) shard.write = { second, count: 0, bytes: 0 };
  shard.write.count += 1;
  shard.write.bytes += bytes;
}

export const writeThrottledError = (ctx: Context, stream: StreamState, shard: ShardState) =>
  throughputExceeded(shardRateExceeded(shard.id, stream.name, ctx.account));

/** A valid SequenceNumberForOrdering's parts; InvalidArgumentException otherwise. */
export function orderingParts(ctx: Context, stream: StreamState, given: string): SequenceParts {
  const parts = parseSequenceNumber(given);
  if (!parts || parts.recordSeconds * 1000 > ctx.now()) {
    throw invalidArgument(
      `ExclusiveMinimumSequenceNumber ${given} used in PutRecord on stream ${stream.name} under account ${ctx.account} is invalid.`,
    );
  }
  return parts;
}

/**
 * Appends one record to its shard at `now` and returns its sequence number. The caller notes the
 * arrival for retention (`noteArrival`), once per call: PutRecords writes up to 500 at one instant.
 */
export function appendRecord(
  shard: ShardState,
  now: number,
  fraction: number,
  partitionKey: string,
  data: Uint8Array,
  bytes: number,
  encryption: number,
): string {
  chargeWrite(shard, now, bytes);
  const sequenceNumber = takeSequenceNumber(shard.sequence, Math.floor(now / 1000));
  shard.records.push(sequenceNumber, partitionKey, data, now, fraction, encryption);
  return sequenceNumber;
}
