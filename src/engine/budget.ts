import type { Context } from './context';
import type { ShardState, StreamState } from './state';

/**
 * The record budget (EngineOptions.recordBudget): the most records the engine holds across every
 * stream. Past it, the oldest records go first, as if retention had reached them: the shards
 * announce them trimmed (recordsTrimmed, reason 'budget'), reads no longer return them, and
 * their memory is released. Trimming goes down to an eighth below the budget, so that the work
 * of finding the oldest records (a pass over the shards) is paid once per budget/8 records
 * written, not on every call.
 */
export const BUDGET_SLACK = 8;

/** Trims the oldest records when the engine holds more than its budget. Runs after every call. */
export function enforceRecordBudget(ctx: Context): void {
  const budget = ctx.options.recordBudget;
  const { tally } = ctx.state;
  if (budget === undefined || tally.held <= budget) return;
  // The tally counts what logs appended and released; count exactly before trimming anything.
  const holding: { stream: StreamState; shard: ShardState }[] = [];
  let held = 0;
  for (const stream of ctx.state.streams.values()) {
    for (const shard of stream.shards) {
      const { length, retainedFrom } = shard.records;
      if (length > retainedFrom) {
        holding.push({ stream, shard });
        held += length - retainedFrom;
      }
    }
  }
  tally.held = held;
  if (held <= budget) return;
  const excess = held - (budget - Math.floor(budget / BUDGET_SLACK));
  // How many held records arrived before `time`.
  const before = (time: number) => {
    let count = 0;
    for (const { shard } of holding) count += shard.records.firstAtOrAfter(time) - shard.records.retainedFrom;
    return count;
  };
  // The least instant `cut` such that at least `excess` records arrived before it: every record
  // before cut − 1 goes, and of those that arrived at cut − 1, as many as still needed, shard by
  // shard in the order of the streams and their shards (the same order on every replay).
  let lo = Infinity;
  let hi = -Infinity;
  for (const { shard } of holding) {
    lo = Math.min(lo, shard.records.arrival(shard.records.retainedFrom));
    hi = Math.max(hi, shard.records.arrival(shard.records.length - 1) + 1);
  }
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (before(mid) >= excess) hi = mid;
    else lo = mid + 1;
  }
  const last = lo - 1;
  let remaining = excess - before(last);
  const now = ctx.now();
  for (const { stream, shard } of holding) {
    const log = shard.records;
    let through = log.firstAtOrAfter(last);
    if (remaining > 0) {
      const atLast = log.firstAtOrAfter(last + 1) - through;
      const taken = Math.min(atLast, remaining);
      through += taken;
      remaining -= taken;
    }
    if (through > shard.trimmedThrough) {
      ctx.emit({
        type: 'recordsTrimmed',
        t: now,
        stream: stream.name,
        shardId: shard.id,
        trimmedThrough: through,
        count: through - shard.trimmedThrough,
        reason: 'budget',
      });
      shard.trimmedThrough = through;
    }
    log.release(through);
  }
}

/** A deleted stream's records no longer count toward the budget. */
export function forgetRecords(ctx: Context, stream: StreamState): void {
  for (const shard of stream.shards) ctx.state.tally.held -= shard.records.length - shard.records.retainedFrom;
}
