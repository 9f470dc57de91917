import type { Context } from './context';
import type { StreamState } from './state';

/**
 * Retention on the clock. Reads always compute the exact trim horizon; these checks only announce
 * trimming (recordsTrimmed, shardExpired) on whole seconds, one pending check per stream.
 */
export function scheduleTrimCheck(ctx: Context, stream: StreamState, at: number): void {
  const due = Math.ceil(at / 1000) * 1000;
  if (stream.nextTrimCheckAt !== undefined && stream.nextTrimCheckAt <= due && stream.nextTrimCheckAt >= ctx.now())
    return;
  stream.nextTrimCheckAt = due;
  ctx.schedule(due, { kind: 'trimCheck', stream: stream.name, generation: stream.generation });
}

/** After a record arrives: make sure a check is due when it ages out. */
export function noteArrival(ctx: Context, stream: StreamState): void {
  if (stream.nextTrimCheckAt === undefined || stream.nextTrimCheckAt < ctx.now()) {
    scheduleTrimCheck(ctx, stream, ctx.now() + stream.retentionHours * 3_600_000);
  }
}

export function runTrimCheck(ctx: Context, stream: StreamState, at: number): void {
  if (stream.nextTrimCheckAt !== at) return; // superseded by a later schedule
  delete stream.nextTrimCheckAt;
  const horizon = ctx.trimHorizonTime(stream);
  const retentionMs = stream.retentionHours * 3_600_000;
  let next = Infinity;
  for (const shard of stream.shards) {
    const trimmed = shard.records.firstAtOrAfter(horizon, shard.trimmedThrough);
    if (trimmed > shard.trimmedThrough) {
      ctx.emit({
        type: 'recordsTrimmed',
        t: at,
        stream: stream.name,
        shardId: shard.id,
        trimmedThrough: trimmed,
        count: trimmed - shard.trimmedThrough,
        reason: 'retention',
      });
      shard.trimmedThrough = trimmed;
    }
    // Trimmed for good (a longer retention never revives them): their memory goes.
    shard.records.release(shard.trimmedThrough);
    // A record is gone once it is strictly older than the horizon: one ms after arrival + retention.
    if (trimmed < shard.records.length) next = Math.min(next, shard.records.arrival(trimmed) + retentionMs + 1);
    if (shard.closedAt !== undefined && !shard.expiredAnnounced) {
      if (ctx.isExpired(stream, shard)) {
        shard.expiredAnnounced = true;
        ctx.emit({ type: 'shardExpired', t: at, stream: stream.name, shardId: shard.id });
      } else {
        next = Math.min(next, shard.closedAt + retentionMs + 1);
      }
    }
  }
  if (next !== Infinity) scheduleTrimCheck(ctx, stream, next);
}
