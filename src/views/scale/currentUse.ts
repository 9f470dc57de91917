import type { StreamState } from '../../engine/index';
import type { SecondBucket, StreamHistory } from '../../store/history';
import { LIMITS } from '../model/rates';
import { shareOf } from '../model/bands';
import { HOT_LOAD, HOT_MIN_RECORDS } from '../model/segments';
import { openShardsOf } from './openShards';

/**
 * A shard's write use of its limits in the latest second with traffic (this one, else the one
 * before), as the throughput view's bars show it: one lookup in the history's newest seconds, so
 * ranking 10,000 shards each redraw stays cheap.
 */
export function writeUseNow(history: StreamHistory, shardId: string, now: number): number {
  const newest = history.newest.get(shardId);
  if (newest === undefined) return 0;
  const second = Math.floor(now / 1000);
  const here = newest.second === second ? shareOfLimit(newest.bucket) : 0;
  if (here > 0) return here;
  const before =
    newest.second === second - 1
      ? newest.bucket
      : newest.previous?.second === second - 1
        ? newest.previous.bucket
        : undefined;
  return before ? shareOfLimit(before) : 0;
}

const shareOfLimit = (b: SecondBucket): number =>
  Math.max(b.writeRecords / LIMITS.writeRecords, b.writeBytes / LIMITS.writeBytes);

/**
 * Which of the given shards are hot over the last `seconds` up to `now`: by the summarised hash key
 * space's rule (see hotAt) (records in the window against the shard's share of the space), over whole seconds, with
 * the stream's total from the history's per-second count, so only the shards shown are searched.
 */
export function hotAmong(
  stream: StreamState,
  history: StreamHistory,
  positions: readonly number[],
  now: number,
  seconds: number,
): Set<string> {
  const last = Math.floor(now / 1000);
  let total = 0;
  for (let s = last - seconds + 1; s <= last; s++) total += history.writesPerSecond.get(s) ?? 0;
  const since = (last - seconds + 1) * 1000;
  const hot = new Set<string>();
  if (total < HOT_MIN_RECORDS || openShardsOf(stream).shards.length < 2) return hot;
  for (const p of positions) {
    const shard = stream.shards[p]!;
    if (shard.closedAt !== undefined) continue;
    const records = shard.records.firstAtOrAfter(now + 1) - shard.records.firstAtOrAfter(since);
    const share = shareOf(shard.startingHashKey, shard.endingHashKey);
    if (records >= HOT_MIN_RECORDS && share > 0 && records / total / share >= HOT_LOAD) hot.add(shard.id);
  }
  return hot;
}
