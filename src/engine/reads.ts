import type { Context } from './context';
import { throughputExceeded } from './errors';
import { shardRateExceeded } from './messages';
import type { ShardState, StreamState } from './state';

/** Per-shard read limits: 5 GetRecords calls and 2 MiB per second; one call returns 10 MiB at most. */
export const READ_CALLS_PER_SECOND = 5;
export const READ_BYTES_PER_SECOND = 2 * 1048576;
export const GET_RECORDS_MAX_BYTES = 10 * 1048576;

/** Throws ProvisionedThroughputExceededException (and logs it) when the shard cannot be read now. */
export function checkRead(ctx: Context, stream: StreamState, shard: ShardState): void {
  if (!ctx.options.limits.throughput) return;
  const now = ctx.now();
  const second = Math.floor(now / 1000);
  const window = shard.read.second === second ? shard.read : { count: 0, bytes: 0 };
  if (now < shard.readBlockedUntil || window.count >= READ_CALLS_PER_SECOND || window.bytes >= READ_BYTES_PER_SECOND) {
    ctx.emit({
      type: 'throttled',
      t: now,
      stream: stream.name,
      shardId: shard.id,
      operation: 'GetRecords',
      direction: 'read',
      count: 1,
    });
    throw throughputExceeded(shardRateExceeded(shard.id, stream.name, ctx.account));
  }
}

/**
 * Counts a read against the shard. A read of more than 2 MiB borrows from the seconds after it:
 * after a 10 MiB read, the shard answers no reads for 5 seconds.
 */
export function chargeRead(ctx: Context, shard: ShardState, bytes: number): void {
  const now = ctx.now();
  const second = Math.floor(now / 1000);
  if (shard.read.second !== second) shard.read = { second, count: 0, bytes: 0 };
  shard.read.count += 1;
  shard.read.bytes += bytes;
  if (bytes > READ_BYTES_PER_SECOND) shard.readBlockedUntil = now + (bytes / READ_BYTES_PER_SECOND) * 1000;
}
