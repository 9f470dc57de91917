import type { StreamState } from '../../engine/index';
import type { StreamHistory } from '../../store/history';
import { LIMITS } from '../model/rates';
import { hotAt, type ShardLoads } from './shardLoads';

/**
 * A shard's write use of its limits in the latest second with traffic (this one, else the one
 * before), as the throughput view's bars show it: two map lookups, so ranking 10,000 shards is cheap.
 */
export function writeUseNow(history: StreamHistory, shardId: string, now: number): number {
  const buckets = history.traffic.get(shardId);
  if (!buckets) return 0;
  const second = Math.floor(now / 1000);
  const b = buckets.get(second);
  const shareOfLimit = (x: typeof b) =>
    x ? Math.max(x.writeRecords / LIMITS.writeRecords, x.writeBytes / LIMITS.writeBytes) : 0;
  const here = shareOfLimit(b);
  return here > 0 ? here : shareOfLimit(buckets.get(second - 1));
}

/** Which of the given shards are hot by the loads (open shards only: closed ones take no writes). */
export function hotAmong(stream: StreamState, loads: ShardLoads, positions: readonly number[]): Set<string> {
  const hot = new Set<string>();
  for (const p of positions) {
    const id = stream.shards[p]!.id;
    const at = loads.open.positionOf.get(id);
    if (at !== undefined && hotAt(loads, at)) hot.add(id);
  }
  return hot;
}
