import { SHARD_LIMITS } from '../../engine/index';
import type { SecondBucket, StreamHistory } from '../../store/history';

/** The per-shard limits, as the engine throttles against them. */
export const LIMITS = SHARD_LIMITS;

export type Metric = keyof typeof LIMITS;
export const METRICS: readonly Metric[] = ['writeRecords', 'writeBytes', 'readCalls', 'readBytes'];

/** One shard's traffic over the last `seconds` whole virtual seconds up to `now`, as per-second series. */
export interface ShardRates {
  readonly shardId: string;
  /** Per metric, a series of per-second values, oldest first. */
  readonly series: Record<Metric, Float64Array>;
  readonly throttled: Float64Array;
  /** The latest complete second's values. */
  readonly current: Record<Metric, number>;
  /** current / limit, per metric. */
  readonly use: Record<Metric, number>;
  readonly throttledTotal: number;
}

/**
 * Rates for the given shards from the history's per-second buckets. "Current" is the second that
 * holds `now` when it has traffic, else the one before, so a paused clock still shows the last rate.
 */
export function ratesOf(history: StreamHistory, shardIds: readonly string[], now: number, seconds = 60): ShardRates[] {
  const last = Math.floor(now / 1000);
  const first = last - seconds + 1;
  return shardIds.map((shardId) => {
    const buckets = history.traffic.get(shardId);
    const series = {
      writeRecords: new Float64Array(seconds),
      writeBytes: new Float64Array(seconds),
      readCalls: new Float64Array(seconds),
      readBytes: new Float64Array(seconds),
    };
    const throttled = new Float64Array(seconds);
    let throttledTotal = 0;
    if (buckets) {
      for (let s = first; s <= last; s++) {
        const b: SecondBucket | undefined = buckets.get(s);
        if (!b) continue;
        const k = s - first;
        series.writeRecords[k] = b.writeRecords;
        series.writeBytes[k] = b.writeBytes;
        series.readCalls[k] = b.readCalls;
        series.readBytes[k] = b.readBytes;
        throttled[k] = b.throttled;
        throttledTotal += b.throttled;
      }
    }
    const pick = (m: Metric) => {
      const a = series[m];
      const here = a[seconds - 1]!;
      return here > 0 ? here : (a[seconds - 2] ?? 0);
    };
    const current = {
      writeRecords: pick('writeRecords'),
      writeBytes: pick('writeBytes'),
      readCalls: pick('readCalls'),
      readBytes: pick('readBytes'),
    };
    const use = {
      writeRecords: current.writeRecords / LIMITS.writeRecords,
      writeBytes: current.writeBytes / LIMITS.writeBytes,
      readCalls: current.readCalls / LIMITS.readCalls,
      readBytes: current.readBytes / LIMITS.readBytes,
    };
    return { shardId, series, throttled, current, use, throttledTotal };
  });
}
