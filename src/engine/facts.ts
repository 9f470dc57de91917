/**
 * Facts of the service that the layers above draw and explain with, taken from the engine so that
 * no view keeps its own copy: the per-shard limits, which open shard owns a hash key, and where
 * retention has trimmed a shard at a given instant.
 */
import { hashKeyOf } from './core/hash';
import { READ_BYTES_PER_SECOND, READ_CALLS_PER_SECOND } from './reads';
import { routeOf, routingTable } from './shards';
import type { ShardState, StreamState } from './state';
import { WRITE_BYTES_PER_SECOND, WRITE_RECORDS_PER_SECOND } from './writes';

/** Per-shard throughput limits, per second: what the engine throttles against. */
export const SHARD_LIMITS = {
  writeRecords: WRITE_RECORDS_PER_SECOND,
  writeBytes: WRITE_BYTES_PER_SECOND,
  readCalls: READ_CALLS_PER_SECOND,
  readBytes: READ_BYTES_PER_SECOND,
} as const;

/** The open shard whose range holds the hash key: where PutRecord would write it now. */
export function openShardOf(stream: StreamState, hashKey: bigint): ShardState | undefined {
  const table = routingTable(stream);
  if (table.shards.length === 0) return undefined;
  return table.shards[routeOf(table, hashKey.toString(16).padStart(32, '0'))];
}

/** The open shard a partition key goes to now. */
export const openShardOfKey = (stream: StreamState, partitionKey: string): ShardState | undefined =>
  openShardOf(stream, hashKeyOf(partitionKey));

/** Records that arrived before this instant are gone at `now` (retention, and what it trimmed before). */
export function trimHorizonTimeAt(stream: StreamState, now: number): number {
  const horizon = now - stream.retentionHours * 3_600_000;
  return stream.trimmedBefore !== undefined && stream.trimmedBefore > horizon ? stream.trimmedBefore : horizon;
}

/** The first position of the shard still readable at `now`. */
export function trimHorizonPosition(stream: StreamState, shard: ShardState, now: number): number {
  return Math.max(shard.trimmedThrough, shard.records.firstAtOrAfter(trimHorizonTimeAt(stream, now)));
}
